import type { NatsConnection } from '@nats-io/nats-core';
import {
  type ActorCluster,
  type ActorKind,
  type ActorRef,
  type ActorSystem,
  type AnyActorRef,
  type ClusterNode,
  EventStream,
  GENERATION_LIMIT,
  refIdWorker,
} from '@zactor/actor-core';
import { RemoteError } from './errors.js';
import { InboxReceiver } from './link/inbox-receiver.js';
import { NatsLink } from './link/nats-link.js';
import type { LocalNodes } from './local/local-nodes.js';
import { startLocalNodes } from './local/start-local-nodes.js';
import { type IndexLoss, indexLoss } from './membership/index-loss.js';
import type { MemberSlots } from './membership/member-slots.js';
import { SLOT_REFRESH_MS } from './membership/member-slots.js';
import { type MemberInfo, MemberTable } from './membership/member-table.js';
import { Membership } from './membership/membership.js';
import { UnheardNodes } from './membership/unheard-nodes.js';
import { connectNats, type Joined, joinSlots } from './node-start.js';
import type { RemoteEvent, RemoteEvents } from './remote-events.js';
import {
  type RemoteNodeOptions,
  type ResolvedRemoteOptions,
  resolveRemoteOptions,
} from './remote-options.js';
import { NameRegistry } from './services/name-registry.js';
import { requestSpawn, SpawnService } from './services/spawn-service.js';
import type { ClusterSubjects } from './subjects.js';
import { clusterHash } from './wire/codec-fingerprint.js';
import { FRAME_HEADER_BYTES, type FrameFault, type FrameSender } from './wire/remote-frame.js';

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
  /** This process's indices from `index`: 1, or an ActorCluster's pool workers + 1. */
  readonly span: number;
  /** The ActorCluster this node joined (`options.actorCluster`), or undefined. */
  readonly actorCluster: ActorCluster | undefined;
  private readonly nc: NatsConnection;
  private readonly local: LocalNodes;
  private readonly link: NatsLink;
  private readonly table: MemberTable;
  private readonly membership: Membership;
  private readonly unheard: UnheardNodes;
  /** One per index of this process (its inbox subject). */
  private readonly receivers: InboxReceiver[] = [];
  /** Offsets of this process's indices whose pool worker is dead now. */
  private readonly localDown = new Set<number>();
  private readonly spawner: SpawnService;
  private readonly registry: NameRegistry;
  private readonly slots: MemberSlots;
  private readonly subjects: ClusterSubjects;
  private readonly spawnTimeoutMs: number;
  private readonly refresher: ReturnType<typeof setInterval>;
  private readonly rejectedFrom = new Set<number | undefined>();
  private stopping: Promise<void> | null = null;

  /**
   * Connects to NATS, claims this process's node indices, and joins the cluster: one thread's
   * ActorSystem, or with `actorCluster` an ActorCluster started here (its pool workers and
   * main thread each a node of the cluster). Throws RemoteError `CONNECT_FAILED`,
   * `JETSTREAM_UNAVAILABLE`, `NAME_TAKEN`, `NO_SLOT` or `INVALID_OPTION`, or what
   * `ActorCluster.start` throws.
   */
  static async start<K extends Kinds = Kinds>(
    options: RemoteNodeOptions<K>,
  ): Promise<RemoteNode<K>> {
    const resolved = resolveRemoteOptions(options);
    const nc = await connectNats(options);
    let cluster: ActorCluster | undefined;
    try {
      const workers = options.actorCluster?.workers;
      const span = workers === undefined ? 1 : workers + 1;
      const joined = await joinSlots(nc, options.cluster, options.name, resolved.maxNodes, span);
      const self: Identity = {
        node: joined.slots.self.node,
        name: options.name,
        incarnation: joined.slots.self.incarnation,
        clusterHash: clusterHash(options.cluster),
        fingerprint: 0,
      };
      const serverMax = nc.info?.max_payload ?? 1024 * 1024;
      const maxFrame = Math.min(
        serverMax,
        (options.maxBatchBytes ?? serverMax) + FRAME_HEADER_BYTES,
      );
      const link = new NatsLink(nc, joined.subjects, self, resolved.maxNodes, maxFrame, span);
      const started = await startLocalNodes(options, resolved, {
        base: self.node,
        link,
        maxBatchBytes: maxFrame - FRAME_HEADER_BYTES,
        generationOffset: Math.floor(Math.random() * GENERATION_LIMIT),
      });
      ({ cluster } = started);
      const { local } = started;
      self.fingerprint = started.fingerprint;
      const node = new RemoteNode<K>(nc, options, resolved, joined, {
        self,
        link,
        local,
        span,
        cluster,
      });
      node.membership.start(joined.live);
      return node;
    } catch (error) {
      await cluster?.shutdown().catch(() => undefined);
      await nc.close();
      throw error;
    }
  }

  private constructor(
    nc: NatsConnection,
    options: RemoteNodeOptions<K>,
    resolved: ResolvedRemoteOptions,
    joined: Joined,
    parts: {
      readonly self: Identity;
      readonly link: NatsLink;
      readonly local: LocalNodes;
      readonly span: number;
      readonly cluster: ActorCluster | undefined;
    },
  ) {
    const { slots, subjects, namesKv } = joined;
    const { self, link, local, span } = parts;
    this.nc = nc;
    this.name = options.name;
    this.cluster = options.cluster;
    this.index = slots.self.node;
    this.span = span;
    this.slots = slots;
    this.subjects = subjects;
    this.spawnTimeoutMs = resolved.spawnTimeoutMs;
    this.link = link;
    this.local = local;
    this.table = new MemberTable(this.index, resolved.downAfterMs);
    this.membership = new Membership({
      nc,
      subjects,
      self,
      maxNodes: resolved.maxNodes,
      heartbeatMs: resolved.heartbeatMs,
      table: this.table,
      events: this.events,
      span,
      localDown: () => [...this.localDown],
      host: {
        nodeDown: (other, how) => this.lose(other, how),
        nodeUp: (other) => {
          this.link.heard(other);
          this.local.nodeUp(other);
        },
        heard: (other) => {
          if (this.link.heard(other)) this.local.flush();
        },
      },
    });
    // An index is unheard, not lost, until the grace ends (see UnheardNodes).
    this.unheard = new UnheardNodes(
      {
        isLocal: (other) => this.isLocal(other),
        isUp: (other) => this.membership.isUp(other),
        hold: (other) => link.hold(other),
        lose: (other) => this.lose(other, 'unknown'),
      },
      resolved.maxNodes,
    );
    this.unheard.start(resolved.downAfterMs);
    const host = (node: number) => ({
      onRecord: (_typeId: number, view: DataView, offset: number, length: number) =>
        this.local.deliver(node, view, offset, length),
      afterDrain: () => this.local.afterDeliver(),
      heardFrame: (other: number, incarnation: number) =>
        this.membership.heardFrame(other, incarnation),
      rejected: (fault: FrameFault, from: number | undefined, error: RemoteError) => {
        if (this.rejectedFrom.has(from)) return;
        this.rejectedFrom.add(from);
        this.events.publish({ type: 'frame-rejected', fault, from, error });
      },
    });
    for (let node = this.index; node < this.index + span; node++) {
      const receiver = new InboxReceiver(host(node), self, resolved.maxNodes);
      this.receivers.push(receiver);
      nc.subscribe(subjects.inbox(node), {
        callback: (error, msg) => {
          if (error === null) receiver.onMessage(msg.data);
        },
      });
    }
    this.actorCluster = parts.cluster;
    if (parts.cluster !== undefined) {
      parts.cluster.gateway.onLocalNode((node, up) => {
        if (up) this.localDown.delete(node - this.index);
        else this.localDown.add(node - this.index);
        this.membership.beatNow();
      });
    }
    this.spawner = new SpawnService(local, this.index);
    this.spawner.start(nc, subjects);
    this.registry = new NameRegistry(namesKv, {
      system: local.system,
      nodeId: this.index,
      isLive: (id) => this.isLocal(refIdWorker(id)) || this.table.isUp(refIdWorker(id)),
      refOf: (id) => this.local.refOf(id),
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
    return this.local.system;
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
      id = await this.local.spawn(kind, options.args, options.name);
    } else {
      id = await requestSpawn(
        this.nc,
        this.subjects,
        target,
        { kind, args: options.args, ...spawnOptions },
        options.timeoutMs ?? this.spawnTimeoutMs,
      );
    }
    return this.local.refOf(id) as ActorRef<KindMessage<K[N]>>;
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

  /**
   * Counters of the link and the cluster layer (messages, frames, rejected frames, overflow).
   * For an ActorCluster node, the cluster-layer part is its main thread's (with the batches it
   * relayed and refused); each pool worker's is in `node.actorCluster.metrics()`.
   */
  counters(): RemoteCounters {
    const core = this.local.counters();
    return {
      ...core,
      framesOut: this.link.framesOut,
      bytesOut: this.link.bytesOut,
      framesIn: this.receivers.reduce((sum, r) => sum + r.framesIn, 0),
      framesRejected: this.receivers.reduce((sum, r) => sum + r.framesRejected, 0),
      pendingBytes: this.local.pendingBytes(),
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
    this.unheard.stop();
    await this.registry.close().catch(() => undefined);
    await this.local.shutdown();
    this.membership.stop();
    this.spawner.stop();
    await this.slots.release().catch(() => undefined);
    this.local.close();
    await this.nc.drain().catch(() => undefined);
  }

  /** The first index of the process that holds `node` (spawn requests go there). */
  private nodeIndex(node: string | number): number {
    if (typeof node === 'number') {
      if (this.isLocal(node)) return this.index;
      const owner = this.table.ownerOf(node);
      if (owner !== undefined) return owner.node;
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

  private isLocal(node: number): boolean {
    return node >= this.index && node < this.index + this.span;
  }

  private lose(other: number, how: IndexLoss): void {
    this.local.nodeLost(other, indexLoss(other, how));
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') {
        this.link.pause();
        this.events.publish({ type: 'disconnected' });
      } else if (status.type === 'reconnect') {
        this.link.resume();
        this.local.flush();
        this.events.publish({ type: 'reconnected' });
      }
    }
  }
}

/** Who this process writes frames as, and its name (the fingerprint is set once known). */
type Identity = { -readonly [F in keyof FrameSender]: FrameSender[F] } & { readonly name: string };

/** What `RemoteNode.counters` reports. */
export type RemoteCounters = ReturnType<ClusterNode['counters']> & {
  readonly framesOut: number;
  readonly bytesOut: number;
  readonly framesIn: number;
  readonly framesRejected: number;
  readonly pendingBytes: number;
};
