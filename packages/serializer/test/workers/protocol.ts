/**
 * A test-only single-producer single-consumer slot ring for sending size-classed messages
 * between two workers: each slot has 64 inline bytes and three words (class, length, block
 * offset). The producer publishes a slot by storing the tail with Atomics; the consumer
 * acquires it by loading the tail, and hands the slot back by storing the head.
 */
import { CodecRegistry, type RegisteredCodec, t } from '../../src/index.js';

export const SLOTS = 16;
export const SLOT_BYTES = 64;
const HEAD = 0;
const TAIL = 1;
const META = 2;

export const Order = t.struct({
  id: t.u32,
  price: t.f64,
  note: t.utf8,
  fills: t.vec(t.f64),
  from: t.ref,
});

/** Both workers build the same registry (same ids, same schemas). */
export function makeRegistry(): { registry: CodecRegistry; order: RegisteredCodec<typeof Order> } {
  const registry = new CodecRegistry();
  const order = registry.register(1, Order, { name: 'Order' });
  return { registry, order };
}

/** The i-th message of a run: sizes spread over the inline and block classes. */
export function orderFor(seed: number, i: number) {
  const spread = (Math.imul(seed ^ i, 2654435761) >>> 0) % 200;
  return {
    id: i,
    price: i * 0.25,
    note: 'n'.repeat(spread % 40) + (i % 7 === 0 ? 'ü€😀' : ''),
    fills: Array.from({ length: spread % 100 }, (_, k) => k + i),
    from: seed + i,
  };
}

export interface RingBuffers {
  readonly control: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
}

export function createRing(): RingBuffers {
  return {
    control: new SharedArrayBuffer(4 * (META + 3 * SLOTS)),
    data: new SharedArrayBuffer(SLOTS * SLOT_BYTES),
  };
}

const WAIT_MS = 10_000;

export class SlotRing {
  readonly words: Int32Array;
  readonly view: DataView;

  constructor(buffers: RingBuffers) {
    this.words = new Int32Array(buffers.control);
    this.view = new DataView(buffers.data);
  }

  /** Producer: waits for a free slot and returns its index. */
  claim(position: number): number {
    for (;;) {
      const head = Atomics.load(this.words, HEAD);
      if (((position - head) | 0) < SLOTS) return position & (SLOTS - 1);
      if (Atomics.wait(this.words, HEAD, head, WAIT_MS) === 'timed-out')
        throw new Error('consumer stalled');
    }
  }

  publish(position: number, sizeClass: number, length: number, handle: number): void {
    const meta = META + 3 * (position & (SLOTS - 1));
    this.words[meta] = sizeClass;
    this.words[meta + 1] = length;
    this.words[meta + 2] = handle;
    // Plain stores above, then the release: the consumer loads TAIL before reading them.
    Atomics.store(this.words, TAIL, (position + 1) | 0);
    Atomics.notify(this.words, TAIL);
  }

  /** Consumer: waits until `position` is published; returns [class, length, handle]. */
  take(position: number): [number, number, number] {
    for (;;) {
      const tail = Atomics.load(this.words, TAIL);
      if (((tail - position) | 0) > 0) break;
      if (Atomics.wait(this.words, TAIL, tail, WAIT_MS) === 'timed-out')
        throw new Error('producer stalled');
    }
    const meta = META + 3 * (position & (SLOTS - 1));
    return [this.words[meta]!, this.words[meta + 1]!, this.words[meta + 2]!];
  }

  release(position: number): void {
    Atomics.store(this.words, HEAD, (position + 1) | 0);
    Atomics.notify(this.words, HEAD);
  }
}
