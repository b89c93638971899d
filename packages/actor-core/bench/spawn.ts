import { ActorSystem } from '../src/index.js';

/** Spawns `count` function actors; reports the time and the retained heap per actor (after GC). */
export async function runSpawn(count: number): Promise<{ seconds: number; bytesPerActor: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  const system = new ActorSystem({ latencySampleEvery: 0 });
  const behavior = (): void => {};
  const start = performance.now();
  for (let i = 0; i < count; i++) system.spawn<number>(behavior);
  const seconds = (performance.now() - start) / 1000;
  gc();
  const after = process.memoryUsage().heapUsed;
  const bytesPerActor = (after - before) / count;
  await system.shutdown();
  return { seconds, bytesPerActor };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (let r = 0; r < 3; r++) {
    const { seconds, bytesPerActor } = await runSpawn(1_000_000);
    console.log(`spawn 1M: ${seconds.toFixed(3)} s, ${bytesPerActor.toFixed(0)} B/actor`);
  }
}
