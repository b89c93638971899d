import { describe, expect, it } from 'vitest';
import { MemPoolError, ObjectPool } from '../src/index.js';

interface Point {
  x: number;
  y: number;
}

function points(options: Partial<ConstructorParameters<typeof ObjectPool<Point>>[0]> = {}) {
  let made = 0;
  const pool = new ObjectPool<Point>({
    create: () => {
      made++;
      return { x: 0, y: 0 };
    },
    reset: (p) => {
      p.x = 0;
      p.y = 0;
    },
    ...options,
  });
  return { pool, made: () => made };
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MemPoolError);
    return (error as MemPoolError).code;
  }
  return undefined;
}

describe('ObjectPool', () => {
  it('reuses released objects and counts hits, misses and the high-water mark', () => {
    const { pool, made } = points();
    const a = pool.acquire();
    const b = pool.acquire();
    pool.release(a);
    const c = pool.acquire();
    expect(c).toBe(a);
    pool.release(b);
    pool.release(c);
    expect(made()).toBe(2);
    expect(pool.stats()).toEqual({
      hits: 1,
      misses: 2,
      inUse: 0,
      highWater: 2,
      idle: 2,
      dropped: 0,
      maxSize: 1024,
    });
  });

  it('resets an object when it is released', () => {
    const { pool } = points();
    const p = pool.acquire();
    p.x = 5;
    pool.release(p);
    expect(pool.acquire()).toEqual({ x: 0, y: 0 });
  });

  it('creates prefill objects up front', () => {
    const { pool, made } = points({ prefill: 3, maxSize: 4 });
    expect(made()).toBe(3);
    expect(pool.idle).toBe(3);
    pool.acquire();
    expect(pool.stats()).toMatchObject({ hits: 1, misses: 0, idle: 2 });
  });

  it('keeps at most maxSize idle objects and drops the rest', () => {
    const { pool } = points({ maxSize: 2 });
    const held = [pool.acquire(), pool.acquire(), pool.acquire()];
    for (const p of held) pool.release(p);
    expect(pool.stats()).toMatchObject({ idle: 2, dropped: 1, inUse: 0 });
    pool.clear();
    expect(pool.idle).toBe(0);
  });

  it('throws DOUBLE_RELEASE when the same object is released twice in a row', () => {
    const { pool } = points();
    const p = pool.acquire();
    pool.release(p);
    expect(codeOf(() => pool.release(p))).toBe('DOUBLE_RELEASE');
    expect(pool.stats()).toMatchObject({ idle: 1, inUse: 0 });
  });

  it('rejects bad options with INVALID_OPTIONS', () => {
    const create = () => ({});
    for (const options of [
      { create: 5 },
      { create, reset: 'no' },
      { create, maxSize: 0 },
      { create, maxSize: 2 ** 25 },
      { create, maxSize: 4, prefill: 5 },
      { create, prefill: -1 },
    ]) {
      expect(
        codeOf(() => new ObjectPool(options as unknown as { create: () => object })),
        JSON.stringify(options),
      ).toBe('INVALID_OPTIONS');
    }
  });
});

describe('ObjectPool in debug mode', () => {
  it('throws USE_AFTER_RELEASE when a released object is touched', () => {
    const { pool } = points({ debug: true });
    const p = pool.acquire();
    p.x = 3;
    expect(p.x).toBe(3);
    pool.release(p);
    expect(() => p.x).toThrow(/used after release \(read property x\)/);
    expect(codeOf(() => p.x)).toBe('USE_AFTER_RELEASE');
    expect(
      codeOf(() => {
        p.y = 1;
      }),
    ).toBe('USE_AFTER_RELEASE');
    expect(codeOf(() => 'x' in p)).toBe('USE_AFTER_RELEASE');
    expect(codeOf(() => Object.keys(p))).toBe('USE_AFTER_RELEASE');
    expect(
      codeOf(() => {
        delete (p as Partial<Point>).x;
      }),
    ).toBe('USE_AFTER_RELEASE');
  });

  it('lets the next acquisition use the object that the stale reference may not', () => {
    const { pool } = points({ debug: true });
    const stale = pool.acquire();
    pool.release(stale);
    const fresh = pool.acquire();
    fresh.x = 7;
    expect(fresh.x).toBe(7);
    expect(codeOf(() => stale.x)).toBe('USE_AFTER_RELEASE');
    expect(codeOf(() => pool.release(stale))).toBe('DOUBLE_RELEASE');
    pool.release(fresh);
    expect(pool.stats()).toMatchObject({ hits: 1, misses: 1, inUse: 0 });
  });

  it('throws NOT_FROM_POOL for an object it did not hand out', () => {
    const { pool } = points({ debug: true });
    expect(codeOf(() => pool.release({ x: 0, y: 0 }))).toBe('NOT_FROM_POOL');
    const other = points({ debug: true }).pool.acquire();
    expect(codeOf(() => pool.release(other))).toBe('NOT_FROM_POOL');
  });

  it('without proxies still catches every double release, also of dropped objects', () => {
    const pool = new ObjectPool({
      create: () => new Map<string, number>(),
      reset: (m) => m.clear(),
      maxSize: 1,
      debug: true,
      debugProxy: false,
    });
    const a = pool.acquire();
    const b = pool.acquire();
    a.set('k', 1);
    expect(a.get('k')).toBe(1);
    pool.release(a);
    pool.release(b);
    expect(pool.stats().dropped).toBe(1);
    expect(codeOf(() => pool.release(b))).toBe('DOUBLE_RELEASE');
    expect(codeOf(() => pool.release(a))).toBe('DOUBLE_RELEASE');
    expect(codeOf(() => pool.release(new Map()))).toBe('NOT_FROM_POOL');
  });
});
