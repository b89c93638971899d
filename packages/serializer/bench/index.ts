/**
 * Micro-benchmarks of the serializer against JSON, v8.serialize and msgpackr. Run one at a
 * time on the shared machine:
 *   cd packages/serializer && flock /tmp/zactor-bench.lock npx tsx --conditions=@zactor/source bench/index.ts
 * An argument keeps only the scenarios whose name contains it and samples each for longer
 * (e.g. `bench/index.ts 'small encode'` for the encode path of the small message).
 * Figures are indicative; the official ones come from apps/bench.
 */
import { Bench } from 'tinybench';
import {
  fallbackScenarios,
  mediumMessageScenarios,
  type Scenario,
  smallMessageScenarios,
} from './scenarios.js';

const filter = process.argv[2];
const scenarios: Scenario[] = [
  ...smallMessageScenarios(),
  ...mediumMessageScenarios(),
  ...fallbackScenarios(),
].filter((scenario) => filter === undefined || scenario.name.includes(filter));

// Each sample runs a scenario INNER times: one call is tens of nanoseconds, close to the cost
// of reading the timer, so single-call samples would mostly measure the timer.
const INNER = 50;
const bench = new Bench(
  filter === undefined ? { time: 150, warmupTime: 50 } : { time: 1000, warmupTime: 200 },
);
for (const scenario of scenarios) {
  const run = scenario.run;
  bench.add(scenario.name, () => {
    for (let i = 0; i < INNER; i++) run();
  });
}
await bench.run();

const nsPerOp = new Map<string, number>();
for (const task of bench.tasks) {
  const mean = task.result.state === 'completed' ? task.result.latency.mean : Number.NaN;
  nsPerOp.set(task.name, (mean * 1e6) / INNER);
}

const rows = scenarios.map((s) => ({
  message: s.message,
  operation: s.operation,
  implementation: s.implementation,
  'ns/op': Number(nsPerOp.get(s.name)!.toFixed(1)),
  'ops/s': Math.round(1e9 / nsPerOp.get(s.name)!).toLocaleString('en-US'),
}));
console.table(rows);

function ratio(message: string, operation: string, peer: string): string {
  const ours = nsPerOp.get(`${message} ${operation} zactor`)!;
  const theirs = nsPerOp.get(`${message} ${operation} ${peer}`)!;
  return `${(theirs / ours).toFixed(1)}x`;
}

for (const message of filter === undefined ? ['small', 'medium'] : []) {
  for (const peer of ['msgpackr', 'msgpackr-records', 'v8.serialize', 'json']) {
    console.log(
      `${message} roundtrip: zactor is ${ratio(message, 'roundtrip', peer)} faster than ${peer}`,
    );
  }
}
