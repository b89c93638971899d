/**
 * actor-core micro benchmarks. Run: `npx tsx --conditions=@zactor/source bench/index.ts`
 * (the package's `bench` script). End-to-end comparisons with peers live in apps/bench.
 */
import { Bench } from 'tinybench';
import { ActorSystem } from '../src/index.js';
import { runPingPongAllocation } from './allocation.js';
import { runPingPong } from './ping-pong.js';
import { runSpawn } from './spawn.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rows: Record<string, string>[] = [];
for (const throughput of [50, 100, 300, 800]) {
  const runs: number[] = [];
  await runPingPong({ pairs: 32, inFlight: 100, perPair: 50_000, throughput }); // warm-up
  for (let r = 0; r < 5; r++) {
    runs.push(
      (await runPingPong({ pairs: 32, inFlight: 100, perPair: 200_000, throughput }))
        .messagesPerSecond,
    );
  }
  rows.push({
    scenario: `ping-pong 32 pairs x 100 in flight, throughput ${throughput}`,
    'msg/s (median of 5)': `${(median(runs) / 1e6).toFixed(1)}M`,
  });
}
{
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    runs.push(
      (await runPingPong({ pairs: 1, inFlight: 1, perPair: 2_000_000, throughput: 300 }))
        .messagesPerSecond,
    );
  }
  rows.push({
    scenario: 'ping-pong 1 pair, 1 in flight',
    'msg/s (median of 5)': `${(median(runs) / 1e6).toFixed(1)}M`,
  });
}
for (let r = 0; r < 2; r++) {
  const spawn = await runSpawn(1_000_000);
  rows.push({
    scenario: `spawn 1M actors (run ${r + 1})`,
    'msg/s (median of 5)': `${spawn.seconds.toFixed(3)} s, ${spawn.bytesPerActor.toFixed(0)} B/actor`,
  });
}
console.table(rows);

const system = new ActorSystem({ latencySampleEvery: 0 });
const echo = system.spawn<number>((n, ctx) => ctx.reply(n));
const bench = new Bench({ time: 500 });
bench.add('ask round trip (same worker)', async () => {
  await echo.ask(1);
});
await bench.run();
console.table(bench.table());
await system.shutdown();

const allocation = await runPingPongAllocation();
console.table([
  {
    scenario: 'steady ping-pong, 32 pairs x 100 in flight (marginal: long run minus short run)',
    'allocated MB/s': (allocation.bytesPerSecond / 1e6).toFixed(2),
    'B/message': allocation.bytesPerMessage.toFixed(3),
  },
]);
