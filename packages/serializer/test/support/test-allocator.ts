import type { BlockAllocator } from '../../src/index.js';

/**
 * A tiny single-threaded BlockAllocator for tests: `count` blocks of `size` bytes, a free list,
 * and a record of what is outstanding so a test can check every block came back.
 */
export class TestBlockAllocator implements BlockAllocator {
  readonly buffer: SharedArrayBuffer;
  readonly outstanding = new Set<number>();
  private readonly free_: number[] = [];

  constructor(
    readonly size: number,
    count: number,
  ) {
    // An odd start offset would hide alignment bugs; blocks start 8-aligned like real slabs.
    this.buffer = new SharedArrayBuffer(size * count + 64);
    for (let i = count - 1; i >= 0; i--) this.free_.push(64 + i * size);
  }

  alloc(bytes: number): number {
    if (bytes > this.size) return -1;
    const offset = this.free_.pop();
    if (offset === undefined) return -1;
    this.outstanding.add(offset);
    return offset;
  }

  free(offset: number): void {
    if (!this.outstanding.delete(offset)) throw new Error(`double free or not a block: ${offset}`);
    this.free_.push(offset);
  }
}
