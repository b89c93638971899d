/**
 * `defineCluster` makes the module every cluster thread loads: the actor kinds and message
 * schemas, and (as the module's default export) the scheduler-numa worker definition that runs
 * a ClusterNode on each pool worker. The main thread imports the same module, so kinds and
 * schemas agree everywhere.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { MpscRing } from '@zactor/ringbuffer';
import type { WorkerContext, WorkerDefinition } from '@zactor/scheduler-numa';
import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { ActorSystem } from '../actor-system.js';
import { ActorError } from '../errors.js';
import { GENERATION_LIMIT } from '../ref-id.js';
import type { SupervisorStrategy } from '../supervisor-strategy.js';
import { thrownMessage } from '../thrown.js';
import { AllocationCounter } from './allocation-counter.js';
import {
  type ClusterHandle,
  registerClusterHandle,
  WorkerClusterHandle,
} from './cluster-handle.js';
import { clusterNodeOptions } from './cluster-node-options.js';
import type { ClusterBootData, ControlReply, ControlRequest } from './cluster-protocol.js';
import type { ActorKinds, ClusterMessage, MessageSchemas } from './cluster-types.js';
import { SlabLargeMessageStore } from './large/large-message.js';
import type { NodeLink } from './link/node-link.js';
import { RelayLink } from './link/relay-link.js';
import { ClusterNode } from './node/cluster-node.js';
import { corruptionNotice, failureNotice } from './node-notices.js';
import { PoolRoutees } from './pool/pool-routees.js';

/**
 * What a cluster module declares. Its types travel with the definition: `ActorCluster.start<
 * typeof definition>` (or `ClusterHandle<KindsOf<typeof definition>>`) spawns only the kinds of
 * `actors`, returns refs of each kind's message type and checks each kind's `args`.
 */
export interface ClusterSpec<
  K extends ActorKinds = ActorKinds,
  S extends MessageSchemas = MessageSchemas,
  TagField extends string = string,
> {
  /** Actor kinds by name: `cluster.spawn(name, { args })` runs `kinds[name](args)` on a worker. */
  readonly actors: K;
  /**
   * Message schemas by tag; values with `[tagField]: tag` use them, others the fallback codec.
   * `ClusterMessage<typeof messages>` is their TS type.
   */
  readonly messages?: S;
  /** The field naming a message's schema. Default `type`. */
  readonly tagField?: TagField;
  /**
   * How each node's guardian supervises the top-level actors spawned by `cluster.spawn`
   * (default: one-for-one restart, 10 within 10 s). Built in this module, so every thread has it.
   */
  readonly supervisor?: SupervisorStrategy;
  /** Runs on every worker once its node exists (e.g. to spawn per-worker actors). */
  readonly setup?: (worker: ClusterSetup<NoInfer<K>>) => void;
}

/**
 * What `ClusterSpec.setup` gets on each worker: the worker's actor system (to spawn local
 * actors, subscribe to its events) and the cluster as the worker's actors see it.
 *
 * Thread contract: used on the worker it was given on.
 */
export interface ClusterSetup<K extends ActorKinds = ActorKinds> {
  /** This worker's node id (its pool index). */
  readonly nodeId: number;
  /** This worker's actor system. */
  readonly system: ActorSystem;
  /** The cluster from this worker: `clusterOf(system)`, typed with the definition's kinds. */
  readonly cluster: ClusterHandle<K>;
}

/** A cluster module's default export: the spec plus the worker side of the runtime. */
export interface ClusterDefinition<
  K extends ActorKinds = ActorKinds,
  S extends MessageSchemas = MessageSchemas,
  TagField extends string = string,
> extends WorkerDefinition {
  readonly spec: ClusterSpec<K, S, TagField>;
  /** @internal The node of the current worker thread (undefined on the main thread). */
  readonly node: ClusterNode | undefined;
}

/** The actor kinds of a cluster definition: `KindsOf<typeof definition>`. */
export type KindsOf<D> = D extends ClusterDefinition<infer K, MessageSchemas, string> ? K : never;

/**
 * The TS type of a cluster definition's registered messages (all of them, or those tagged
 * `Tag`): `MessagesOf<typeof definition, 'ping'>`. See `ClusterMessage`.
 */
