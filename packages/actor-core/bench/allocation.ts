import { GCProfiler, getHeapStatistics } from 'node:v8';
import { runPingPong } from './ping-pong.js';

/**
 * Bytes the heap grew by between garbage collections while `work` ran, from V8's own GC
 * statistics (node:v8 GCProfiler): for each GC, used-before minus used-after-the-previous-GC,
 * plus the growth since the last GC. That is what was allocated, short-lived objects included.
 */
export async function measureAllocation(
  work: () => Promise<number>,
): Promise<{ bytes: number; seconds: number; gcs: number }> {
  const profiler = new GCProfiler();
  const startUsed = getHeapStatistics().used_heap_size;
  profiler.start();
  const seconds = await work();
  const endUsed = getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  let bytes = 0;
  let previousAfter = startUsed;
  for (const gc of statistics) {
    bytes += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - previousAfter);
    previousAfter = gc.afterGC.heapStatistics.usedHeapSize;
  }
  bytes += Math.max(0, endUsed - previousAfter);
  return { bytes, seconds, gcs: statistics.length };
}

/**
 * Steady ping-pong allocation: the marginal rate between a short and a long run (the same
 * spawn, mailbox growth and shutdown happen in both, so the difference is the steady part).
 */
export async function runPingPongAllocation(
  perPair = 300_000,
): Promise<{ bytesPerSecond: number; bytesPerMessage: number; messagesPerSecond: number }> {
  const options = { pairs: 32, inFlight: 100, throughput: 300 };
  await runPingPong({ ...options, perPair: 20_000 });
  const measure = async (n: number) => {
    let messages = 0;
    const result = await measureAllocation(async () => {
      const run = await runPingPong({ ...options, perPair: n });
      messages = run.messages;
      return run.seconds;
    });
    return { ...result, messages };
  };
  const short = await measure(perPair / 3);
  const long = await measure(perPair);
  const bytes = Math.max(0, long.bytes - short.bytes);
  const seconds = long.seconds - short.seconds;
  const messages = long.messages - short.messages;
  return {
    bytesPerSecond: bytes / seconds,
    bytesPerMessage: bytes / messages,
    messagesPerSecond: messages / seconds,
  };
}
