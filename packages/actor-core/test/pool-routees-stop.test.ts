import { MpmcClaimLog, MpmcQueue } from '@zactor/ringbuffer';
import { afterEach, describe, expect, it } from 'vitest';
import { ActorRef } from '../src/actor-ref.js';
import type { PoolSpawnRequest } from '../src/cluster/cluster-protocol.js';
import type { ClusterNode } from '../src/cluster/node/cluster-node.js';
import { PoolQueueWords } from '../src/cluster/pool/pool-record.js';
import { PoolRoutees } from '../src/cluster/pool/pool-routees.js';
import { PoolState } from '../src/cluster/pool/pool-state.js';
import { PoolTarget } from '../src/cluster/pool/pool-target.js';
import { ClusterCodec } from '../src/cluster/wire/cluster-codec.js';
import { ActorSystem } from '../src/index.js';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

/** The parts of a worker's node PoolRoutees uses, over a real system (its actors never stop on their own). */
function fakeNode(
  sys: ActorSystem,
  receive: (message: unknown) => void = () => {},
): { node: ClusterNode; spawned: ActorRef<unknown>[] } {
  const spawned: ActorRef<unknown>[] = [];
  const node = {
    system: sys,
    codec: new ClusterCodec({}, 'type', () => spawned[0]!),
    spawnLocal(_kind: string, _args: unknown, count: number): number[] {
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        const ref = sys.spawn<unknown>(receive);
        spawned.push(ref);
        ids.push(ref.id);
      }
      return ids;
    },
    refOf: (id: number) => spawned.find((r) => r.id === id)!,
    shortcutRef() {},
  };
  return { node: node as unknown as ClusterNode, spawned };
}

function request(pool: number, count: number, kind: 'balancing' | 'smallest'): PoolSpawnRequest {
  const balancing = kind === 'balancing';
  return {
    zactor: 'pool-spawn',
    req: 1,
    pool,
    queue: balancing ? MpmcQueue.create({ capacity: 16, recordBytes: 64 }).buffer : null,
    state: balancing ? new PoolState().buffer : null,
    claims: balancing ? MpmcClaimLog.create(2).buffer : null,
    claimThread: 0,
    depths: balancing ? null : new SharedArrayBuffer(2 * count * 4),
    firstIndex: 0,
    hosts: [0],
    kind: 'k',
    args: undefined,
    count,
    options: {},
  };
}

/** As the worker's loop does: feed and run the routees, then run whatever else is ready (which ends the hold). */
function run(routees: PoolRoutees): void {
  routees.feedAndRun();
  system!.dispatcher.driven!()!.runNow();
}

describe("a worker's routees, once stopped", () => {
  it('are forgotten: the worker no longer feeds, polls or publishes them', async () => {
    system = new ActorSystem();
    const { node, spawned } = fakeNode(system);
    // What the routees ask of the dispatcher: queueOnly marks on, then off as they stop.
    const driven = system.dispatcher.driven!()!;
    const marks: [number, boolean | undefined][] = [];
    const queueOnly = driven.queueOnly.bind(driven);
    driven.queueOnly = (id, only) => {
      marks.push([id, only]);
      queueOnly(id, only);
    };
    const routees = new PoolRoutees(node, 1, () => {});
    const balancing = routees.spawn(request(1000, 3, 'balancing'));
    const smallest = request(2000, 2, 'smallest');
    const [first, second] = routees.spawn(smallest);
    expect(marks).toEqual([
      [first, undefined],
      [second, undefined],
    ]);
    expect(routees.routees).toBe(5);
    // The smallest-mailbox routees' depths are published (the second word counts publications).
    run(routees);
    const depths = new Int32Array(smallest.depths!);
    expect([depths[1], depths[3]]).toEqual([2, 2]);

    // One routee of each pool stops; the others stay and are still fed and published.
    system.stop(spawned.find((r) => r.id === balancing[1])!);
    system.stop(spawned.find((r) => r.id === first)!);
    await new Promise((resolve) => setTimeout(resolve, 10));
    run(routees);
    expect(routees.routees).toBe(3);
    expect([depths[1], depths[3]]).toEqual([2, 4]);
    expect(marks.slice(2)).toEqual([[first, false]]);

    for (const ref of spawned) system.stop(ref);
    await new Promise((resolve) => setTimeout(resolve, 10));
    run(routees);
    expect(routees.routees).toBe(0);
    expect(depths[3]).toBe(4);
    expect(marks.slice(3)).toEqual([[second, false]]);
    expect(routees.hasWork()).toBe(false);
  });

  it("a routee moved into a stopped one's place still dead-letters the task it failed on", async () => {
    system = new ActorSystem({ logFailures: false });
    const { node, spawned } = fakeNode(system, (message) => {
      if (message === 'boom') throw new Error('task failed');
    });
    const routees = new PoolRoutees(node, 1, () => {});
    const req = request(1000, 3, 'balancing');
    const ids = routees.spawn(req);
    // The first routee stops: the last takes its place.
    system.stop(spawned.find((r) => r.id === ids[0])!);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(routees.routees).toBe(2);
    const head = system.spawn(() => {});
    const words = new PoolQueueWords(
      MpmcQueue.attach(req.queue!),
      MpmcClaimLog.attach(req.claims!).slot(1),
    );
    const pool = new PoolTarget<string>({
      system,
      codec: node.codec,
      words,
      state: new PoolState(req.state!),
      head,
      wake: () => {},
      refOf: () => head,
    });
    pool.ref = new ActorRef<string>(pool, head.id);
    const dead: { message: unknown; reason: string; to: number }[] = [];
    system.events.subscribe(
      (e) => dead.push({ message: e.message, reason: e.reason, to: e.recipient.id }),
      ['dead-letter'],
    );
    // Two tasks: each idle routee takes one; both fail.
    expect(pool.enqueue('boom', null)).toBe(true);
    expect(pool.enqueue('boom', null)).toBe(true);
    run(routees);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const failed = dead.filter((d) => d.reason === 'routee-failed');
    expect(failed.map((d) => d.to).sort()).toEqual([ids[1], ids[2]].sort());
    // Both were restarted by their supervisor, not stopped: they stay.
    expect(routees.routees).toBe(2);
  });
});
