import { type ActorRef, ActorSystem } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { type Deferred, deferred } from '../../harness/deferred.js';
import { defineScenario, type RunResult, type Scenario } from '../../harness/scenario.js';
import { PACING_NS } from './cross-thread-latency.js';

/**
 * One-way tell -> receive latency on one event loop. A driver actor pauses 1 us (busy), stamps
 * the time and tells the target; the target records the time since the stamp and tells the
 * driver to go again. Only driver -> target deliveries are sampled. The two clock reads are
 * inside every sample, for every implementation alike.
 */

type LatencyParams = { readonly samples: number };

/** The state a driver and its target share. */
class Probe {
  readonly latencies: Float64Array;
  readonly done: Deferred<void> = deferred();
  sentAt = 0;
  receivedAt = 0;
  count = 0;

  constructor(samples: number) {
    this.latencies = new Float64Array(samples);
  }

  /** Driver side: pace, then stamp. */
  beforeSend(): void {
    const until = this.receivedAt + PACING_NS / 1e6;
    while (performance.now() < until) {
      // Busy pause, as the Disruptor's pinger does.
    }
    this.sentAt = performance.now();
  }

  /** Target side: record; true while more samples are wanted. */
  received(): boolean {
    this.receivedAt = performance.now();
    this.latencies[this.count++] = (this.receivedAt - this.sentAt) * 1e6;
    if (this.count < this.latencies.length) return true;
    this.done.resolve();
    return false;
  }

  result(startMs: number): RunResult {
    return {
      operations: this.count,
      seconds: (performance.now() - startMs) / 1000,
      latenciesNs: this.latencies,
    };
  }
}

const GO = 0;
const HIT = 1;

async function zactorLatency(p: LatencyParams): Promise<RunResult> {
  const system = new ActorSystem();
  const probe = new Probe(p.samples);
  let driver: ActorRef<number> | null = null;
  const target = system.spawn<number>(() => {
    if (probe.received()) driver!.tell(GO);
  });
  driver = system.spawn<number>(() => {
    probe.beforeSend();
    target.tell(HIT);
  });
  const start = performance.now();
  driver.tell(GO);
  await probe.done.promise;
  const r = probe.result(start);
  await system.shutdown();
  return r;
}

async function nactLatency(p: LatencyParams): Promise<RunResult> {
  const system = startNact();
  const probe = new Probe(p.samples);
  let driver: Ref<number> | null = null;
  const target = spawnStateless(system, (_msg: number) => {
    if (probe.received()) dispatch(driver!, GO);
  });
  driver = spawnStateless(system, (_msg: number) => {
    probe.beforeSend();
    dispatch(target, HIT);
  });
  const start = performance.now();
  dispatch(driver, GO);
  await probe.done.promise;
  const r = probe.result(start);
  stop(system);
  return r;
}

const X_GO = { type: 'go' } as const;
const X_HIT = { type: 'hit' } as const;

async function xstateLatency(p: LatencyParams): Promise<RunResult> {
  const probe = new Probe(p.samples);
  let driver: AnyActorRef | null = null;
  const target = createActor(
    fromCallback<typeof X_HIT>(({ receive }) => {
      receive(() => {
        if (probe.received()) driver!.send(X_GO);
      });
    }),
  ).start();
  driver = createActor(
    fromCallback<typeof X_GO>(({ receive }) => {
      receive(() => {
        probe.beforeSend();
        target.send(X_HIT);
      });
    }),
  ).start();
  const start = performance.now();
  driver.send(X_GO);
  await probe.done.promise;
  const r = probe.result(start);
  driver.stop();
  target.stop();
  return r;
}

export const sameWorkerTell: Scenario = defineScenario<LatencyParams>({
  suite: 'latency',
  name: 'same-worker tell -> receive',
  countingRule:
    'one sample = one message from tell to the start of receive on the same event loop, timed with performance.now(); 1 us pause before each send; HDR histogram corrected for coordinated omission',
  kind: 'latency',
  unit: 'ns',
  sizes: { tiny: { samples: 200 }, quick: { samples: 20_000 }, full: { samples: 200_000 } },
  expectedIntervalNs: PACING_NS,
  operations: (p) => p.samples,
  implementations: () => [
    { name: 'ZActor', role: 'zactor', run: zactorLatency },
    { name: 'nact', role: 'peer', run: nactLatency },
    { name: 'xstate', role: 'peer', run: xstateLatency },
  ],
});
