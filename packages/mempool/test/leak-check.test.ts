import { afterEach, describe, expect, it } from 'vitest';
import {
  assertNoLeaks,
  MemPoolError,
  ObjectPool,
  SharedSlabPool,
  SizeClassAllocator,
} from '../src/index.js';

describe('assertNoLeaks', () => {
  it('passes when everything handed out came back', () => {
    const allocator = SizeClassAllocator.create();
    allocator.free(allocator.alloc(100));
    expect(() => assertNoLeaks(allocator)).not.toThrow();
  });

  it('throws LEAK listing the outstanding blocks of each class', () => {
    const allocator = SizeClassAllocator.create();
    allocator.alloc(10);
    allocator.alloc(20);
    allocator.alloc(5000);
    let error: unknown;
    try {
      assertNoLeaks(allocator, 'after the codec test');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MemPoolError);
    expect((error as MemPoolError).code).toBe('LEAK');
    expect((error as MemPoolError).message).toBe(
      '@zactor/mempool/assertNoLeaks: 3 outstanding (after the codec test): 64 B blocks: 2, 16 KiB blocks: 1',
    );
  });

  it('checks slab pools and object pools the same way', () => {
    const slab = SharedSlabPool.create({ blockSize: 1024, blockCount: 2 });
    const offset = slab.alloc();
    expect(() => assertNoLeaks(slab)).toThrow(/1 outstanding: 1 KiB blocks: 1/);
    slab.free(offset);
    assertNoLeaks(slab);
    const objects = new ObjectPool({ create: () => ({}) });
    const item = objects.acquire();
    expect(() => assertNoLeaks(objects)).toThrow(/objects: 1/);
    objects.release(item);
    assertNoLeaks(objects);
  });
});

describe('assertNoLeaks in afterEach', () => {
  const allocator = SizeClassAllocator.create({ classes: [{ blockSize: 64, blockCount: 8 }] });
  afterEach(() => assertNoLeaks(allocator));

  it('lets a test that frees what it allocates pass', () => {
    const offsets = [allocator.alloc(64), allocator.alloc(1)];
    for (const offset of offsets) allocator.free(offset);
    expect(allocator.outstanding()).toBe(0);
  });
});
