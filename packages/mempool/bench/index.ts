/**
 * Micro benchmarks of @zactor/mempool. Run from packages/mempool with
 *   flock /tmp/zactor-bench.lock npx tsx --conditions=@zactor/source bench/index.ts [section...]
 * where the optional sections are object-pool, slab and contended.
 * Figures on a shared 2-core machine are indicative only.
 */

import { startTsWorker } from '@zactor/testing';
import { Bench } from 'tinybench';
import {
  BumpArena,
  NO_BLOCK,
  ObjectPool,
  SharedSlabPool,
  SizeClassAllocator,
} from '../src/index.js';
import { type GcFigures, profileGc } from './gc-profile.js';

interface Vec {
  x: number;
  y: number;
  z: number;
}

/** Operations per timed sample: tinybench's per-call overhead (~40 ns) would swamp one op. */
const BATCH = 1000;

/** Turns a batch's elapsed time into the per-operation sample tinybench records. */
function perOp(elapsedMs: number): { overriddenDuration: number; overriddenIterationCost: number } {
  return { overriddenDuration: elapsedMs / BATCH, overriddenIterationCost: elapsedMs };
}

/**
 * One scenario, done two ways. Each iteration makes an object, fills it, keeps it in a ring of
 * `inFlight` live objects (so V8 cannot optimise the allocation away) and lets go of the one it
 * replaces. Each function runs `n` iterations, so its loop stays monomorphic.
 */
interface PoolScenario {
  readonly name: string;
  readonly iterations: number;
  readonly plain: (n: number) => void;
  readonly pooled: (n: number) => void;
}

function vecScenario(name: string, inFlight: number): PoolScenario {
  const plainRing: Vec[] = new Array(inFlight);
  const pooledRing: Vec[] = new Array(inFlight);
  const pool = new ObjectPool<Vec>({ create: () => ({ x: 0, y: 0, z: 0 }), maxSize: 1024 });
  for (let i = 0; i < inFlight; i++) {
    plainRing[i] = { x: 0, y: 0, z: 0 };
    pooledRing[i] = pool.acquire();
  }
  let plainNext = 0;
  let pooledNext = 0;
  return {
    name,
    iterations: 2_000_000,
    plain: (n) => {
      for (let k = 0; k < n; k++) {
        const i = plainNext++;
        plainRing[i % inFlight] = { x: i, y: i + 1, z: i + 2 };
      }
    },
    pooled: (n) => {
      for (let k = 0; k < n; k++) {
        const i = pooledNext++;
        const slot = i % inFlight;
        pool.release(pooledRing[slot]!);
        const v = pool.acquire();
        v.x = i;
        v.y = i + 1;
        v.z = i + 2;
        pooledRing[slot] = v;
      }
    },
  };
}

function bufferScenario(name: string, length: number, inFlight: number): PoolScenario {
  const plainRing: Float64Array<ArrayBuffer>[] = new Array(inFlight);
  const pooledRing: Float64Array<ArrayBuffer>[] = new Array(inFlight);
  const pool = new ObjectPool({
    create: () => new Float64Array(length),
    reset: (array) => array.fill(0),
    maxSize: 64,
  });
  for (let i = 0; i < inFlight; i++) {
    plainRing[i] = new Float64Array(length);
    pooledRing[i] = pool.acquire();
  }
  let plainNext = 0;
  let pooledNext = 0;
  return {
    name,
    iterations: 200_000,
    plain: (n) => {
      for (let k = 0; k < n; k++) {
        const i = plainNext++;
        const array = new Float64Array(length);
        array[0] = i;
        plainRing[i % inFlight] = array;
      }
    },
    pooled: (n) => {
      for (let k = 0; k < n; k++) {
        const i = pooledNext++;
        const slot = i % inFlight;
        pool.release(pooledRing[slot]!);
        const array = pool.acquire();
        array[0] = i;
        pooledRing[slot] = array;
      }
    },
  };
}

const scenarios: readonly PoolScenario[] = [
  vecScenario('{x,y,z}, 64 live', 64),
  vecScenario('{x,y,z}, 200k live', 200_000),
  bufferScenario('Float64Array(1024) zeroed, 16 live', 1024, 16),
];

