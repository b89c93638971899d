import { describe, expect, it } from 'vitest';
import {
  LeastLoadedPlacement,
  LoadAwarePlacement,
  NumaLocalPlacement,
  PinnedPlacement,
  type PlacementView,
  RoundRobinPlacement,
  SchedulerError,
} from '../src/index.js';
import { startTestPool, submitAll } from './pool-helpers.js';
import { ints, Kind, Word } from './workers/pool-protocol.js';

/** A pool as placement sees it, without threads. */
class FakeView implements PlacementView {
  alive: boolean[];
  constructor(
    readonly loads: number[],
    readonly nodes: number[],
    readonly node = 0,
  ) {
    this.alive = loads.map(() => true);
  }
  get workerCount() {
    return this.loads.length;
  }
  loadOf(i: number) {
    return this.loads[i]!;
  }
  nodeOf(i: number) {
    return this.nodes[i]!;
  }
  isAlive(i: number) {
    return this.alive[i]!;
  }
  currentNode() {
    return this.node;
  }
}

const placeMany = (
  policy: { place(view: PlacementView): number },
  view: PlacementView,
  n: number,
) => Array.from({ length: n }, () => policy.place(view));

describe('placement policies', () => {
  it('round-robin visits every running worker in turn and skips dead ones', () => {
    const view = new FakeView([0, 0, 0], [0, 0, 0]);
    const policy = new RoundRobinPlacement();
    expect(placeMany(policy, view, 4)).toEqual([0, 1, 2, 0]);
    view.alive[1] = false;
    expect(placeMany(policy, view, 4)).toEqual([2, 0, 2, 0]);
    view.alive = [false, false, false];
    expect(policy.place(view)).toBe(-1);
  });

  it('least-loaded picks the smallest load and rotates between equals', () => {
    const policy = new LeastLoadedPlacement();
    expect(policy.place(new FakeView([5, 1, 3], [0, 0, 0]))).toBe(1);
    const even = new FakeView([2, 2, 9], [0, 0, 0]);
    expect(placeMany(policy, even, 4).sort()).toEqual([0, 0, 1, 1]);
    const dead = new FakeView([5, 1, 3], [0, 0, 0]);
    dead.alive[1] = false;
    expect(policy.place(dead)).toBe(2);
  });

  it("numa-local prefers the caller's node, then falls back to any node", () => {
    const policy = new NumaLocalPlacement();
    const view = new FakeView([0, 9, 0, 5], [0, 1, 0, 1], 1);
    expect(placeMany(policy, view, 3)).toEqual([3, 3, 3]);
    view.alive[3] = false;
    expect(policy.place(view)).toBe(1);
    view.alive[1] = false;
    expect([0, 2]).toContain(policy.place(view));
  });

  it('load-aware picks the least busy event loop, then the smaller load, on the caller node first', () => {
    const policy = new LoadAwarePlacement();
    const busy = Object.assign(new FakeView([0, 9, 0], [0, 0, 0]), {
      utilisation: [0.9, 0.2, 0.5],
      utilisationOf(i: number) {
        return this.utilisation[i]!;
      },
    });
    expect(placeMany(policy, busy, 3)).toEqual([1, 1, 1]);
    // Within 5 points the load words decide.
    busy.utilisation = [0.5, 0.52, 0.9];
    busy.loads.splice(0, 3, 4, 1, 0);
    expect(placeMany(policy, busy, 3)).toEqual([1, 1, 1]);
    busy.alive[1] = false;
    expect(policy.place(busy)).toBe(0);
    // Within 5 points the backlog comes before the load words; a view without it reads as 0.
    const queued = Object.assign(new FakeView([0, 5, 9], [0, 0, 0]), {
      utilisationOf: (i: number) => [0.5, 0.52, 0.51][i]!,
      backlog: [40, 2, 2],
      backlogOf(i: number) {
        return this.backlog[i]!;
      },
    });
    expect(placeMany(policy, queued, 3)).toEqual([1, 1, 1]);
    queued.backlog = [0, 0, 0];
    expect(placeMany(policy, queued, 3)).toEqual([0, 0, 0]);
    // A view without utilisations: the smallest load.
    expect(policy.place(new FakeView([5, 1, 3], [0, 0, 0]))).toBe(1);
    // Two NUMA nodes, caller on node 1: the best of node 1, even if node 0 is idler.
    const numa = Object.assign(new FakeView([0, 0, 0, 0], [0, 1, 0, 1], 1), {
      utilisationOf: (i: number) => [0, 0.9, 0, 0.5][i]!,
    });
    expect(policy.place(numa)).toBe(3);
    numa.alive[1] = false;
    numa.alive[3] = false;
    expect([0, 2]).toContain(policy.place(numa));
  });

  it('pinned always names its worker, dead or not, and -1 outside the pool', () => {
    const view = new FakeView([0, 0], [0, 0]);
    view.alive[1] = false;
    expect(new PinnedPlacement(1).place(view)).toBe(1);
    expect(new PinnedPlacement(2).place(view)).toBe(-1);
    expect(() => new PinnedPlacement(-1)).toThrow(SchedulerError);
  });

  it('least-loaded follows the load counters of a real pool', async () => {
    const { pool } = await startTestPool(1);
    try {
      expect(pool.addLoad(0, 5)).toBe(5);
      expect(pool.loadOf(0)).toBe(5);
      const policy = new LeastLoadedPlacement();
      expect(placeMany(policy, pool, 3)).toEqual([1, 1, 1]);
      pool.addLoad(1, 10);
      expect(policy.place(pool)).toBe(0);
      expect(pool.metrics(1).load).toBe(10);
      expect(new NumaLocalPlacement().place(pool)).toBe(0);
      expect(pool.currentNode()).toBe(pool.nodeOf(0));
    } finally {
      await pool.shutdown();
    }
  });

  it("publishes each worker's backlog, as its definition counts it, when the worker turns", async () => {
    // No metrics interval inside the test: what it sees was stored when a turn ended.
    const { pool, words } = await startTestPool(2, { metricsIntervalMs: 600_000 });
    try {
      expect(pool.backlogOf(1)).toBe(0);
      Atomics.store(words, Word.BacklogBase + 1, 7);
      // A task makes worker 1 turn; the turn ends with the backlog stored.
      await submitAll(() => pool.submitTo(1, Kind.Mark, ints(1)), 1);
      for (let i = 0; i < 500 && pool.backlogOf(1) !== 7; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(pool.backlogOf(1)).toBe(7);
      expect(pool.metrics(1).backlog).toBe(7);
      expect(pool.backlogOf(0)).toBe(0);
    } finally {
      await pool.shutdown();
    }
  });
});
