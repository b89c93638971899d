import { describe, expect, it } from 'vitest';
import { BumpArena, MemPoolError, SharedSlabPool, SizeClassAllocator } from '../src/index.js';
import {
  ARENA_CAPACITY_WORD,
  SIZE_CLASS_POOL_OFFSET_WORD,
  SLAB_BLOCK_SIZE_WORD,
  SLAB_DATA_OFFSET_WORD,
  SLAB_VERSION_WORD,
} from '../src/layout.js';

type Attach = (buffer: SharedArrayBuffer, byteOffset?: number) => unknown;

const kinds: readonly { name: string; attach: Attach; make: () => SharedArrayBuffer }[] = [
  {
    name: 'SharedSlabPool',
    attach: (buffer, offset) => SharedSlabPool.attach(buffer, offset),
    make: () => SharedSlabPool.create({ blockSize: 64, blockCount: 16 }).buffer,
  },
  {
    name: 'SizeClassAllocator',
    attach: (buffer, offset) => SizeClassAllocator.attach(buffer, offset),
    make: () =>
      SizeClassAllocator.create({
        classes: [
          { blockSize: 64, blockCount: 8 },
          { blockSize: 512, blockCount: 4 },
        ],
      }).buffer,
  },
  {
    name: 'BumpArena',
    attach: (buffer, offset) => BumpArena.attach(buffer, offset),
    make: () => BumpArena.create({ capacity: 1000 }).buffer,
  },
];

function badLayout(action: () => unknown, where: string): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MemPoolError);
    expect((error as MemPoolError).code).toBe('BAD_LAYOUT');
    expect((error as MemPoolError).message.startsWith(`@zactor/mempool/${where}.attach: `)).toBe(
      true,
    );
    return (error as MemPoolError).message;
  }
  throw new Error('expected BAD_LAYOUT, nothing was thrown');
}

function copyOf(buffer: SharedArrayBuffer, length = buffer.byteLength): SharedArrayBuffer {
  const copy = new SharedArrayBuffer(length);
  new Uint8Array(copy).set(new Uint8Array(buffer, 0, Math.min(length, buffer.byteLength)));
  return copy;
}

describe.each(kinds)('$name.attach', ({ name, attach, make }) => {
  it('attaches to a buffer it created', () => {
    expect(() => attach(make())).not.toThrow();
  });

  it('rejects a plain ArrayBuffer', () => {
    badLayout(() => attach(new ArrayBuffer(4096) as unknown as SharedArrayBuffer), name);
  });

  it('rejects a byteOffset that is not a multiple of 128', () => {
    badLayout(() => attach(make(), 64), name);
    badLayout(() => attach(make(), -128), name);
  });

  it('rejects a zeroed buffer', () => {
    expect(badLayout(() => attach(new SharedArrayBuffer(1 << 16)), name)).toMatch(/magic 0x0/);
  });

  it('rejects a buffer too short for the header', () => {
    badLayout(() => attach(new SharedArrayBuffer(64)), name);
  });

  it('rejects a buffer cut short of the structure', () => {
    const buffer = make();
    badLayout(() => attach(copyOf(buffer, buffer.byteLength - 128)), name);
  });

  it('rejects the other structures of this package', () => {
    for (const other of kinds) {
      if (other.name !== name) badLayout(() => attach(other.make()), name);
    }
  });
});

describe('attach with a corrupt header', () => {
  it('rejects a slab pool with a changed layout version, block size or data offset', () => {
    for (const [word, value] of [
      [SLAB_VERSION_WORD, 99],
      [SLAB_BLOCK_SIZE_WORD, 48],
      [SLAB_BLOCK_SIZE_WORD, 128],
      [SLAB_DATA_OFFSET_WORD, 0],
    ] as const) {
      const buffer = copyOf(SharedSlabPool.create({ blockSize: 64, blockCount: 16 }).buffer);
      new Int32Array(buffer)[word] = value;
      badLayout(() => SharedSlabPool.attach(buffer), 'SharedSlabPool');
    }
  });

  it('rejects a size-class directory pointing at the wrong place', () => {
    const buffer = SizeClassAllocator.create({
      classes: [
        { blockSize: 64, blockCount: 8 },
        { blockSize: 512, blockCount: 4 },
      ],
    }).buffer;
    new Int32Array(buffer)[SIZE_CLASS_POOL_OFFSET_WORD + 1] = 128;
    expect(() => SizeClassAllocator.attach(buffer)).toThrow(MemPoolError);
  });

  it('rejects an arena whose capacity disagrees with its size', () => {
    const buffer = BumpArena.create({ capacity: 1000 }).buffer;
    new Int32Array(buffer)[ARENA_CAPACITY_WORD] = 5000;
    badLayout(() => BumpArena.attach(buffer), 'BumpArena');
  });
});
