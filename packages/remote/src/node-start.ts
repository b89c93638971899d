/**
 * The first steps of `RemoteNode.start`: connecting to NATS, the JetStream buckets, and the
 * claim of this process's node indices (one, or an ActorCluster's pool workers plus its main
 * thread as one contiguous block).
 *
 * Thread contract: the thread that starts the node.
 */
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { ActorKind } from '@zactor/actor-core';
import { RemoteError } from './errors.js';
import { MemberSlots, SLOT_TTL_MS } from './membership/member-slots.js';
import type { MemberInfo } from './membership/member-table.js';
import type { RemoteNodeOptions } from './remote-options.js';
import type { NameRegistry } from './services/name-registry.js';
import { ClusterSubjects } from './subjects.js';

/** What a node has once it holds its indices. */
export interface Joined {
  readonly subjects: ClusterSubjects;
  readonly slots: MemberSlots;
  readonly namesKv: ConstructorParameters<typeof NameRegistry>[0];
  /** The other members found in the slots bucket. */
  readonly live: readonly MemberInfo[];
}

/** Connects to the servers. Throws RemoteError `CONNECT_FAILED`. */
export async function connectNats(
  options: RemoteNodeOptions<Readonly<Record<string, ActorKind>>>,
): Promise<NatsConnection> {
  try {
    return await connect({
      maxReconnectAttempts: -1,
      ...options.connection,
      servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
      name: `zactor:${options.cluster}:${options.name}`,
    });
  } catch (error) {
    throw new RemoteError(
      'RemoteNode.start',
      'CONNECT_FAILED',
      `cannot reach NATS at ${String(options.servers)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * Opens the buckets and claims `span` consecutive indices for `name`. Throws RemoteError
 * `JETSTREAM_UNAVAILABLE`, `NAME_TAKEN` or `NO_SLOT`.
 */
export async function joinSlots(
  nc: NatsConnection,
  cluster: string,
  name: string,
  maxNodes: number,
  span: number,
): Promise<Joined> {
  const subjects = new ClusterSubjects(cluster);
  const kvm = new Kvm(nc);
  let slotsKv: Awaited<ReturnType<Kvm['create']>>;
  try {
    slotsKv = await kvm.create(subjects.slotsBucket, { history: 1, ttl: SLOT_TTL_MS });
  } catch (error) {
    throw new RemoteError(
      'RemoteNode.start',
      'JETSTREAM_UNAVAILABLE',
      `the NATS server has no JetStream (start it with -js): ${(error as Error).message}`,
      { cause: error },
    );
  }
  const namesKv = await kvm.create(subjects.namesBucket, { history: 1 });
  const live = await MemberSlots.read(slotsKv, maxNodes);
  const incarnation = 1 + Math.floor(Math.random() * 0xfffffffe);
  const slots = await MemberSlots.claim(slotsKv, name, incarnation, maxNodes, live, span);
  return { subjects, slots, namesKv, live: live.members };
}