export type MessagesOf<D, Tag extends string = string> =
  D extends ClusterDefinition<ActorKinds, infer S, infer F>
    ? ClusterMessage<S, Extract<keyof S & string, Tag>, string extends F ? 'type' : F>
    : never;

/** Restarts of one worker slot before its refs' generations repeat. */
const GENERATION_STRIDE = 2 ** 16;

/** Answers a spawn request that threw: its message and code (`SPAWN_FAILED` if it has none). */
function replySpawnFailed(req: number, error: unknown): void {
  reply({
    zactor: 'failed',
    req,
    message: thrownMessage(error),
    code: error instanceof ActorError ? error.code : 'SPAWN_FAILED',
  });
}

function reply(message: ControlReply): void {
  parentPort?.postMessage(message);
}

/**
 * Makes a cluster module's default export from its kinds and schemas; their types stay on the
 * result (see `ClusterSpec`).
 */
export function defineCluster<
  const K extends ActorKinds,
  const S extends MessageSchemas = Record<never, never>,
  const TagField extends string = 'type',
>(spec: ClusterSpec<K, S, TagField>): ClusterDefinition<K, S, TagField> {
  let node: ClusterNode | undefined;
  let handle: WorkerClusterHandle | undefined;
  let allocation: AllocationCounter | undefined;
  /** This worker's routees of balancing pools (see pool/pool-routees.ts). */
  let pools: PoolRoutees | undefined;
  /** This worker's link: its loop's steps bracket the publishes (deferred wakes). */
  let link: NodeLink | undefined;
  let onControl: ((message: ControlRequest) => void) | undefined;

  const control = (context: WorkerContext, message: ControlRequest): void => {
    const n = node!;
    switch (message.zactor) {
      case 'spawn':
        try {
          const ids = n.spawnLocal(
            message.kind,
            message.args,
            message.count,
            message.options,
            message.parent,
          );
          context.addLoad(context.workerIndex, message.count);
          reply({ zactor: 'spawned', req: message.req, ids });
        } catch (error) {
          replySpawnFailed(message.req, error);
        }
        return;
      case 'pool-spawn':
        try {
          pools ??= new PoolRoutees(n, (context.data as ClusterBootData).batchLatencyMs, (w) =>
            context.wake(w),
          );
          const ids = pools.spawn(message);
          context.addLoad(context.workerIndex, message.count);
          reply({ zactor: 'spawned', req: message.req, ids });
          // Work may wait in the queue already: the loop takes it on its next poll.
          context.wake(context.workerIndex);
        } catch (error) {
          replySpawnFailed(message.req, error);
        }
        return;
      case 'worker-died':
        // Pool indices on the control channel; node ids of this process start at `base`.
        n.workerDied(n.base + message.worker);
        if (message.req !== undefined) reply({ zactor: 'noted', req: message.req });
        return;
      case 'worker-up':
        n.workerRestarted(n.base + message.worker);
        return;
      case 'node-lost':
        n.nodeLost(message.node, message.loss);
        return;
      case 'node-up':
        n.workerRestarted(message.node);
        n.flush();
        return;
      case 'metrics':
        n.flush();
        reply({
          zactor: 'metrics',
          req: message.req,
          metrics: {
            node: n.nodeId,
            system: n.system.metrics.snapshot(),
            counters: n.counters(),
            latency: encodeIntoCompressedBase64(n.system.metrics.latency),
            heapUsedBytes: getHeapStatistics().used_heap_size,
            allocatedBytes: allocation?.read() ?? 0,
            uptimeMs: performance.now(),
          },
        });
        return;
      case 'spawn-result':
        handle?.onResult(message);
        return;
      case 'shutdown':
        n.flush();
        handle?.close();
        n.system.shutdown().then(() => {
          pools?.close();
          n.flush();
          reply({ zactor: 'shut', req: message.req });
        });
        return;
      case 'close':
        closeWithin(n, message.drainMs).then(() => reply({ zactor: 'closed', req: message.req }));
        return;
      case 'final-drain': {
        // No node sends any more: once the pool's loop has drained this inbox, nothing is left
        // in flight to this node (what it found went to dead letters, reason `shutdown`).
        const inbox = context.inbound(context.workerIndex);
        const check = (): void => {
          if (inbox?.hasItems() === true) setImmediate(check);
          else reply({ zactor: 'drained', req: message.req });
        };
        check();
        return;
      }
    }
  };

  const definition: ClusterDefinition<K, S, TagField> = {
    spec,
    get node() {
      return node;
    },
    setup(context: WorkerContext) {
      const boot = context.data as ClusterBootData;
      if (boot === null || typeof boot !== 'object' || boot.zactorCluster !== 1) {
        throw new ActorError(
          'defineCluster',
          'NOT_A_CLUSTER_WORKER',
          'this module must be started by ActorCluster.start',
        );
      }
      const { base, mainNode: main } = boot;
      const mainRing = MpscRing.attach(boot.mainRing);
      const options = clusterNodeOptions(
        spec,
        boot,
        base + context.workerIndex,
        {
          ring: (i) =>
            i === main ? mainRing : i >= base && i < main ? context.inbound(i - base) : undefined,
          wake: (i) => {
            if (i >= base && i < main) context.wake(i - base);
          },
        },
        boot.relayBytes === 0
          ? undefined
          : new RelayLink(mainRing, boot.relayBytes, boot.nodeCount),
        SlabLargeMessageStore.attach(
          boot.largeBlocks,
          boot.largeMessageBytes,
          boot.largeHolds,
          context.workerIndex,
        ),
        {
          name: `zactor-w${context.workerIndex}`,
          generationBase:
            (context.generation * GENERATION_STRIDE + boot.generationOffset) % GENERATION_LIMIT,
          // Failure lines go to the main thread, which reports them (node-notices.ts).
          logFailures: (entry) =>
            parentPort?.postMessage(failureNotice(context.workerIndex, entry)),
        },
        (report) => parentPort?.postMessage(corruptionNotice(report)),
      );
      link = options.link;
      node = new ClusterNode(options);
      onControl = (message) => {
        if (message !== null && typeof message === 'object' && 'zactor' in message) {
          control(context, message);
        }
      };
      parentPort?.on('message', onControl);
      handle = new WorkerClusterHandle(
        node,
        main - base,
        (request) => parentPort?.postMessage(request satisfies ControlReply),
        boot.spawnTimeoutMs,
      );
      registerClusterHandle(node.system, handle);
      allocation = new AllocationCounter();
      spec.setup?.({
        nodeId: node.nodeId,
        system: node.system,
        cluster: handle as ClusterHandle<K>,
      });
    },
    onRecord(typeId, view, offset, length) {
      node?.onRecord(typeId, view, offset, length, true);
    },
    afterDrain() {
      if (node === undefined) return 0;
      // Idle routees take the next pool records first; the node then runs them with the rest.
      link?.beginStep?.();
      const pooled = pools === undefined ? 0 : pools.feedAndRun();
      const work = pooled + node.afterDrain();
      // A step that did no work may be the last before the worker parks: owed wakes go now.
      link?.endStep?.(work === 0);
      return work;
    },
    hasWork() {
      return pools?.hasWork() === true;
    },
    /** Messages waiting in this worker's mailboxes: load-aware placement weighs it. */
    backlog() {
      return node === undefined ? 0 : node.system.waitingMessages;
    },
    async teardown() {
      if (node === undefined) return;
      handle?.close();
      allocation?.close();
      node.flush();
      link?.endStep?.(true);
      await node.system.shutdown();
      // What no link took by now is accounted for: dead letters with reason `shutdown` (a
      // no-op when the cluster's phased shutdown closed the node already).
      node.close();
      if (onControl !== undefined) parentPort?.off('message', onControl);
    },
  };
  return definition;
}

/**
 * Shutdown, phase 2 on one node (every system has stopped): waits up to `drainMs` for what
 * waits in its overflow to be handed to the links, then closes it (the rest, and anything sent
 * after, becomes dead letters with reason `shutdown`).
 */
export async function closeWithin(node: ClusterNode, drainMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    node.drained(),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, drainMs);
    }),
  ]);
  clearTimeout(timer);
  node.close();
}
