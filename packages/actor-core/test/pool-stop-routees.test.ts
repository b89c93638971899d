import { MpmcClaimLog, MpmcQueue } from '@zactor/ringbuffer';
import { afterEach, describe, expect, it } from 'vitest';
import { ActorRef, type AnyActorRef } from '../src/actor-ref.js';
import { PoolQueueWords } from '../src/cluster/pool/pool-record.js';
import { PoolState } from '../src/cluster/pool/pool-state.js';
import { PoolTarget } from '../src/cluster/pool/pool-target.js';
import { RouterTarget, routingLogicOf } from '../src/cluster/pool/router-target.js';
import { ClusterCodec } from '../src/cluster/wire/cluster-codec.js';
import { ActorSystem } from '../src/index.js';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

/** A routee stand-in that records whether it was asked to stop. */
function routee(): AnyActorRef & { stops: number } {
  const fake = { stops: 0, cell: { requestStop: () => fake.stops++ } };
  return fake as unknown as AnyActorRef & { stops: number };
}

/** Gives `target` a routee, stops it, then gives it a late one: both must be asked to stop. */
function stopThenLateRoutee(target: {
  setRoutees(worker: number, routees: readonly AnyActorRef[]): void;
  requestStop(): void;
}): void {
  const early = routee();
  target.setRoutees(0, [early]);
  target.requestStop();
  expect(early.stops).toBe(1);
  // A restarted worker's answer, on its way while the pool stopped.
  const late = routee();
  target.setRoutees(1, [late]);
  expect(late.stops).toBe(1);
}

describe('routees that arrive after their pool stopped', () => {
  it('a router stops them instead of keeping them', () => {
    system = new ActorSystem();
    const head = system.spawn(() => {});
    const target = new RouterTarget(system, head, routingLogicOf('round-robin', 2, undefined), 2);
    stopThenLateRoutee(target);
    expect(target.stopped).toBe(true);
  });

  it('a balancing pool stops them too, and later tells are dead letters', () => {
    system = new ActorSystem();
    const head = system.spawn(() => {});
    const words = new PoolQueueWords(
      MpmcQueue.create({ capacity: 4, recordBytes: 64 }),
      MpmcClaimLog.create(1).slot(0),
    );
    const target = new PoolTarget<number>({
      system,
      codec: new ClusterCodec({}, 'type', () => head),
      words,
      state: new PoolState(),
      head,
      wake: () => {},
      refOf: () => head,
    });
    target.ref = new ActorRef<number>(target, head.id);
    stopThenLateRoutee(target);
    expect(target.enqueue(1, null)).toBe(false);
  });
});
