import { runTsWorker } from '@zactor/testing';
import { CONTROL_BYTES, GO, READY, stamp } from './control.js';

/** One benchmark worker: its module and its data (the control buffer is added). */
export interface WorkerSpec {
  readonly url: URL;
  readonly data: Record<string, unknown>;
}

/** What every consumer worker posts when it is done. */
export interface ConsumerReport {
  /** `stamp()` when the consumer finished each round. */
  readonly ends: number[];
  /** Records this consumer took in each round. */
  readonly counts: number[];
  /** Int32 sum of the values it took, all rounds together. */
  readonly checksum: number;
}

/** Figures of the measured round. */
export interface ThroughputResult {
  readonly itemsPerSecond: number;
  readonly items: number;
  readonly seconds: number;
  /** Every record arrived, with the expected checksum. */
  readonly ok: boolean;
}

const WARMUP_SHARE = 0.2;

/** Items per round: a warm-up of a fifth of `items` (at least 1000), then `items`. */
export function roundsFor(items: number): number[] {
  return [Math.max(1000, Math.floor(items * WARMUP_SHARE)), items];
}

/**
 * Starts every worker, runs the rounds in lock-step (all workers report ready, then one GO),
 * and returns the throughput of the last round, measured from GO to the last consumer's end.
 * Worker modules may be TypeScript (run through tsx) or JavaScript.
 */
export async function runWorkers(
  specs: readonly WorkerSpec[],
  rounds: readonly number[],
  isConsumer: (index: number) => boolean,
  expectedChecksum: number,
): Promise<ThroughputResult> {
  const controlBuffer = new SharedArrayBuffer(CONTROL_BYTES);
  const control = new Int32Array(controlBuffer);
  const done = specs.map((spec) =>
    runTsWorker<ConsumerReport | null>(spec.url, { ...spec.data, control: controlBuffer, rounds }),
  );
  let failed: unknown;
  const watch = Promise.all(done).catch((error: unknown) => {
    failed = error;
  });
  const starts: number[] = [];
  for (let round = 0; round < rounds.length; round++) {
    const target = specs.length * (round + 1);
    while (Atomics.load(control, READY) < target) {
      if (failed !== undefined) throw failed;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    starts.push(stamp());
    Atomics.store(control, GO, round + 1);
    Atomics.notify(control, GO);
  }
  await watch;
  if (failed !== undefined) throw failed;
  const reports = (await Promise.all(done)).filter((_, i) => isConsumer(i)) as ConsumerReport[];
  const last = rounds.length - 1;
  const end = Math.max(...reports.map((r) => r.ends[last]!));
  const seconds = (end - starts[last]!) / 1000;
  const items = rounds[last]!;
  const received = rounds.map((_, r) => reports.reduce((sum, rep) => sum + rep.counts[r]!, 0));
  const checksum = reports.reduce((sum, r) => (sum + r.checksum) | 0, 0);
  return {
    itemsPerSecond: items / seconds,
    items,
    seconds,
    ok: received.every((n, r) => n === rounds[r]) && checksum === expectedChecksum,
  };
}

/** The share of `total` that part `index` of `parts` handles (the first takes the remainder). */
export function share(total: number, parts: number, index: number): number {
  const base = Math.floor(total / parts);
  return index === 0 ? total - base * (parts - 1) : base;
}

/** Int32 sum over producers of the values 0..n-1 each writes (value = running index). */
export function checksumOf(counts: readonly number[]): number {
  let sum = 0;
  for (const n of counts) for (let i = 0; i < n; i++) sum = (sum + i) | 0;
  return sum;
}
