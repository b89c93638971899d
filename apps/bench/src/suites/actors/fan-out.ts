import { type ActorRef, ActorSystem } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { deferred } from '../../harness/deferred.js';
import { defineScenario, type RunResult, type Scenario } from '../../harness/scenario.js';

/**
 * Fan-out and fan-in: a coordinator sends one message to each of `fanOut` workers; each worker
 * answers the coordinator; when all answers are in, the next round starts. Every message
 * delivered counts once (rounds x fanOut x 2), counted by the receivers.
 */

type FanParams = { readonly fanOut: number; readonly rounds: number };

const WORK = 0;
const DONE = 1;

async function zactorFan(p: FanParams): Promise<RunResult> {
  const system = new ActorSystem();
  const finished = deferred();
  let delivered = 0;
  let answers = 0;
  let round = 0;
  const workers: ActorRef<number>[] = [];
  const coordinator = system.spawn<number>(() => {
    delivered++;
    if (++answers < p.fanOut) return;
    answers = 0;
    if (++round === p.rounds) finished.resolve();
    else for (const w of workers) w.tell(WORK);
  });
  for (let i = 0; i < p.fanOut; i++) {
    workers.push(
      system.spawn<number>(() => {
        delivered++;
        coordinator.tell(DONE);
      }),
    );
  }
  const start = performance.now();
  for (const w of workers) w.tell(WORK);
  await finished.promise;
  const seconds = (performance.now() - start) / 1000;
  await system.shutdown();
  return { operations: delivered, seconds };
}

async function nactFan(p: FanParams): Promise<RunResult> {
  const system = startNact();
  const finished = deferred();
  let delivered = 0;
  let answers = 0;
  let round = 0;
  const workers: Ref<number>[] = [];
  const coordinator = spawnStateless(system, (_msg: number) => {
    delivered++;
    if (++answers < p.fanOut) return;
    answers = 0;
    if (++round === p.rounds) finished.resolve();
    else for (const w of workers) dispatch(w, WORK);
  });
  for (let i = 0; i < p.fanOut; i++) {
    workers.push(
      spawnStateless(system, (_msg: number) => {
        delivered++;
        dispatch(coordinator, DONE);
      }),
    );
  }
  const start = performance.now();
  for (const w of workers) dispatch(w, WORK);
  await finished.promise;
  const seconds = (performance.now() - start) / 1000;
  stop(system);
  return { operations: delivered, seconds };
}

const X_WORK = { type: 'work' } as const;
const X_DONE = { type: 'done' } as const;

async function xstateFan(p: FanParams): Promise<RunResult> {
  const finished = deferred();
  let delivered = 0;
  let answers = 0;
  let round = 0;
  const workers: AnyActorRef[] = [];
  const coordinator = createActor(
    fromCallback<typeof X_DONE>(({ receive }) => {
      receive(() => {
        delivered++;
        if (++answers < p.fanOut) return;
        answers = 0;
        if (++round === p.rounds) finished.resolve();
        else for (const w of workers) w.send(X_WORK);
      });
    }),
  ).start();
  const workerLogic = fromCallback<typeof X_WORK>(({ receive }) => {
    receive(() => {
      delivered++;
      coordinator.send(X_DONE);
    });
  });
  for (let i = 0; i < p.fanOut; i++) workers.push(createActor(workerLogic).start());
  const start = performance.now();
  for (const w of workers) w.send(X_WORK);
  await finished.promise;
  const seconds = (performance.now() - start) / 1000;
  for (const w of workers) w.stop();
  coordinator.stop();
  return { operations: delivered, seconds };
}

export const fanOutScenario: Scenario = defineScenario<FanParams>({
  suite: 'actors',
  name: 'fan-out and fan-in, 1 x 1000',
  countingRule:
    'every message delivered counts once: per round the coordinator sends one to each of 1000 workers and each answers (rounds x 1000 x 2), counted by the receivers',
  kind: 'throughput',
  unit: 'msg/s',
  sizes: {
    tiny: { fanOut: 1000, rounds: 2 },
    quick: { fanOut: 1000, rounds: 10 },
    full: { fanOut: 1000, rounds: 10 },
  },
  scaleKey: 'rounds',
  operations: (p) => p.rounds * p.fanOut * 2,
  implementations: () => [
    { name: 'ZActor', role: 'zactor', run: zactorFan },
    { name: 'nact', role: 'peer', run: nactFan },
    { name: 'xstate', role: 'peer', run: xstateFan },
  ],
});
