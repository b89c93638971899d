/**
 * What a larger young generation does for actors spawned in a burst: Savina's Fork-join
 * creation shape (40,000 actors spawned and told one message each; each computes a sin² and
 * stops), run in a worker thread with Node's default heap limits and with
 * `resourceLimits.maxYoungGenerationSizeMb` raised, settings alternated, median of each.
 * Run: `npx tsx --conditions=@zactor/source bench/young-generation.ts` (the package directory).
 * The actors live until the last one is spawned, so every young-generation GC in the burst
 * copies them: with room for the whole burst, none does.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runTsWorker } from '@zactor/testing';
import { ActorSystem } from '../src/index.js';

const ACTORS = 40_000;
const RUNS_PER_WORKER = 12;
/** Runs each worker makes before the ones it reports (V8 warming up). */
const WARMUPS = 4;
const SETTINGS: readonly (number | undefined)[] = [undefined, 96, 192];
const ROUNDS = 3;

/** One Fork-join creation run on this thread: milliseconds from the first spawn to the last run. */
async function forkJoinCreation(): Promise<number> {
  const system = new ActorSystem({ latencySampleEvery: 0 });
  let ran = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const behavior = (theta: number, ctx: { stop(): void }): void => {
    const s = Math.sin(theta);
    if (s * s < 0) throw new Error('unreachable');
    ctx.stop();
    if (++ran === ACTORS) finish();
  };
  const start = performance.now();
  for (let i = 0; i < ACTORS; i++) system.spawn<number>(behavior).tell(37.2);
  await done;
  const ms = performance.now() - start;
  await system.shutdown();
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

if (!isMainThread && workerData === 'fork-join-creation') {
  const times: number[] = [];
  for (let r = 0; r < RUNS_PER_WORKER; r++) {
    const ms = await forkJoinCreation();
    if (r >= WARMUPS) times.push(ms);
  }
  parentPort!.postMessage(times);
} else if (isMainThread) {
  const times = new Map<number | undefined, number[]>(SETTINGS.map((s) => [s, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const mb of SETTINGS) {
      const limits = mb === undefined ? {} : { resourceLimits: { maxYoungGenerationSizeMb: mb } };
      const runs = await runTsWorker<number[]>(
        new URL(import.meta.url),
        'fork-join-creation',
        limits,
      );
      times.get(mb)!.push(...runs);
    }
  }
  console.table(
    SETTINGS.map((mb) => ({
      maxYoungGenerationSizeMb: mb ?? "Node's default",
      [`Fork-join creation, ${ACTORS} actors (median ms)`]: median(times.get(mb)!).toFixed(1),
      runs: times.get(mb)!.length,
      fastest: Math.min(...times.get(mb)!).toFixed(1),
      all: [...times.get(mb)!]
        .sort((a, b) => a - b)
        .map((t) => t.toFixed(0))
        .join(' '),
    })),
  );
}