async function objectPools(): Promise<void> {
  const bench = new Bench({ name: 'ObjectPool vs plain allocation', time: 300, warmupTime: 100 });
  for (const scenario of scenarios) {
    for (const [way, run] of [
      ['plain ', scenario.plain],
      ['pooled', scenario.pooled],
    ] as const) {
      bench.add(`${way} ${scenario.name}`, () => {
        const t0 = bench.now();
        run(BATCH);
        return perOp(bench.now() - t0);
      });
    }
  }
  await bench.run();
  console.log(`\n${bench.name} (per operation)`);
  console.table(bench.table());

  const rows: Record<string, string | number>[] = [];
  const show = (name: string, figures: GcFigures) =>
    rows.push({
      task: name,
      'heap B/op': figures.heapBytesPerOp.toFixed(1),
      'external B/op': figures.externalBytesPerOp.toFixed(0),
      GCs: figures.gcCount,
      'GC ms': figures.gcMs.toFixed(1),
      'run ms': figures.totalMs.toFixed(0),
    });
  for (const scenario of scenarios) {
    const batches = scenario.iterations / BATCH;
    show(`plain  ${scenario.name}`, profileGc(batches, BATCH, scenario.plain));
    show(`pooled ${scenario.name}`, profileGc(batches, BATCH, scenario.pooled));
  }
  console.log('\nObjectPool vs plain allocation (allocation and GC over a fixed run)');
  console.table(rows);
}

async function singleThread(): Promise<void> {
  const slab = SharedSlabPool.create({ blockSize: 64, blockCount: 1024 });
  const debugSlab = SharedSlabPool.create({ blockSize: 64, blockCount: 1024, debug: true });
  const classes = SizeClassAllocator.create();
  const arena = BumpArena.create({ capacity: 1 << 20 });
  const held = new Int32Array(16);
  const bench = new Bench({ name: 'shared allocators, one thread', time: 300, warmupTime: 100 });
  bench
    .add('SharedSlabPool alloc+free', () => {
      const t0 = bench.now();
      for (let k = 0; k < BATCH; k++) slab.free(slab.alloc());
      return perOp(bench.now() - t0);
    })
    .add('SharedSlabPool 16 allocs, then 16 frees (per pair)', () => {
      const t0 = bench.now();
      for (let k = 0; k < BATCH; k += 16) {
        for (let i = 0; i < 16; i++) held[i] = slab.alloc();
        for (let i = 15; i >= 0; i--) slab.free(held[i]!);
      }
      return perOp(bench.now() - t0);
    })
    .add('SharedSlabPool debug alloc+free (64 B poison)', () => {
      const t0 = bench.now();
      for (let k = 0; k < BATCH; k++) debugSlab.free(debugSlab.alloc());
      return perOp(bench.now() - t0);
    })
    .add('SizeClassAllocator alloc(200)+free', () => {
      const t0 = bench.now();
      for (let k = 0; k < BATCH; k++) classes.free(classes.alloc(200));
      return perOp(bench.now() - t0);
    })
    .add('BumpArena alloc(48) (reset when full)', () => {
      const t0 = bench.now();
      for (let k = 0; k < BATCH; k++) if (arena.alloc(48) === NO_BLOCK) arena.reset();
      return perOp(bench.now() - t0);
    })
    .add('baseline: new Uint8Array(64), kept in a ring of 16', () => {
      const t0 = bench.now();
      for (let k = 0; k < BATCH; k++) ring[k & 15] = new Uint8Array(64);
      return perOp(bench.now() - t0);
    });
  const ring: Uint8Array[] = new Array(16);
  await bench.run();
  console.log(`\n${bench.name} (per operation)`);
  console.table(bench.table());
}

async function contended(): Promise<void> {
  const pairs = 2_000_000;
  const rows: Record<string, string | number>[] = [];
  for (const workers of [1, 2, 4]) {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 1024 });
    const control = new SharedArrayBuffer(8);
    const reports = await Promise.all(
      Array.from(
        { length: workers },
        () =>
          new Promise<{ start: number; end: number; failures: number }>((resolve, reject) => {
            const worker = startTsWorker(new URL('./contended-worker.ts', import.meta.url), {
              workerData: { buffer: pool.buffer, control, parties: workers, pairs },
            });
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    const seconds =
      (Math.max(...reports.map((r) => r.end)) - Math.min(...reports.map((r) => r.start))) / 1000;
    rows.push({
      workers,
      'alloc+free pairs': workers * pairs,
      'M pairs/s (all workers)': ((workers * pairs) / seconds / 1e6).toFixed(2),
      'ns per pair per worker': ((seconds * 1e9) / pairs).toFixed(0),
      outstanding: pool.outstanding(),
    });
  }
  console.log('\nSharedSlabPool alloc+free, contended (64 B x 1024 blocks, 2 cores)');
  console.table(rows);
}

// Optional section names on the command line (object-pool, slab, contended) run only those.
const only = new Set(process.argv.slice(2));
if (only.size === 0 || only.has('object-pool')) await objectPools();
if (only.size === 0 || only.has('slab')) await singleThread();
if (only.size === 0 || only.has('contended')) await contended();
