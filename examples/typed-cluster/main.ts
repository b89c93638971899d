/**
 * A typed cluster from the main thread: `spawn` knows the kinds of actors.ts, their `args`,
 * and the message type of each ref; `ask` is the same call here and on a worker.
 * Run: `tsx main.ts` (prints one JSON line per answer).
 */
import { ActorCluster } from '@zactor/actor-core';
import type definition from './actors.js';
import type { Pong } from './actors.js';

const cluster = await ActorCluster.start<typeof definition>({
  module: new URL('./actors.ts', import.meta.url),
  workers: 2,
  pin: false,
});
try {
  // ActorRef<Ping>: the ponger's message type, read from its factory in actors.ts.
  const ponger = await cluster.spawn('ponger', { worker: 1, args: { greeting: 'hello' } });
  const relay = await cluster.spawn('relay', { worker: 0 });

  // Main thread -> worker 1.
  const pong: Pong = await cluster.ask(
    ponger,
    { type: 'ping', seq: 1, from: relay },
    { timeoutMs: 5000 },
  );
  console.log(JSON.stringify({ from: 'main', pong }));

  // Main -> worker 0, which asks worker 1 with the same ask signature.
  const relayed: { via: number; pong: Pong } = await cluster.ask(
    relay,
    { type: 'relay', seq: 2, to: ponger },
    { timeoutMs: 5000 },
  );
  console.log(JSON.stringify({ from: 'relay', relayed }));
} finally {
  await cluster.shutdown();
}
