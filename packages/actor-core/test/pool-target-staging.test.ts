/**
 * A balancing pool's target on one thread, with a 2-cell queue and no routees (the test takes
 * the records as a routee would): what waits for a cell is published in order, NaN included;
 * a waiting message's codec (user code) is not run again while every cell is taken; a tell
 * made from inside a message's codec comes after that message whether or not the queue is full.
 */
import { MpmcClaimLog, MpmcQueue } from '@zactor/ringbuffer';
import { afterEach, describe, expect, it } from 'vitest';
import { ActorRef } from '../src/actor-ref.js';
import { PoolQueueWords, readPoolRecord } from '../src/cluster/pool/pool-record.js';
import { PoolState } from '../src/cluster/pool/pool-state.js';
import { PoolTarget } from '../src/cluster/pool/pool-target.js';
import { ClusterCodec } from '../src/cluster/wire/cluster-codec.js';
import { ActorSystem } from '../src/index.js';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

function pool() {
  system = new ActorSystem();
  const head = system.spawn(() => {});
  const codec = new ClusterCodec({}, 'type', () => head);
  const words = new PoolQueueWords(
    MpmcQueue.create({ capacity: 2, recordBytes: 128 }),
    MpmcClaimLog.create(1).slot(0),
  );
  const state = new PoolState();
  const target = new PoolTarget<unknown>({
    system,
    codec,
    words,
    state,
    head,
    wake: () => {},
    refOf: () => head,
  });
  target.ref = new ActorRef<unknown>(target, head.id);
  const letters: [unknown, string][] = [];
  system.events.subscribe(
    (e) => {
      letters.push([label(e.message), e.reason]);
    },
    ['dead-letter'],
  );
  /** Takes every published record, as a routee would. */
  const drain = (): unknown[] => {
    const out: unknown[] = [];
    const read = { message: undefined as unknown, senderId: -1 };
    for (let at = words.queue.tryAcquire(); at >= 0; at = words.queue.tryAcquire()) {
      const outcome = readPoolRecord(words, codec, at, read);
      words.queue.release(at);
      if (outcome === 'message') out.push(read.message);
    }
    return out;
  };
  return { target, drain, letters, state };
}

/** An object message's `kind` (the tests' labels), or the message itself. */
const label = (m: unknown): unknown =>
  typeof m === 'object' && m !== null && 'kind' in m ? (m as { kind: string }).kind : m;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A message labelled `kind` whose codec (reading its field `n`) runs `effect` once, the first
 * time it is read while `armed()` holds: user code running inside a stage.
 */
function withEffect(kind: string, effect: () => void, armed: () => boolean = () => true) {
  let done = false;
  return {
    kind,
    get n(): number {
      if (!done && armed()) {
        done = true;
        effect();
      }
      return 1;
    },
  };
}

/** Takes what is published for `rounds` x 10 ms, labelled. */
async function collect(drain: () => unknown[], rounds = 10): Promise<unknown[]> {
  const got: unknown[] = [];
  for (let i = 0; i < rounds; i++) {
    got.push(...drain().map(label));
    await sleep(10);
  }
  return got;
}

/** Fills both cells of the queue: what is told next waits. */
function fill(target: PoolTarget<unknown>): void {
  target.enqueue(1, null);
  target.enqueue(2, null);
}

/**
 * Fills the queue and tells X, which waits; X's codec runs `effect` once armed (a retry stages
 * it again). Whether the tell was taken, and the arming.
 */
function waitingX(target: PoolTarget<unknown>, effect: () => void) {
  fill(target);
  let armed = false;
  const told = target.enqueue(
    withEffect('X', effect, () => armed),
    null,
  );
  return {
    told,
    arm: () => {
      armed = true;
    },
  };
}

