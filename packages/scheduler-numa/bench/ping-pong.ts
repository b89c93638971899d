import type { Worker } from 'node:worker_threads';
import { MpscRing } from '@zactor/ringbuffer';
import { startTsWorker } from '@zactor/testing';
import { CONTROL_WORDS, DONE, GO, ROUNDS } from './ping-pong-control.js';

const worker = new URL('./workers/ping-pong-worker.ts', import.meta.url);

type WaitAsync = (a: Int32Array, i: number, v: number) => { async: boolean; value: unknown };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** Two workers bouncing one record between their MpscRing inboxes. */
export interface PingPong {
  /** Runs `rounds` round trips and resolves when the initiator has its last answer. */
  run(rounds: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts the pair pinned to `cpus` ([initiator, responder]), or unpinned when null. */
export async function startPingPong(cpus: readonly [number, number] | null): Promise<PingPong> {
  const control = new SharedArrayBuffer(CONTROL_WORDS * 4);
  const words = new Int32Array(control);
  const rings = [
    MpscRing.create({ capacityBytes: 4096 }),
    MpscRing.create({ capacityBytes: 4096 }),
  ];
  let failure: unknown;
  const workers: Worker[] = [0, 1].map((side) => {
    const w = startTsWorker(worker, {
      workerData: {
        initiator: side === 0,
        own: rings[side]!.buffer,
        peer: rings[1 - side]!.buffer,
        control,
        cpu: cpus === null ? -1 : cpus[side]!,
      },
    });
    w.on('error', (error) => {
      failure = error;
      Atomics.add(words, DONE, 1);
      Atomics.notify(words, DONE);
    });
    return w;
  });
  return {
    async run(rounds) {
      const done = Atomics.load(words, DONE);
      Atomics.store(words, ROUNDS, rounds);
      Atomics.add(words, GO, 1);
      Atomics.notify(words, GO);
      const keepAlive = setInterval(() => {}, 1000);
      while (Atomics.load(words, DONE) === done) {
        const wait = waitAsync(words, DONE, done);
        if (wait.async) await wait.value;
      }
      clearInterval(keepAlive);
      if (failure !== undefined) throw failure;
    },
    async close() {
      Atomics.store(words, ROUNDS, -1);
      Atomics.add(words, GO, 1);
      Atomics.notify(words, GO);
      await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
    },
  };
}
