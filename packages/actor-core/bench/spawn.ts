import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ActorSystem } from '../src/index.js';

/** A handle on V8's collector without --expose-gc on the command line. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Spawns `count` function actors; reports the time and the retained heap per actor (after GC). */
export async function runSpawn(count: number): Promise<{ seconds: number; bytesPerActor: number }> {
  const gc = collector();
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
