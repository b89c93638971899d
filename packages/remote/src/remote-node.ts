import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  type ActorKind,
  type ActorRef,
  type ActorSystem,
  type AnyActorRef,
  ClusterNode,
  EventStream,
  GENERATION_LIMIT,
  refIdWorker,
} from '@zactor/actor-core';
import { RemoteError } from './errors.js';
import { InboxReceiver } from './link/inbox-receiver.js';
import { NatsLink } from './link/nats-link.js';
import { MemberSlots, SLOT_REFRESH_MS, SLOT_TTL_MS } from './membership/member-slots.js';
import { type MemberInfo, MemberTable } from './membership/member-table.js';
import { Membership } from './membership/membership.js';
import type { RemoteEvent, RemoteEvents } from './remote-events.js';
import {
  type RemoteNodeOptions,
  type ResolvedRemoteOptions,
  resolveRemoteOptions,
} from './remote-options.js';
import { NameRegistry } from './services/name-registry.js';
import { requestSpawn, SpawnService } from './services/spawn-service.js';
import { ClusterSubjects } from './subjects.js';
import { clusterHash, codecFingerprint } from './wire/codec-fingerprint.js';
import { FRAME_HEADER_BYTES, type FrameSender } from './wire/remote-frame.js';

type Kinds = Readonly<Record<string, ActorKind>>;

/** The message type of an actor kind. */
export type KindMessage<F> = F extends ActorKind<never, infer M> ? M : unknown;
/** The spawn arguments of an actor kind. */
export type KindArgs<F> = F extends (args: infer A) => unknown ? A : never;

export interface RemoteSpawnOptions<A> {
  /** The node to spawn on: its name or index (this node's own name spawns here). */
  readonly node: string | number;
  readonly args?: A;
  /** The actor's name under the node's user guardian. */
  readonly name?: string;
  /** Default: the node's `spawnTimeoutMs`. */
  readonly timeoutMs?: number;
}

/**
 * One process's member of a ZActor cluster on NATS: an ActorSystem whose refs reach the actors
 * of every other node, as refs reach other worker threads inside an ActorCluster. It reuses
 * actor-core's cluster layer whole (ClusterNode: envelopes, codecs, the remote-ref cache, remote
 * watch and supervision, backpressure) and adds the NATS link, membership, remote spawn and
 * the registry of named actors.
 *
 * Thread contract: a RemoteNode and its system belong to the thread that started it.
 */
export class RemoteNode<K extends Kinds = Kinds> {
  readonly name: string;
  readonly cluster: string;
  /** This node's index: the `worker` part of its actors' ids. */
  readonly index: number;
  readonly events: RemoteEvents = new EventStream<RemoteEvent>();
  private readonly nc: NatsConnection;
  private readonly node: ClusterNode;
  private readonly link: NatsLink;
  private readonly table: MemberTable;
  private readonly membership: Membership;
  private readonly receiver: InboxReceiver;
  private readonly spawner: SpawnService;
  private readonly registry: NameRegistry;
  private readonly slots: MemberSlots;
  private readonly subjects: ClusterSubjects;
  private readonly spawnTimeoutMs: number;
  private readonly refresher: ReturnType<typeof setInterval>;
  private readonly rejectedFrom = new Set<number | undefined>();
  private stopping: Promise<void> | null = null;

