/**
 * Child process of typescript-workers.test.ts: starts a one-worker pool on the TypeScript module
 * named by argv[2] (relative to this file) with the default worker factory, squares 7 there and
 * prints `square 49`; a failure prints `error <code> <message>` and exits with code 1.
 */
import { WorkerPool } from '../../src/index.js';

const shared = new SharedArrayBuffer(4);
try {
  const pool = await WorkerPool.start({
    module: new URL(process.argv[2] ?? './square-worker.ts', import.meta.url),
    workers: 1,
    pin: false,
    workerData: shared,
  });
  const payload = new Uint8Array(4);
  new DataView(payload.buffer).setInt32(0, 7, true);
  pool.submit(1, payload);
  await pool.idle();
  await pool.shutdown();
  console.log(`square ${Atomics.load(new Int32Array(shared), 0)}`);
} catch (error) {
  const e = error as Error & { code?: string };
  console.log(`error ${e.code} ${e.message}`);
  process.exitCode = 1;
}
