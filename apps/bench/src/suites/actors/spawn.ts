import { getHeapStatistics } from 'node:v8';
import { type ActorRef, ActorSystem } from '@zactor/actor-core';
import { type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { settledHeapBytes } from '../../harness/gc.js';
import { defineScenario, type RunResult, type Scenario } from '../../harness/scenario.js';

/**
 * Spawning many idle actors. Every implementation keeps its refs in one array (xstate's root
 * actors would otherwise be collected), so the heap figure carries the same 8 bytes per actor of
 * array slot for everyone. The heap per actor is measured after full collections before and
 * after, while the actors are alive.
 */

type SpawnParams = { readonly actors: number };

const HEAP = 'heap per actor';

/**
 * Skips a library whose actors (at about `bytesPerActor` each, from quick runs) would take more
 * than half of this process's heap limit: running out of heap would end the whole session.
 */
function heapFit(bytesPerActor: number) {
  return (p: SpawnParams): string | undefined => {
    const need = p.actors * bytesPerActor;
    const limit = getHeapStatistics().heap_size_limit;
    return need > limit / 2
      ? `${p.actors} actors need about ${Math.round(need / 2 ** 20)} MiB, over half of the ${Math.round(limit / 2 ** 20)} MiB heap limit (raise it with NODE_OPTIONS=--max-old-space-size)`
      : undefined;
  };
}

function measured(p: SpawnParams, count: number, startMs: number, endMs: number, before: number) {
  return {
    operations: count,
    seconds: (endMs - startMs) / 1000,
    extra: { [HEAP]: (settledHeapBytes() - before) / p.actors },
  } satisfies RunResult;
}

async function zactorSpawn(p: SpawnParams): Promise<RunResult> {
  const before = settledHeapBytes();
  const system = new ActorSystem();
  const behavior = (): void => {};
  const refs: ActorRef<number>[] = new Array(p.actors);
  const start = performance.now();
  for (let i = 0; i < p.actors; i++) refs[i] = system.spawn<number>(behavior);
  const end = performance.now();
  const r = measured(p, refs.length, start, end, before);
  await system.shutdown();
  return r;
}

async function nactSpawn(p: SpawnParams): Promise<RunResult> {
  const before = settledHeapBytes();
  const system = startNact();
  const behavior = (_msg: number): void => {};
  const refs: Ref<number>[] = new Array(p.actors);
  const start = performance.now();
  // Named explicitly: nact's generated names are random and collide by the hundred thousand.
  for (let i = 0; i < p.actors; i++) refs[i] = spawnStateless(system, behavior, `a${i}`);
  const end = performance.now();
  const r = measured(p, refs.length, start, end, before);
  stop(system);
  return r;
}

async function xstateSpawn(p: SpawnParams): Promise<RunResult> {
  const before = settledHeapBytes();
  const logic = fromCallback<{ type: 'msg' }>(({ receive }) => {
    receive(() => {});
  });
  const refs: AnyActorRef[] = new Array(p.actors);
  const start = performance.now();
  for (let i = 0; i < p.actors; i++) refs[i] = createActor(logic).start();
  const end = performance.now();
  const r = measured(p, refs.length, start, end, before);
  for (const ref of refs) ref.stop();
  return r;
}

export const spawnScenario: Scenario = defineScenario<SpawnParams>({
  suite: 'actors',
  name: 'spawn',
  countingRule:
    'one operation = one idle actor created and ready to receive (nothing sent); all actors stay alive until the run is measured; heap per actor = heap growth after full GCs / actors',
  kind: 'throughput',
  unit: 'actors/s',
  sizes: {
    tiny: { actors: 2_000 },
    quick: { actors: 100_000 },
    full: { actors: 1_000_000 },
  },
  extraMetrics: [{ metric: HEAP, unit: 'B', better: 'lower' }],
  operations: (p) => p.actors,
  implementations: () => [
    { name: 'ZActor', role: 'zactor', run: zactorSpawn, skip: heapFit(300) },
    { name: 'nact', role: 'peer', run: nactSpawn, skip: heapFit(1_500) },
    { name: 'xstate', role: 'peer', run: xstateSpawn, skip: heapFit(3_500) },
  ],
});
