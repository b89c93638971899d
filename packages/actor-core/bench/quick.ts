import { runPingPong } from './ping-pong.js';

for (const throughput of [50, 100, 300, 800]) {
  for (let r = 0; r < 3; r++) {
    const res = await runPingPong({ pairs: 32, inFlight: 100, perPair: 200_000, throughput });
    console.log(
      `throughput ${throughput}: ${(res.messagesPerSecond / 1e6).toFixed(1)}M msg/s (${res.seconds.toFixed(2)} s)`,
    );
  }
}
const one = await runPingPong({ pairs: 1, inFlight: 1, perPair: 2_000_000, throughput: 300 });
console.log(`1 pair, 1 in flight: ${(one.messagesPerSecond / 1e6).toFixed(1)}M msg/s`);