  /**
   * Connects to NATS, claims a node index, and joins the cluster. Throws RemoteError
   * `CONNECT_FAILED`, `JETSTREAM_UNAVAILABLE`, `NAME_TAKEN`, `NO_SLOT` or `INVALID_OPTION`.
   */
  static async start<K extends Kinds = Kinds>(
    options: RemoteNodeOptions<K>,
  ): Promise<RemoteNode<K>> {
    const resolved = resolveRemoteOptions(options);
    let nc: NatsConnection;
    try {
      nc = await connect({
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
    try {
      const subjects = new ClusterSubjects(options.cluster);
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
      const live = await MemberSlots.read(slotsKv, resolved.maxNodes);
      const incarnation = 1 + Math.floor(Math.random() * 0xfffffffe);
      const slots = await MemberSlots.claim(
        slotsKv,
        options.name,
        incarnation,
        resolved.maxNodes,
        live,
      );
      const node = new RemoteNode<K>(nc, options, resolved, slots, namesKv, subjects);
      node.membership.start(live);
      return node;
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  private constructor(
    nc: NatsConnection,
    options: RemoteNodeOptions<K>,
    resolved: ResolvedRemoteOptions,
    slots: MemberSlots,
    namesKv: ConstructorParameters<typeof NameRegistry>[0],
    subjects: ClusterSubjects,
  ) {
    this.nc = nc;
    this.name = options.name;
    this.cluster = options.cluster;
    this.index = slots.self.node;
    this.slots = slots;
    this.subjects = subjects;
    this.spawnTimeoutMs = resolved.spawnTimeoutMs;
    const messages = options.messages ?? {};
    const self: FrameSender & { name: string } = {
      node: this.index,
      name: options.name,
      incarnation: slots.self.incarnation,
      clusterHash: clusterHash(options.cluster),
      fingerprint: codecFingerprint(messages, resolved.tagField, resolved.maxNodes),
    };
    const serverMax = nc.info?.max_payload ?? 1024 * 1024;
    const maxFrame = Math.min(serverMax, (options.maxBatchBytes ?? serverMax) + FRAME_HEADER_BYTES);
    this.link = new NatsLink(nc, subjects, self, resolved.maxNodes, maxFrame);
    this.node = new ClusterNode({
      nodeId: this.index,
      nodeCount: resolved.maxNodes,
      kinds: options.actors ?? {},
      messages,
      tagField: resolved.tagField,
      link: this.link,
      maxPendingBytes: resolved.maxPendingBytes,
      pendingFull: options.pendingFull ?? 'drop',
      maxBatchBytes: maxFrame - FRAME_HEADER_BYTES,
      maxBatchMessages: resolved.maxBatchMessages,
      batchLatencyMs: resolved.batchLatencyMs,
      system: {
        ...options.system,
        generationBase: Math.floor(Math.random() * GENERATION_LIMIT),
        ...(options.supervisor === undefined ? {} : { defaultStrategy: options.supervisor }),
      },
    });
    // Until a node is heard from, it is not a member: refs to it dead-letter `node-down`.
    for (let other = 0; other < resolved.maxNodes; other++) this.lose(other, 'unknown');
    this.table = new MemberTable(this.index, resolved.downAfterMs);
    this.membership = new Membership({
      nc,
      subjects,
      self,
      maxNodes: resolved.maxNodes,
      heartbeatMs: resolved.heartbeatMs,
      table: this.table,
      events: this.events,
      host: {
        nodeDown: (other, how) => this.lose(other, how),
        nodeUp: (other) => {
          this.node.workerRestarted(other);
          this.node.flush();
        },
        heard: (other) => {
          if (this.link.heard(other)) this.node.flush();
        },
      },
    });
    this.receiver = new InboxReceiver(
      {
        onRecord: (typeId, view, offset, length) =>
          this.node.onRecord(typeId, view, offset, length),
        afterDrain: () => this.node.afterDrain(),
        heardFrame: (other, incarnation) => this.membership.heardFrame(other, incarnation),
        rejected: (fault, from, error) => {
          if (this.rejectedFrom.has(from)) return;
          this.rejectedFrom.add(from);
          this.events.publish({ type: 'frame-rejected', fault, from, error });
        },
      },
      self,
      resolved.maxNodes,
    );
    nc.subscribe(subjects.inbox(this.index), {
      callback: (error, msg) => {
        if (error === null) this.receiver.onMessage(msg.data);
      },
    });
    this.spawner = new SpawnService(this.node);
    this.spawner.start(nc, subjects);
    this.registry = new NameRegistry(namesKv, {
      system: this.node.system,
      nodeId: this.index,
      isLive: (id) => refIdWorker(id) === this.index || this.table.isUp(refIdWorker(id)),
      refOf: (id) => this.node.refOf(id),
    });
    this.refresher = setInterval(
      () => void this.slots.refresh().catch(() => undefined),
      SLOT_REFRESH_MS,
    );
    this.refresher.unref?.();
    void this.watchStatus();
  }

  /** This node's actor system: spawn and tell here as in any ActorSystem. */
  get system(): ActorSystem {
    return this.node.system;
  }

  /** The live nodes of the cluster (this one included), by index. */
  members(): MemberInfo[] {
    return [...this.table.members(), this.slots.self].sort((a, b) => a.node - b.node);
  }

  /**
   * Spawns `kind` on the node named (or numbered) `options.node` and resolves with its ref.
   * Throws RemoteError `UNKNOWN_NODE`, `SPAWN_FAILED`, `NOT_RUNNING`, or the target's code
   * (e.g. actor-core's `UNKNOWN_KIND`).
   */
  async spawn<N extends keyof K & string>(
    kind: N,
    options: RemoteSpawnOptions<KindArgs<K[N]>>,
  ): Promise<ActorRef<KindMessage<K[N]>>> {
    if (this.stopping !== null)
      throw new RemoteError('RemoteNode.spawn', 'NOT_RUNNING', 'the node is stopping');
    const target = this.nodeIndex(options.node);
    const spawnOptions = options.name === undefined ? {} : { name: options.name };
    let id: number;
    if (target === this.index) {
      [id] = this.node.spawnLocal(kind, options.args, 1, spawnOptions) as [number];
    } else {
      id = await requestSpawn(
        this.nc,
        this.subjects,
        target,
        { kind, args: options.args, ...spawnOptions },
        options.timeoutMs ?? this.spawnTimeoutMs,
      );
    }
    return this.node.refOf(id) as ActorRef<KindMessage<K[N]>>;
  }

  /** Names `ref` in the cluster's registry. Throws RemoteError `REGISTRY_NAME_TAKEN`. */
  register(name: string, ref: AnyActorRef): Promise<void> {
    return this.registry.register(name, ref);
  }

  /** The actor registered as `name` on any live node, or undefined. */
  lookup<M = unknown>(name: string): Promise<ActorRef<M> | undefined> {
    return this.registry.lookup(name) as Promise<ActorRef<M> | undefined>;
  }

  unregister(name: string): Promise<void> {
    return this.registry.unregister(name);
  }

  /** Counters of the link and the cluster layer (messages, frames, rejected frames, overflow). */
  counters(): RemoteCounters {
    const core = this.node.counters();
    return {
      ...core,
      framesOut: this.link.framesOut,
      bytesOut: this.link.bytesOut,
      framesIn: this.receiver.framesIn,
      framesRejected: this.receiver.framesRejected,
      pendingBytes: this.node.pendingBytes(),
    };
  }

  /**
   * Leaves the cluster: names this node registered are removed, its actors stop (remote
   * watchers get Terminated), what is staged is flushed, the leave is announced (others
   * report `member-left`) and the connection drains. Idempotent.
   */
  stop(): Promise<void> {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }

  private async stopNow(): Promise<void> {
    clearInterval(this.refresher);
    await this.registry.close().catch(() => undefined);
    await this.node.system.shutdown();
    this.node.flush();
    this.membership.stop();
    this.spawner.stop();
    await this.slots.release().catch(() => undefined);
    this.node.close();
    await this.nc.drain().catch(() => undefined);
  }

  private nodeIndex(node: string | number): number {
    if (typeof node === 'number') {
      if (node === this.index || this.table.isUp(node)) return node;
    } else {
      if (node === this.name) return this.index;
      const member = this.table.byName(node);
      if (member !== undefined) return member.node;
    }
    throw new RemoteError(
      'RemoteNode.spawn',
      'UNKNOWN_NODE',
      `no live node ${typeof node === 'number' ? `with index ${node}` : `named '${node}'`} in cluster '${this.cluster}'`,
    );
  }

  private lose(other: number, how: 'down' | 'left' | 'unknown'): void {
    const what =
      how === 'left' ? 'left the cluster' : how === 'down' ? 'is down' : 'is not a member';
    this.node.nodeLost(other, {
      reason: 'node-down',
      code: 'NODE_DOWN',
      message: `node ${other} ${what}`,
    });
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') {
        this.link.pause();
        this.events.publish({ type: 'disconnected' });
      } else if (status.type === 'reconnect') {
        this.link.resume();
        this.node.flush();
        this.events.publish({ type: 'reconnected' });
      }
    }
  }
}

/** What `RemoteNode.counters` reports. */
export type RemoteCounters = ReturnType<ClusterNode['counters']> & {
  readonly framesOut: number;
  readonly bytesOut: number;
  readonly framesIn: number;
  readonly framesRejected: number;
  readonly pendingBytes: number;
};
