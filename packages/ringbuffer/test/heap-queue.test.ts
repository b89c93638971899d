import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  FixedHeapQueue,
  type HeapQueue,
  RingBufferError,
  SegmentedHeapQueue,
} from '../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const variants: [string, <T>() => HeapQueue<T>][] = [
  ['FixedHeapQueue', <T>() => new FixedHeapQueue<T>(8)],
  ['SegmentedHeapQueue', <T>() => new SegmentedHeapQueue<T>(4)],
];

describe.each(variants)('%s', (_name, make) => {
  it('returns items in the order they were pushed', () => {
    const q = make<string>();
    q.push('a');
    q.push('b');
    q.push('c');
    expect(q.peek()).toBe('a');
    expect([q.shift(), q.shift(), q.shift(), q.shift()]).toEqual(['a', 'b', 'c', undefined]);
    expect(q.size).toBe(0);
    expect(q.peek()).toBeUndefined();
  });

  it('drains at most max items and leaves the rest in order', () => {
    const q = make<number>();
    for (let i = 0; i < 6; i++) q.push(i);
    const seen: number[] = [];
    expect(q.drain((x) => seen.push(x), 4)).toBe(4);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(q.size).toBe(2);
    expect(q.drain((x) => seen.push(x))).toBe(2);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(q.drain(() => {}, 0)).toBe(0);
  });

  it('keeps items pushed by the drain handler for the next drain, after the others', () => {
    const q = make<number>();
    q.push(1);
    q.push(2);
    const seen: number[] = [];
    const n = q.drain((x) => {
      seen.push(x);
      if (x < 10) q.push(x + 10);
    });
    expect(n).toBe(2);
    expect(seen).toEqual([1, 2]);
    expect(q.size).toBe(2);
    q.drain((x) => seen.push(x));
    expect(seen).toEqual([1, 2, 11, 12]);
  });

  it('stops early when the drain handler empties the queue itself', () => {
    const q = make<number>();
    for (let i = 0; i < 5; i++) q.push(i);
    const seen: number[] = [];
    const n = q.drain((x) => {
      seen.push(x);
      if (x === 1) q.clear();
    });
    expect(n).toBe(2);
    expect(seen).toEqual([0, 1]);
    expect(q.size).toBe(0);
  });

  it('removes the item before a throwing handler sees it and keeps the rest', () => {
    const q = make<number>();
    for (let i = 0; i < 4; i++) q.push(i);
    expect(() =>
      q.drain((x) => {
        if (x === 1) throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(q.size).toBe(2);
    expect(q.shift()).toBe(2);
  });

  it('lets removed and cleared items be garbage-collected', async () => {
    const q = make<object>();
    const refs: WeakRef<object>[] = [];
    const fill = (): void => {
      for (let i = 0; i < 6; i++) {
        const item = { i };
        refs.push(new WeakRef(item));
        q.push(item);
      }
    };
    fill();
    q.shift();
    q.shift();
    q.drain(() => {}, 2);
    q.clear();
    // WeakRef targets stay alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});

describe('FixedHeapQueue', () => {
  it('refuses a push when full and accepts again after a shift', () => {
    const q = new FixedHeapQueue<number>(4);
    for (let i = 0; i < 4; i++) expect(q.push(i)).toBe(true);
    expect(q.push(4)).toBe(false);
    expect(q.size).toBe(4);
    expect(q.shift()).toBe(0);
    expect(q.push(4)).toBe(true);
    expect(q.drain(() => {})).toBe(4);
  });

  it.each([0, 3, 6, -4, 1.5, Number.NaN, 2 ** 31])(
    'rejects capacity %s with INVALID_CAPACITY',
    (capacity) => {
      expect(() => new FixedHeapQueue(capacity)).toThrowError(RingBufferError);
      try {
        new FixedHeapQueue(capacity);
      } catch (error) {
        expect((error as RingBufferError).code).toBe('INVALID_CAPACITY');
        expect((error as Error).message).toMatch(
          /^@zactor\/ringbuffer\/FixedHeapQueue\.constructor: capacity/,
        );
      }
    },
  );

  it('exposes its capacity', () => {
    expect(new FixedHeapQueue(16).capacity).toBe(16);
    expect(new FixedHeapQueue(1).capacity).toBe(1);
  });
});

describe('SegmentedHeapQueue', () => {
  it('grows past many segments without losing or reordering items', () => {
    const q = new SegmentedHeapQueue<number>(4);
    for (let i = 0; i < 1000; i++) expect(q.push(i)).toBe(true);
    expect(q.size).toBe(1000);
    for (let i = 0; i < 1000; i++) expect(q.shift()).toBe(i);
    expect(q.shift()).toBeUndefined();
  });

  it('defaults to 2048-slot segments', () => {
    expect(new SegmentedHeapQueue().segmentSize).toBe(2048);
  });

  it.each([0, 1, 3, 1000, -2, 2.5])('rejects segment size %s with INVALID_CAPACITY', (size) => {
    expect(() => new SegmentedHeapQueue(size)).toThrowError(
      /^@zactor\/ringbuffer\/SegmentedHeapQueue\.constructor: segmentSize/,
    );
  });
});