describe('PoolTarget staging', () => {
  it('publishes a NaN that had to wait, and what waits behind it', async () => {
    const { target, drain } = pool();
    fill(target);
    target.enqueue(Number.NaN, null);
    target.enqueue(3, null);
    expect(target.waitingCount).toBe(2);
    const got = await collect(drain, 20);
    expect(target.waitingCount).toBe(0);
    expect(got).toEqual([1, 2, Number.NaN, 3]);
  });

  it("does not run a waiting message's codec again while every cell stays taken", async () => {
    const { target, drain } = pool();
    fill(target);
    let reads = 0;
    let armed = false;
    const x = {
      kind: 'x',
      get n(): number {
        reads++;
        if (armed) target.enqueue('log', null);
        return 1;
      },
    };
    target.enqueue(x, null);
    const readsAtTell = reads;
    expect(target.waitingCount).toBe(1);
    armed = true;
    await sleep(200);
    expect({ readsSinceTell: reads - readsAtTell, waiting: target.waitingCount }).toEqual({
      readsSinceTell: 0,
      waiting: 1,
    });
    drain();
  });

  it("puts a tell made from inside a message's codec after that message, full queue or not", async () => {
    const order = async (full: boolean): Promise<unknown[]> => {
      const { target, drain } = pool();
      if (full) fill(target);
      target.enqueue(
        withEffect('X', () => target.enqueue('Y', null)),
        null,
      );
      target.enqueue('Z', null);
      const got = await collect(drain, 20);
      await system?.shutdown();
      system = undefined;
      return got.filter((m) => typeof m !== 'number');
    };
    expect(await order(false)).toEqual(['X', 'Y', 'Z']);
    expect(await order(true)).toEqual(['X', 'Y', 'Z']);
  });

  it("gives a tell made inside a waiting message's codec one fate when that codec stops the pool", async () => {
    const { target, drain, letters } = pool();
    const x = waitingX(target, () => {
      target.enqueue('Y', null);
      target.requestStop();
    });
    expect(x.told).toBe(true);
    expect(target.waitingCount).toBe(1);
    x.arm();
    const got = await collect(drain);
    expect({ got, letters }).toEqual({
      got: [1, 2],
      letters: [
        ['X', 'stopped'],
        ['Y', 'stopped'],
      ],
    });
  });

  it('the same when the stop is seen from another thread (the state word) during a retry', async () => {
    const { target, drain, letters, state } = pool();
    const x = waitingX(target, () => {
      target.enqueue('Y', null);
      state.markStopped();
      target.enqueue('Z', null);
    });
    x.arm();
    await collect(drain);
    target.close();
    target.deadLetterRest();
    expect(letters.map(([m]) => m).sort()).toEqual(['X', 'Y', 'Z']);
  });

  it('dead-letters a message whose codec stops the pool while others wait (not left waiting)', async () => {
    const { target, letters } = pool();
    fill(target);
    target.enqueue(3, null);
    const told = target.enqueue(
      withEffect('X', () => target.requestStop()),
      null,
    );
    await sleep(20);
    expect({ told, waiting: target.waitingCount, letters }).toEqual({
      told: false,
      waiting: 0,
      letters: [
        [3, 'stopped'],
        [1, 'stopped'],
        [2, 'stopped'],
        ['X', 'stopped'],
      ],
    });
  });

  it('puts a tell made inside the codec of a tell made inside a codec after it', async () => {
    const order = async (nestedX: boolean): Promise<unknown[]> => {
      const { target, drain } = pool();
      const y = withEffect('Y', () => target.enqueue('W', null));
      if (nestedX) {
        target.enqueue(
          withEffect('X', () => target.enqueue(y, null)),
          null,
        );
      } else {
        target.enqueue('X', null);
        target.enqueue(y, null);
      }
      const got = await collect(drain);
      await system?.shutdown();
      system = undefined;
      return got;
    };
    expect(await order(false)).toEqual(['X', 'Y', 'W']);
    expect(await order(true)).toEqual(['X', 'Y', 'W']);
  });

  it("ends each tell once, with its sender, when a nested tell's own codec stops the pool", async () => {
    const { target } = pool();
    const sys = system!;
    const sender = sys.spawn(() => {});
    const seen: string[] = [];
    sys.events.subscribe(
      (e) => {
        seen.push(`${String(label(e.message))} ${e.sender === sender} ${e.reason}`);
      },
      ['dead-letter'],
    );
    const b = withEffect('B', () => target.requestStop());
    const told: boolean[] = [];
    const x = withEffect('X', () => {
      told.push(target.enqueue('A', sender), target.enqueue(b, sender));
    });
    told.push(target.enqueue(x, sender));
    await sleep(20);
    // A was kept aside, then ended by the stop; B and X were told into a stopped pool.
    expect(told).toEqual([true, false, false]);
    expect(seen.sort()).toEqual(['A true stopped', 'B true stopped', 'X true stopped']);
  });
});
