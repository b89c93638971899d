/**
 * What an actor can do with the cluster it runs in, from any thread: `clusterOf(ctx.system)`.
 * On the main thread the handle is the ActorCluster itself; on a pool worker it is a
 * `WorkerClusterHandle`, which asks the main thread to spawn (placement lives there, with the
 * pool's load figures) and turns the answer into refs. Spawning is rare, so it goes by
 * postMessage, not through the rings.
 *
 * An actor spawned with `spawn` is a top-level actor of the worker that hosts it, supervised by
 * that worker's strategy: watch it to learn of its end. One spawned with `spawnChild` is a child
 * of the calling actor wherever it runs (see remote-child-cell.ts and remote-children.ts).
 *
 * Thread contract: a handle is used on the thread of its actor system only.
 */

import type { ActorContext } from '../actor-context.js';
import type { ActorRef, AnyActorRef, AskOptions } from '../actor-ref.js';
import type { ActorSystem } from '../actor-system.js';
import { ActorError } from '../errors.js';
import type { ClusterSpawnOptions } from './cluster-options.js';
import type { RemoteSpawnOptions } from './cluster-protocol.js';
import type {
  ActorKind,
  ActorKinds,
  KindMessage,
  KindName,
  KindSpawnOptions,
} from './cluster-types.js';
import type { ClusterNode } from './node/cluster-node.js';
import { PendingRequests } from './pending-requests.js';
import { spawnChild } from './spawn-child.js';
import type { ChildParent } from './supervision/child-spawn-table.js';

/**
 * Role: the cluster as one thread's actors see it. `K` is the cluster definition's kinds
 * (`KindsOf<typeof definition>`): `spawn` then accepts only those names, types each kind's
 * `args`, and resolves with a ref of the kind's message type. Untyped (the default), any name
 * goes and refs take any message.
 */
export interface ClusterHandle<K extends ActorKinds = ActorKinds> {
  /** This thread's node: a pool worker's index, or the main thread's (the last) id. */
  readonly nodeId: number;
  /** Pool workers in the cluster (the main thread is not counted). */
  readonly workerCount: number;
  /**
   * Spawns one actor of `kind` (on `options.worker`, `'main'`, or the placement policy's
   * choice) and resolves with its ref. Rejects with ActorError (`UNKNOWN_KIND`,
   * `INVALID_OPTION`, `WORKER_DEAD`, `NOT_RUNNING`, `SPAWN_TIMEOUT`).
   */
  spawn<N extends KindName<K>>(
    kind: N,
    ...options: KindSpawnOptions<K[N]>
  ): Promise<ActorRef<KindMessage<K[N]>>>;
  /** Spawns `count` actors of `kind` on one node with one request. */
  spawnMany<N extends KindName<K>>(
    kind: N,
    count: number,
    ...options: KindSpawnOptions<K[N]>
  ): Promise<ActorRef<KindMessage<K[N]>>[]>;
  /**
   * Spawns one actor of `kind` as a child of the calling actor (`parent`, its `ctx`) on
   * `options.worker`, `'main'`, or the placement policy's choice; on the parent's own node it is
   * a plain `ctx.spawn`. The parent supervises it as a local child: its failures go to the
   * parent's strategy (the error arrives as a plain `Error` with the same name, message and
   * stack), its end reaches the parent, and it stops with the parent. Resolves once the child
   * runs. Rejects with ActorError (`UNKNOWN_KIND`, `INVALID_OPTION`, `INVALID_NAME`,
   * `DUPLICATE_NAME`, `WORKER_DEAD`, `NOT_RUNNING`, `SPAWN_TIMEOUT`); the parent then has no
   * such child. Call it from the parent's own `receive` or hooks (its thread).
   */
  spawnChild<N extends KindName<K>>(
    // biome-ignore lint/suspicious/noExplicitAny: a parent of any message type.
    parent: ActorContext<any>,
    kind: N,
    ...options: KindSpawnOptions<K[N]>
  ): Promise<ActorRef<KindMessage<K[N]>>>;
  /**
   * Asks `ref` from this thread, with the options of `ref.ask` (`timeoutMs`, `signal`): the same
   * call on the main thread (the `ActorCluster`) and on a worker.
   */
  ask<M, R = unknown>(ref: ActorRef<M>, message: M, options?: AskOptions): Promise<R>;
  /**
   * Backpressure: bytes this thread's node holds in its overflow queues because a destination's
   * ring was full (for one destination node with `node`). Tells never wait for room; a producer
   * that sends faster than a receiver drains sees this grow.
   */
  pendingBytes(node?: number): number;
  /**
   * Resolves once nothing this thread sent waits in an overflow any more (like a stream's
   * 'drain' event): `if (handle.pendingBytes() > limit) await handle.drained()`.
   */
  drained(): Promise<void>;
}

/** Worker -> main: spawn on the worker's behalf. */
export interface SpawnRequest {
  readonly zactor: 'spawn-request';
  readonly req: number;
  readonly kind: string;
  readonly count: number;
  readonly args: unknown;
  readonly worker: number | 'main' | undefined;
  readonly options: RemoteSpawnOptions;
  /** Set for `spawnChild`: the child's parent on the requesting worker. */
  readonly parent?: ChildParent | undefined;
}

/** Main -> worker: the answer to a SpawnRequest. */
export type SpawnResult =
  | { readonly zactor: 'spawn-result'; readonly req: number; readonly ids: number[] }
  | {
      readonly zactor: 'spawn-result';
      readonly req: number;
      readonly code: string;
      readonly message: string;
    };

const handles = new WeakMap<ActorSystem, ClusterHandle>();

