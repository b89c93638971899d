/**
 * Review E: a PoolTarget driven directly on one thread (2-cell queue, no routees; the test takes
 * records as a routee would).
 */
import { MpmcQueue } from '@zactor/ringbuffer';
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
  const words = new PoolQueueWords(MpmcQueue.create({ capacity: 2, recordBytes: 128 }));
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
      if (outcome === 'message') out.push(label(read.message));
    }
    return out;
  };
  return { target, drain, letters, state };
}

const label = (m: unknown): unknown =>
  typeof m === 'object' && m !== null && 'kind' in m ? (m as { kind: string }).kind : m;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('review E: PoolTarget', () => {
  it('a tell made inside a waiting message codec during retry, then a stop: the tell gets a fate', async () => {
    const { target, drain, letters } = pool();
    target.enqueue(1, null);
    target.enqueue(2, null);
    let armed = false;
    const x = {
      kind: 'X',
      get n(): number {
        if (armed) {
          armed = false;
          target.enqueue('Y', null); // staging: kept aside in `nested`, returns true
          target.requestStop(); // user code in a getter stops the pool
        }
        return 1;
      },
    };
    expect(target.enqueue(x, null)).toBe(true);
    expect(target.waitingCount).toBe(1);
    armed = true;
    const got = drain(); // frees the cells: the scheduled retry stages X
    for (let i = 0; i < 10; i++) {
      await sleep(10);
      got.push(...drain());
    }
    // Y was told (true): it must be published or dead-lettered.
    const fates = [...got.filter((m) => m === 'Y'), ...letters.filter(([m]) => m === 'Y')];
    expect({ got, letters, yFates: fates.length }).toEqual({
      got: [1, 2],
      letters: [
        ['X', 'stopped'],
        ['Y', 'stopped'],
      ],
      yFates: 1,
    });
  });

  it('the same when the stop is seen from another thread (state word) during retry', async () => {
    const { target, drain, letters, state } = pool();
    target.enqueue(1, null);
    target.enqueue(2, null);
    let armed = false;
    const x = {
      kind: 'X',
      get n(): number {
        if (armed) {
          armed = false;
          target.enqueue('Y', null); // kept aside in `nested`
          state.markStopped(); // the main thread stops the pool meanwhile
          target.enqueue('Z', null); // sees the stop: dead letter
        }
        return 1;
      },
    };
    target.enqueue(x, null);
    armed = true;
    drain();
    for (let i = 0; i < 10; i++) {
      await sleep(10);
      drain();
    }
    // At shutdown too, nothing reaches Y.
    target.close();
    target.deadLetterRest();
    expect(letters.map(([m]) => m).sort()).toEqual(['X', 'Y', 'Z']);
  });

  it('a message whose codec stops the pool while others wait is dead-lettered, not left waiting', async () => {
    const { target, letters } = pool();
    target.enqueue(1, null);
    target.enqueue(2, null);
    target.enqueue(3, null); // waits: the next tell goes through `wait`
    let stopped = false;
    const x = {
      kind: 'X',
      get n(): number {
        if (!stopped) {
          stopped = true;
          target.requestStop();
        }
        return 1;
      },
    };
    const told = target.enqueue(x, null);
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

  it('a tell made inside the codec of a tell made inside a codec comes after it (order of starts)', async () => {
    const order = async (nestedX: boolean): Promise<unknown[]> => {
      const { target, drain } = pool();
      let toldW = false;
      const y = {
        kind: 'Y',
        get n(): number {
          if (!toldW) {
            toldW = true;
            target.enqueue('W', null);
          }
          return 1;
        },
      };
      let toldY = false;
      const x = {
        kind: 'X',
        get n(): number {
          if (!toldY) {
            toldY = true;
            target.enqueue(y, null);
          }
          return 1;
        },
      };
      if (nestedX) target.enqueue(x, null);
      else {
        target.enqueue('X', null);
        target.enqueue(y, null);
      }
      const got: unknown[] = [];
      for (let i = 0; i < 10; i++) {
        got.push(...drain());
        await sleep(10);
      }
      await system?.shutdown();
      system = undefined;
      return got;
    };
    // Told directly, Y then the W it tells; told from inside X's codec, the same.
    expect(await order(false)).toEqual(['X', 'Y', 'W']);
    expect(await order(true)).toEqual(['X', 'Y', 'W']);
  });
});
