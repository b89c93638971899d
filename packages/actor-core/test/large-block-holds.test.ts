/**
 * The large-message blocks a worker holds where no one else can find them (allocated and not
 * yet published, or taken and not yet freed) are freed by the main thread when it dies
 * (large/block-holds.ts), and a hold is noted only while it lasts.
 */
import { describe, expect, it } from 'vitest';
import { SlabLargeMessageStore } from '../src/cluster/large/large-message.js';
import type { ClusterCodec } from '../src/cluster/wire/cluster-codec.js';
import { BLOCK_REF_LENGTH, BLOCK_REF_OFFSET } from '../src/cluster/wire/envelope-layout.js';

const SLABS = [{ blockSize: 1024, blockCount: 4 }];
/** Worker 3's words: 8 per worker, producers' first, then the consumer's. */
const W3 = 24;
const CONSUMER = W3 + 4;

/** The main thread's store, and worker 3's view of it. */
function stores() {
  const main = SlabLargeMessageStore.create(64, SLABS);
  const worker = SlabLargeMessageStore.attach(main.buffer, 64, main.holdsBuffer, 3);
  return { main, worker, words: new Int32Array(main.holdsBuffer) };
}

/** A record holding one block reference at byte 0. */
function reference(block: number, length: number): DataView {
  const record = new DataView(new ArrayBuffer(16));
  record.setUint32(BLOCK_REF_OFFSET * 4, block, true);
  record.setUint32(BLOCK_REF_LENGTH * 4, length, true);
  return record;
}

describe('block holds', () => {
  it("frees a dead worker's unpublished block, and only its own", () => {
    const { main, worker, words } = stores();
    const held = worker.alloc(100);
    worker.hold(held);
    const other = main.alloc(100);
    expect(words[W3]).toBe(held);
    expect(main.outstanding()).toBe(2);
    expect(main.reclaim(2)).toBe(0);
    expect(main.reclaim(3)).toBe(1);
    expect(main.outstanding()).toBe(1);
    expect(words[W3]).toBe(-1);
    // Reclaimed once: a second reclaim finds nothing.
    expect(main.reclaim(3)).toBe(0);
    main.free(other);
  });

  it('notes each of nested sends on its own, and forgets one once it is published', () => {
    const { main, worker, words } = stores();
    const outer = worker.alloc(100);
    worker.hold(outer);
    // A codec's getter sends another large message while the outer one encodes.
    const inner = worker.alloc(100);
    worker.hold(inner);
    expect([...words.subarray(W3, W3 + 2)]).toEqual([outer, inner]);
    worker.release(inner);
    expect([...words.subarray(W3, W3 + 2)]).toEqual([outer, -1]);
    // The inner one went to its receiver (who frees it); the worker dies encoding the outer one.
    expect(main.reclaim(3)).toBe(1);
    expect(main.outstanding()).toBe(1);
    main.free(inner);
    expect(main.outstanding()).toBe(0);
  });

  it('notes a taken block while it decodes, and clears the note before it frees it', () => {
    const { main, worker, words } = stores();
    const block = main.alloc(100);
    let during = 0;
    let atFree = 0;
    // The note must be gone when the block is freed (else a death right after would free it
    // again, maybe in someone else's hands): read it from inside the allocator's free.
    const allocator = (worker as unknown as { allocator: { free(offset: number): void } })
      .allocator;
    const free = allocator.free.bind(allocator);
    allocator.free = (offset) => {
      atFree = words[CONSUMER]!;
      free(offset);
    };
    const codec = {
      decode: () => {
        during = words[CONSUMER]!;
        return 'decoded';
      },
    } as unknown as ClusterCodec;
    expect(worker.take(codec, reference(block, 100), 0)).toBe('decoded');
    expect(during).toBe(block);
    expect(atFree).toBe(-1);
    expect(main.outstanding()).toBe(0);
    expect(main.reclaim(3)).toBe(0);
  });

  it("the main thread's own store notes nothing (it never dies while its cluster runs)", () => {
    const { main, words } = stores();
    main.hold(main.alloc(100));
    expect([...words].every((w) => w === -1)).toBe(true);
  });
});
