import { parentPort, workerData } from 'node:worker_threads';
import { CodecRegistry, DecodeError, t } from '../../src/index.js';

/** Decodes a frame with either the same or a newer version of the Ping schema. */
const { frame, length, version } = workerData as {
  frame: SharedArrayBuffer;
  length: number;
  version: 1 | 2;
};
const registry = new CodecRegistry();
registry.register(
  7,
  version === 1 ? t.struct({ seq: t.u32 }) : t.struct({ seq: t.u32, sentAt: t.f64 }),
  { name: 'Ping' },
);
try {
  parentPort!.postMessage({ ok: true, value: registry.decode(new DataView(frame), 0, length) });
} catch (error) {
  if (!(error instanceof DecodeError)) throw error;
  parentPort!.postMessage({ ok: false, code: error.code, typeName: error.typeName });
}
