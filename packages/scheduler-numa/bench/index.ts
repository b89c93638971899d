/*
 * Micro benchmarks of @zactor/scheduler-numa. Run (about half a minute):
 *   cd packages/scheduler-numa && flock /tmp/zactor-bench.lock npx tsx --conditions=@zactor/source bench/index.ts
 * Figures on a shared 2-core machine are indicative only; the official ones come from apps/bench.
 */
import { Bench, type Task } from 'tinybench';
import { readTopology } from '../src/index.js';
import { startPingPong } from './ping-pong.js';
import { runTaskBatch, startTaskPool } from './task-throughput.js';

const TASKS = 5_000;
const ITERATIONS = 5_000;
const ROUND_TRIPS = 20_000;

/**
 * Two spinning threads sharing one cpu only make progress when the kernel switches between
 * them (a time slice of milliseconds each way), so that pair gets far fewer rounds per sample.
 */
function roundsFor(pin: readonly [number, number] | null): number {
  return pin !== null && pin[0] === pin[1] ? 20 : ROUND_TRIPS;
}

function perSecond(task: Task, perIteration: number): string {
  const result = task.result;
  if (!('throughput' in result)) return 'n/a';
  return ((result.throughput.mean * perIteration) / 1e3).toFixed(1);
}

// ---- task throughput on a skewed load --------------------------------------------------------
const stealing = await startTaskPool(true);
const noStealing = await startTaskPool(false);
const tasks = new Bench({ name: 'tasks', time: 2000, iterations: 10, warmupIterations: 3 });
tasks
  .add('skewed (all to worker 0), stealing on', () =>
    runTaskBatch(stealing, TASKS, ITERATIONS, true),
  )
  .add('skewed (all to worker 0), stealing off', () =>
    runTaskBatch(noStealing, TASKS, ITERATIONS, true),
  )
  .add('balanced (alternating), stealing on', () =>
    runTaskBatch(stealing, TASKS, ITERATIONS, false),
  )
  .add('balanced (alternating), stealing off', () =>
    runTaskBatch(noStealing, TASKS, ITERATIONS, false),
  );
await tasks.run();
const steals = stealing.metrics(1).steals;
await Promise.all([stealing.shutdown(), noStealing.shutdown()]);
console.log(`Task throughput, 2 workers: ${TASKS} tasks of ${ITERATIONS} mixing rounds per sample`);
console.table(
  tasks.tasks.map((t) => ({
    scenario: t.name,
    'k tasks/s': perSecond(t, TASKS),
    samples: 'latency' in t.result ? t.result.latency.samplesCount : 0,
  })),
);
console.log(`(worker 1 of the stealing pool stole ${steals} tasks)`);

// ---- ring ping-pong between two workers, pinned vs not ----------------------------------------
const cpus = readTopology().allowedCpus;
const pairs: [string, readonly [number, number] | null][] = [['unpinned', null]];
if (cpus.length >= 2)
  pairs.unshift([`pinned to cpus ${cpus[0]} and ${cpus[1]}`, [cpus[0]!, cpus[1]!]]);
pairs.push([`both pinned to cpu ${cpus[0]}`, [cpus[0]!, cpus[0]!]]);
const pingPong = new Bench({ name: 'ping-pong', time: 1000, iterations: 5, warmupIterations: 1 });
const started = [];
for (const [name, pin] of pairs) {
  const pair = await startPingPong(pin);
  started.push(pair);
  const rounds = roundsFor(pin);
  pingPong.add(name, () => pair.run(rounds));
}
await pingPong.run();
await Promise.all(started.map((pair) => pair.close()));
console.log('MpscRing ping-pong between two busy-spinning workers (one 4-byte record each way)');
console.table(
  pingPong.tasks.map((t, i) => {
    const rounds = roundsFor(pairs[i]![1]);
    const perSec = 'throughput' in t.result ? t.result.throughput.mean * rounds : 0;
    return {
      scenario: t.name,
      'round trips/s': Math.round(perSec).toLocaleString('en-US'),
      'ns per round trip': perSec > 0 ? Math.round(1e9 / perSec) : 'n/a',
    };
  }),
);
