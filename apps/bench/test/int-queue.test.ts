import { describe, expect, it } from 'vitest';
import {
  attachQueue,
  createQueueBuffer,
  type QueueKind,
  STOP_PILL,
} from '../src/suites/ringbuffer/int-queue.js';

const KINDS: readonly QueueKind[] = ['locked', 'raw-spsc', 'spsc', 'mpsc', 'mpmc'];

describe.each(KINDS)('the %s queue adapter', (kind) => {
  it('hands values back in order, batch by batch, and takes the stop pill', () => {
    const q = attachQueue(kind, createQueueBuffer(kind, 16));
    expect(q.push(7)).toBe(true);
    expect(q.pushBatch(Int32Array.of(0, 1, 2, 3, 4), 1, 4)).toBe(4);
    expect(q.push(STOP_PILL)).toBe(true);
    const out = new Int32Array(8);
    expect(q.popBatch(out, 3)).toBe(3);
    expect([...out.subarray(0, 3)]).toEqual([7, 1, 2]);
    expect(q.popBatch(out, 8)).toBe(3);
    expect([...out.subarray(0, 3)]).toEqual([3, 4, STOP_PILL]);
    expect(q.popBatch(out, 8)).toBe(0);
  });

  it('pushes no more than the capacity and frees room as values are taken', () => {
    const q = attachQueue(kind, createQueueBuffer(kind, 8));
    const src = Int32Array.from({ length: 32 }, (_, i) => i);
    let pushed = q.pushBatch(src, 0, 32);
    expect(pushed).toBeGreaterThan(0);
    expect(pushed).toBeLessThanOrEqual(8);
    expect(q.push(99)).toBe(false);
    const out = new Int32Array(32);
    let taken = 0;
    // Round after round the values come out in order and nothing is lost.
    while (taken < 32) {
      const n = q.popBatch(out, 32);
      expect([...out.subarray(0, n)]).toEqual([...src.subarray(taken, taken + n)]);
      taken += n;
      if (pushed < 32) pushed += q.pushBatch(src, pushed, 32 - pushed);
    }
    expect(q.popBatch(out, 32)).toBe(0);
  });

  it('is seen the same way from a second attachment of the buffer', () => {
    const buffer = createQueueBuffer(kind, 8);
    attachQueue(kind, buffer).push(41);
    const out = new Int32Array(1);
    expect(attachQueue(kind, buffer).popBatch(out, 1)).toBe(1);
    expect(out[0]).toBe(41);
  });
});
