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
import type { ActorSystemOptions } from '../actor-system.js';
import { ActorError } from '../errors.js';
import { GENERATION_LIMIT } from '../ref-id.js';
import type { SupervisorStrategy } from '../supervisor-strategy.js';
import { AllocationCounter } from './allocation-counter.js';
import { registerClusterHandle, WorkerClusterHandle } from './cluster-handle.js';
import type { ClusterBootData, ControlReply, ControlRequest } from './cluster-protocol.js';
import { type LargeMessageStore, SlabLargeMessageStore } from './large/large-message.js';
import { RingLink, type RingRoutes } from './link/ring-link.js';
import { type ActorKind, ClusterNode, type ClusterNodeOptions } from './node/cluster-node.js';
import { corruptionNotice, failureNotice } from './node-notices.js';
import { PoolRoutees } from './pool/pool-routees.js';
import type { MessageSchemas } from './wire/cluster-codec.js';
import type { InboundCorruption } from './wire/corrupt-tally.js';

/**
 * The options of a cluster node on any thread: what the spec and the boot data say, plus where
 * this node is (`nodeId`, the routes of its ring link and its large-message store) and its system's name and
 * generation base.
 */
export function clusterNodeOptions(
  spec: ClusterSpec<Readonly<Record<string, ActorKind>>>,
  boot: ClusterBootData,
  nodeId: number,
  routes: RingRoutes,
  largeMessages: LargeMessageStore,
  system: Pick<ActorSystemOptions, 'name' | 'generationBase' | 'logFailures'>,
  onCorrupt: (report: InboundCorruption) => void,
): ClusterNodeOptions {
  return {
    onCorrupt,
    nodeId,
    nodeCount: boot.nodeCount,
    kinds: spec.actors,
    messages: spec.messages ?? {},
    tagField: spec.tagField ?? 'type',
    link: new RingLink(routes, boot.nodeCount),
    maxPendingBytes: boot.maxPendingBytes,
    pendingFull: boot.pendingFull,
    maxBatchBytes: boot.maxBatchBytes,
    maxBatchMessages: boot.maxBatchMessages,
    batchLatencyMs: boot.batchLatencyMs,
    largeMessages,
    system: {
      ...system,
      ...(spec.supervisor === undefined ? {} : { defaultStrategy: spec.supervisor }),
      ...(boot.throughput === undefined ? {} : { throughput: boot.throughput }),
      ...(boot.latencySampleEvery === undefined
        ? {}
        : { latencySampleEvery: boot.latencySampleEvery }),
    },
  };
}

export interface ClusterSpec<K extends Readonly<Record<string, ActorKind>>> {
  /** Actor kinds by name: `cluster.spawn(name, { args })` runs `kinds[name](args)` on a worker. */
  readonly actors: K;
  /** Message schemas by tag; values with `[tagField]: tag` use them, others the fallback codec. */
  readonly messages?: MessageSchemas;
  /** The field naming a message's schema. Default `type`. */
  readonly tagField?: string;
  /**
   * How each node's guardian supervises the top-level actors spawned by `cluster.spawn`
   * (default: one-for-one restart, 10 within 10 s). Built in this module, so every thread has it.
   */
  readonly supervisor?: SupervisorStrategy;
  /** Runs on every worker once its node exists (e.g. to spawn per-worker actors). */
  readonly setup?: (node: ClusterNode) => void;
}

/** A cluster module's default export: the spec plus the worker side of the runtime. */
export interface ClusterDefinition<K extends Readonly<Record<string, ActorKind>>>
  extends WorkerDefinition {
  readonly spec: ClusterSpec<K>;
  /** The node of the current worker thread (undefined on the main thread). */
  readonly node: ClusterNode | undefined;
}

/** Restarts of one worker slot before its refs' generations repeat. */
const GENERATION_STRIDE = 2 ** 16;

function reply(message: ControlReply): void {
  parentPort?.postMessage(message);
}

export function defineCluster<K extends Readonly<Record<string, ActorKind>>>(
  spec: ClusterSpec<K>,
): ClusterDefinition<K> {
  let node: ClusterNode | undefined;
  let handle: WorkerClusterHandle | undefined;
  let allocation: AllocationCounter | undefined;
  /** This worker's routees of balancing pools (see pool/pool-routees.ts). */
  let pools: PoolRoutees | undefined;
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
          reply({
            zactor: 'failed',
            req: message.req,
            message: error instanceof Error ? error.message : String(error),
            code: error instanceof ActorError ? error.code : 'SPAWN_FAILED',
          });
        }
        return;
      case 'pool-spawn':
        try {
          pools ??= new PoolRoutees(n, (context.data as ClusterBootData).batchLatencyMs);
          const ids = pools.spawn(message);
          context.addLoad(context.workerIndex, message.count);
          reply({ zactor: 'spawned', req: message.req, ids });
          // Work may wait in the queue already: the loop takes it on its next poll.
          context.wake(context.workerIndex);
        } catch (error) {
          reply({
            zactor: 'failed',
            req: message.req,
            message: error instanceof Error ? error.message : String(error),
            code: error instanceof ActorError ? error.code : 'SPAWN_FAILED',
          });
        }
        return;
      case 'worker-died':
        n.workerDied(message.worker);
        if (message.req !== undefined) reply({ zactor: 'noted', req: message.req });
        return;
      case 'worker-up':
        n.workerRestarted(message.worker);
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

  const definition: ClusterDefinition<K> = {
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
      const main = boot.nodeCount - 1;
      const mainRing = MpscRing.attach(boot.mainRing);
      node = new ClusterNode(
        clusterNodeOptions(
          spec,
          boot,
          context.workerIndex,
          {
            ring: (i) => (i === main ? mainRing : context.inbound(i)),
            wake: (i) => {
              if (i !== main) context.wake(i);
            },
          },
          SlabLargeMessageStore.attach(boot.largeBlocks, boot.largeMessageBytes),
          {
            name: `zactor-w${context.workerIndex}`,
            generationBase: (context.generation * GENERATION_STRIDE) % GENERATION_LIMIT,
            // Failure lines go to the main thread, which reports them (node-notices.ts).
            logFailures: (entry) =>
              parentPort?.postMessage(failureNotice(context.workerIndex, entry)),
          },
          (report) => parentPort?.postMessage(corruptionNotice(report)),
        ),
      );
      onControl = (message) => {
        if (message !== null && typeof message === 'object' && 'zactor' in message) {
          control(context, message);
        }
      };
      parentPort?.on('message', onControl);
      handle = new WorkerClusterHandle(
        node,
        boot.nodeCount - 1,
        (request) => parentPort?.postMessage(request satisfies ControlReply),
        boot.spawnTimeoutMs,
      );
      registerClusterHandle(node.system, handle);
      allocation = new AllocationCounter();
      spec.setup?.(node);
    },
    onRecord(typeId, view, offset, length) {
      node?.onRecord(typeId, view, offset, length);
    },
    afterDrain() {
      if (node === undefined) return 0;
      // Idle routees take the next pool records first; the node then runs them with the rest.
      const fed = pools === undefined ? 0 : pools.feedAndRun();
      return fed + node.afterDrain();
    },
    hasWork() {
      return pools?.hasWork() === true;
    },
    async teardown() {
      if (node === undefined) return;
      handle?.close();
      allocation?.close();
      node.flush();
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
