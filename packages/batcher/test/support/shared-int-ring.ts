import type { DrainSource } from '../../src/index.js';

/**
 * A minimal single-producer single-consumer ring of int32 values in a SharedArrayBuffer, only
 * for exercising BatchProcessor across threads (the real rings live in @zactor/ringbuffer).
 *
 *   header Int32Array (64 words = 256 bytes)     data Int32Array (capacity words)
 *   +-------+---- 31 words ----+-------+-----+    +----+----+-- ... --+
 *   | head  |     padding      | tail  | ... |    | v0 | v1 |         |
 *   +-------+------------------+-------+-----+    +----+----+-- ... --+
 *   word 0 (consumer-owned)    word 32 (producer-owned, 128 bytes away)
 *
 * Invariants: 0 <= (tail - head) | 0 <= capacity; positions are int32 and wrap at 2^31, so they
 * are compared by subtraction; slot = position & (capacity - 1). The producer writes a value,
 * then publishes it with Atomics.store(tail); the consumer Atomics.loads tail before reading
 * values, and releases slots with Atomics.store(head) after reading them.
 */
export const HEAD = 0;
export const TAIL = 32;
const HEADER_BYTES = 256;

export function createSharedIntRing(capacity: number, startPosition: number): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(HEADER_BYTES + capacity * 4);
  const header = new Int32Array(sab, 0, HEADER_BYTES / 4);
  header[HEAD] = startPosition | 0;
  header[TAIL] = startPosition | 0;
  return sab;
}

function views(sab: SharedArrayBuffer) {
  const header = new Int32Array(sab, 0, HEADER_BYTES / 4);
  const data = new Int32Array(sab, HEADER_BYTES);
  return { header, data, mask: data.length - 1 };
}

/** Producer side: returns false when the ring is full. Call from the one producer thread. */
export function offer(sab: SharedArrayBuffer, value: number): boolean {
  const { header, data, mask } = views(sab);
  const tail = header[TAIL]!;
  if (((tail - Atomics.load(header, HEAD)) | 0) === data.length) return false;
  data[tail & mask] = value;
  Atomics.store(header, TAIL, (tail + 1) | 0);
  return true;
}

/** Consumer side, as a DrainSource. Use from the one consumer thread. */
export class SharedIntRingSource implements DrainSource<number> {
  private readonly header: Int32Array;
  private readonly data: Int32Array;
  private readonly mask: number;

  constructor(sab: SharedArrayBuffer) {
    ({ header: this.header, data: this.data, mask: this.mask } = views(sab));
  }

  drain(handler: (item: number) => void, max = Number.POSITIVE_INFINITY): number {
    const head = this.header[HEAD]!;
    const available = (Atomics.load(this.header, TAIL) - head) | 0;
    const n = Math.min(available, max);
    for (let i = 0; i < n; i++) handler(this.data[(head + i) & this.mask]!);
    Atomics.store(this.header, HEAD, (head + n) | 0);
    return n;
  }
}