/** The peer of a worker's requests in PendingRequests: the main thread. */
const MAIN_PEER = -1;

/** Throws ActorError `INVALID_OPTION` unless `count` is a positive integer. */
export function checkSpawnCount(where: string, count: number): void {
  if (!Number.isInteger(count) || count < 1) {
    throw new ActorError(where, 'INVALID_OPTION', `count (${count}) must be a positive integer`);
  }
}

/**
 * The cluster `system` belongs to, or undefined for a system outside any cluster. Pass the
 * definition's kinds to type it: `clusterOf<KindsOf<typeof definition>>(ctx.system)`.
 */
export function clusterOf<K extends ActorKinds = ActorKinds>(
  system: ActorSystem,
): ClusterHandle<K> | undefined {
  // The handle serves any declared kind: the kinds are the same module's on every thread.
  return handles.get(system) as ClusterHandle<K> | undefined;
}

/** The options of a typed spawn, as the untyped implementations take them. */
export function spawnOptionsOf(
  options: readonly [ClusterSpawnOptions<unknown>?] | readonly unknown[],
): ClusterSpawnOptions<unknown> {
  return (options[0] as ClusterSpawnOptions<unknown> | undefined) ?? {};
}

/** Makes `handle` what `clusterOf(system)` returns (the cluster does this for each node). */
export function registerClusterHandle(system: ActorSystem, handle: ClusterHandle): void {
  handles.set(system, handle);
}

/** A pool worker's handle: requests go to the main thread, answers come back as SpawnResult. */
export class WorkerClusterHandle implements ClusterHandle {
  readonly workerCount: number;
  private readonly node: ClusterNode;
  private readonly post: (request: SpawnRequest) => void;
  private readonly timeoutMs: number;
  private readonly pending = new PendingRequests<number[]>();
  private closed = false;

  constructor(
    node: ClusterNode,
    workerCount: number,
    post: (request: SpawnRequest) => void,
    timeoutMs: number,
  ) {
    this.node = node;
    this.workerCount = workerCount;
    this.post = post;
    this.timeoutMs = timeoutMs;
  }

  get nodeId(): number {
    return this.node.nodeId;
  }

  ask<M, R = unknown>(ref: ActorRef<M>, message: M, options?: AskOptions): Promise<R> {
    return this.node.system.ask<M, R>(ref, message, options);
  }

  pendingBytes(node?: number): number {
    return this.node.pendingBytes(node);
  }

  drained(): Promise<void> {
    return this.node.drained();
  }

  async spawn<N extends KindName<ActorKinds>>(
    kind: N,
    ...options: KindSpawnOptions<ActorKind>
  ): Promise<AnyActorRef> {
    const [ref] = await this.spawnRefs(kind, 1, spawnOptionsOf(options));
    return ref!;
  }

  spawnMany<N extends KindName<ActorKinds>>(
    kind: N,
    count: number,
    ...options: KindSpawnOptions<ActorKind>
  ): Promise<AnyActorRef[]> {
    return this.spawnRefs(kind, count, spawnOptionsOf(options));
  }

  private async spawnRefs(
    kind: string,
    count: number,
    options: ClusterSpawnOptions<unknown>,
  ): Promise<AnyActorRef[]> {
    checkSpawnCount('ClusterHandle.spawn', count);
    if (this.closed) {
      throw new ActorError('ClusterHandle.spawn', 'NOT_RUNNING', 'the cluster is shutting down');
    }
    const { args, worker, ...spawnOptions } = options;
    if (worker === this.node.nodeId) {
      // Here: no need to ask anyone.
      const ids = this.node.spawnLocal(kind, args, count, spawnOptions);
      return ids.map((id) => this.node.refOf(id));
    }
    const ids = await this.request(kind, count, args, worker, spawnOptions, undefined);
    return ids.map((id) => this.node.refOf(id));
  }

  spawnChild<N extends KindName<ActorKinds>>(
    // biome-ignore lint/suspicious/noExplicitAny: a parent of any message type.
    parent: ActorContext<any>,
    kind: N,
    ...options: KindSpawnOptions<ActorKind>
  ): Promise<AnyActorRef> {
    return spawnChild(
      this.node,
      parent,
      kind,
      spawnOptionsOf(options),
      this.timeoutMs,
      (k, args, worker, spawnOptions, from) => this.request(k, 1, args, worker, spawnOptions, from),
      this.closed,
    );
  }

  /** Asks the main thread to spawn; resolves with the ids. */
  private request(
    kind: string,
    count: number,
    args: unknown,
    worker: number | 'main' | undefined,
    options: RemoteSpawnOptions,
    parent: ChildParent | undefined,
  ): Promise<number[]> {
    return this.pending.start(
      MAIN_PEER,
      this.timeoutMs,
      () =>
        new ActorError(
          'ClusterHandle.spawn',
          'SPAWN_TIMEOUT',
          `no answer from the main thread within ${this.timeoutMs} ms`,
        ),
      (req) =>
        this.post({ zactor: 'spawn-request', req, kind, count, args, worker, options, parent }),
    );
  }

  /** An answer from the main thread. */
  onResult(result: SpawnResult): void {
    if ('ids' in result) this.pending.answer(result.req, result.ids);
    else {
      this.pending.fail(
        result.req,
        new ActorError('ClusterHandle.spawn', result.code, result.message),
      );
    }
  }

  /** The node is going away: refuse new requests and reject the waiting ones. */
  close(): void {
    this.closed = true;
    this.node.childSpawns.failAll();
    this.pending.failAll(
      () => new ActorError('ClusterHandle.spawn', 'NOT_RUNNING', 'the node shut down'),
    );
  }
}
