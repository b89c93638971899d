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
    worker.held(held);
    const other = main.alloc(100);
    expect(words[6]).toBe(held);
    expect(main.outstanding()).toBe(2);
    expect(main.reclaim(2)).toBe(0);
    expect(main.reclaim(3)).toBe(1);
    expect(main.outstanding()).toBe(1);
    expect(words[6]).toBe(-1);
    // Reclaimed once: a second reclaim finds nothing.
    expect(main.reclaim(3)).toBe(0);
    main.free(other);
  });

  it('notes nothing once a block is published (the hold is cleared first)', () => {
    const { main, worker } = stores();
    const block = worker.alloc(100);
    worker.held(block);
    worker.held(-1);
    expect(main.reclaim(3)).toBe(0);
    expect(main.outstanding()).toBe(1);
  });

  it('notes a taken block while it decodes, and clears the note before it frees it', () => {
    const { main, worker, words } = stores();
    const block = main.alloc(100);
    let during = 0;
    const codec = {
      decode: () => {
        during = words[7]!;
        return 'decoded';
      },
    } as unknown as ClusterCodec;
    expect(worker.take(codec, reference(block, 100), 0)).toBe('decoded');
    expect(during).toBe(block);
    expect(words[7]).toBe(-1);
    expect(main.outstanding()).toBe(0);
    expect(main.reclaim(3)).toBe(0);
  });

  it("the main thread's own store notes nothing (it never dies while its cluster runs)", () => {
    const { main, words } = stores();
    main.held(main.alloc(100));
    expect([...words].every((w) => w === -1)).toBe(true);
  });
});
