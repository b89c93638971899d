import { describe, expect, it } from 'vitest';
import { LockedQueue } from '../src/baselines/locked-queue.js';
import { BenchError } from '../src/errors.js';
import { LOCKED_HEAD, LOCKED_TAIL } from '../src/layout.js';

describe('LockedQueue (the lock-based baseline)', () => {
  it('is FIFO, refuses a push when full and returns -1 when empty', () => {
    const q = LockedQueue.create(4);
    for (let i = 0; i < 4; i++) expect(q.push(i)).toBe(true);
    expect(q.push(9)).toBe(false);
    expect([q.pop(), q.pop(), q.pop(), q.pop(), q.pop()]).toEqual([0, 1, 2, 3, -1]);
  });

  it('moves batches up to the free space and the available values', () => {
    const q = LockedQueue.create(8);
    expect(q.pushBatch(Int32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 2, 8)).toBe(8);
    const out = new Int32Array(16);
    expect(q.popBatch(out, 5)).toBe(5);
    expect([...out.subarray(0, 5)]).toEqual([3, 4, 5, 6, 7]);
    expect(q.popBatch(out, 16)).toBe(3);
    expect([...out.subarray(0, 3)]).toEqual([8, 9, 10]);
  });

  it('keeps working when its positions wrap past 2^31', () => {
    const q = LockedQueue.create(4);
    const words = new Int32Array(q.buffer);
    words[LOCKED_HEAD] = 2 ** 31 - 2;
    words[LOCKED_TAIL] = 2 ** 31 - 2;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect(q.push(round * 10 + i)).toBe(true);
      expect(q.push(99)).toBe(false);
      const out = new Int32Array(4);
      expect(q.popBatch(out, 4)).toBe(4);
      expect([...out]).toEqual([0, 1, 2, 3].map((i) => round * 10 + i));
      expect(q.pop()).toBe(-1);
    }
  });

  it('attaches to a posted buffer and sees the same values', () => {
    const q = LockedQueue.create(8);
    q.push(42);
    expect(LockedQueue.attach(q.buffer).pop()).toBe(42);
  });

  it('rejects a capacity that is not a power of two and a buffer of the wrong size', () => {
    expect(() => LockedQueue.create(6)).toThrow(BenchError);
    const sab = new SharedArrayBuffer(LockedQueue.bytesFor(8) + 4);
    new Int32Array(sab)[3] = 8;
    expect(() => LockedQueue.attach(sab)).toThrow(/buffer size/);
  });
});
