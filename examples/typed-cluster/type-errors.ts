/**
 * Never run, only compiled (`tsc -p examples/typed-cluster`): each `@ts-expect-error` marks a
 * line the typed cluster must refuse. If a line compiled, its directive would be unused and tsc
 * would fail; test/typed-cluster.test.ts also compiles the file without the directives and
 * checks that each of those lines is an error, with the error it should be.
 */
import { type ActorCluster, type ActorRef, clusterOf, type KindsOf } from '@zactor/actor-core';
import type definition from './actors.js';
import type { Ping } from './actors.js';

type Cluster = ActorCluster<KindsOf<typeof definition>>;

export async function refused(cluster: Cluster): Promise<void> {
  const ponger = await cluster.spawn('ponger', { args: { greeting: 'hi' } });
  const relay = await cluster.spawn('relay');
  const typed: ActorRef<Ping> = ponger; // the ref's message type is the kind's

  // @ts-expect-error undeclared kind
  await cluster.spawn('pinger');
  // @ts-expect-error the ponger's factory takes { greeting }: args are required
  await cluster.spawn('ponger', { worker: 0 });
  // @ts-expect-error args of the wrong type
  await cluster.spawn('ponger', { args: { greeting: 42 } });
  // @ts-expect-error a message of another type
  ponger.tell('ping');
  // @ts-expect-error a field of the wrong type
  await cluster.ask(ponger, { type: 'ping', seq: 'one', from: relay });
  // @ts-expect-error a t.ref field takes a ref, not a number
  await cluster.ask(typed, { type: 'ping', seq: 1, from: 7 });
  // @ts-expect-error a ref of one kind is not a ref of another message type
  const wrong: ActorRef<string> = ponger;
  const pool: ActorRef<Ping> = await cluster.spawnPool('ponger', { args: { greeting: 'hi' } });
  // @ts-expect-error a pool of an undeclared kind
  await cluster.spawnPool('pinger');
  // @ts-expect-error a pool's routees need their kind's args
  await cluster.spawnPool('ponger', { instances: 2 });
  // @ts-expect-error a pool's ref takes its kind's messages only
  pool.tell('ping');
  // @ts-expect-error a worker's handle typed with the kinds refuses an undeclared kind too
  await clusterOf<KindsOf<typeof definition>>(cluster.system)!.spawn('pinger');
  void wrong;
}
