/**
 * Start-up of an ActorCluster: loading the cluster module's definition, then starting the
 * scheduler-numa WorkerPool (whose workers boot from ClusterBootData) and the main thread's
 * ClusterNode, linked to every worker's inbound ring and to the main thread's own.
 *
 * Thread contract: the main thread, once per cluster, inside `ActorCluster.start`.
 */
import type { MpscRing } from '@zactor/ringbuffer';
import { WorkerPool } from '@zactor/scheduler-numa';
import { ActorError } from '../errors.js';
import type { ClusterDefinition } from './cluster-definition.js';
import { clusterNodeOptions } from './cluster-node-options.js';
import {
  type ActorClusterOptions,
  type ClusterMode,
  DEFAULT_MAX_BATCH_BYTES,
  DEFAULT_RING_BYTES,
  DEFAULT_SPAWN_TIMEOUT_MS,
  type ExternalNodes,
} from './cluster-options.js';
import type { ClusterBootData } from './cluster-protocol.js';
import type { SlabLargeMessageStore } from './large/large-message.js';
import { type ActorKind, ClusterNode } from './node/cluster-node.js';
import { SharedNodeStates } from './node/shared-node-states.js';
import type { InboundCorruption } from './wire/corrupt-tally.js';

const SPIN_LATENCY = 200_000;
const SPIN_EFFICIENCY = 16;

/** Any cluster's definition, as the parts of the cluster that do not care about its kinds see it. */
export type AnyClusterDefinition = ClusterDefinition<Readonly<Record<string, ActorKind>>>;

/**
 * Imports the cluster module (a URL, an absolute URL string, or a path relative to the current
 * directory) and returns its URL and default export. Throws ActorError `INVALID_MODULE` when
 * that export was not made with `defineCluster`.
 */
export async function loadClusterDefinition<K extends Readonly<Record<string, ActorKind>>>(
  module: URL | string,
): Promise<{ readonly url: string; readonly definition: ClusterDefinition<K> }> {
  const url =
    module instanceof URL
      ? module.href
      : /^[a-z]+:/i.test(module)
        ? module
        : new URL(module, `file://${process.cwd()}/`).href;
  let imported: { default?: ClusterDefinition<K> };
  try {
    imported = (await import(url)) as { default?: ClusterDefinition<K> };
  } catch (error) {
    throw unknownTypeScript(url, error) ?? error;
  }
  const definition = imported.default;
  if (definition === undefined || typeof definition !== 'object' || !('spec' in definition)) {
    throw new ActorError(
      'ActorCluster.start',
      'INVALID_MODULE',
      `${url} has no default export made with defineCluster(...)`,
    );
  }
  return { url, definition };
}

/**
 * The main thread imports the cluster module itself first: a `.ts` module in a process with no
 * TypeScript loader fails there, before any worker, with Node's bare "Unknown file extension".
 * This says what to run instead (the pool says the same for its workers: `TS_LOADER_MISSING`).
 */
function unknownTypeScript(url: string, error: unknown): ActorError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !/\.[cm]?tsx?$/i.test(new URL(url).pathname)) {
    return undefined;
  }
  return new ActorError(
    'ActorCluster.start',
    'TS_LOADER_MISSING',
    `${url} is TypeScript and this process has no loader for it. Run the main thread under ` +
      'tsx (`node --import tsx main.ts` or `tsx main.ts`) or Node >= 22.6 with ' +
      '--experimental-strip-types, or build the module to .js (README: TypeScript worker modules)',
    { cause: error },
  );
}

/** What `startNodes` needs: the parts the ActorCluster made before any thread starts. */
export interface StartNodesInput {
  readonly moduleUrl: string;
  readonly options: ActorClusterOptions;
  readonly mode: ClusterMode;
  readonly definition: AnyClusterDefinition;
  /** The main thread's inbound ring. */
  readonly mainRing: MpscRing;
  readonly largeMessages: SlabLargeMessageStore;
  /** The longest park of an idle worker (the liveness watch's check interval), or the pool's default. */
  readonly parkTimeoutMs: number | undefined;
  /** The main node's first bad inbound record. */
  readonly onCorrupt: (report: InboundCorruption) => void;
}

/** The running pool and the main thread's node (whose id is `workerCount`). */
export interface StartedNodes {
  readonly pool: WorkerPool;
  readonly node: ClusterNode;
  readonly workerCount: number;
  /** What the main thread says of other processes' nodes, shared with the workers. */
  readonly nodeStates: SharedNodeStates;
}

/** Starts the workers (resolves once every one is ready), then the main thread's node. */
export async function startNodes(input: StartNodesInput): Promise<StartedNodes> {
  const { options: o, mainRing, largeMessages } = input;
  const boot: Omit<
    ClusterBootData,
    'nodeCount' | 'base' | 'mainNode' | 'relayBytes' | 'nodeStates'
  > = {
    zactorCluster: 1,
    mainRing: mainRing.buffer,
    ...pendingOptions(o),
    maxBatchBytes: o.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
    maxBatchMessages: o.maxBatchMessages ?? 512,
    batchLatencyMs: o.batchLatencyMs ?? 0.1,
    wakeLingerMs: input.mode === 'latency' ? 0 : wakeLingerOf(o),
    throughput: o.throughput,
    latencySampleEvery: o.latencySampleEvery,
    spawnTimeoutMs: o.spawnTimeoutMs ?? DEFAULT_SPAWN_TIMEOUT_MS,
    largeBlocks: largeMessages.buffer,
    largeHolds: largeMessages.holdsBuffer,
    largeMessageBytes: largeMessages.thresholdBytes,
    generationOffset: o.external?.generationOffset ?? 0,
  };
  // The worker count must be known for nodeCount: resolve the default the pool would use.
  const { readTopology } = await import('@zactor/scheduler-numa');
  const count = o.workers ?? readTopology().allowedCpus.length;
  const external = o.external;
  const base = external?.base ?? 0;
  const main = base + count;
  const nodeCount = external?.nodeCount ?? count + 1;
  checkExternal(external, o.workers, main);
  const nodeStates = SharedNodeStates.create(nodeCount);
  const data: ClusterBootData = {
    ...boot,
    nodeStates: nodeStates.buffer,
    nodeCount,
    base,
    mainNode: main,
    relayBytes: relayBytesOf(external, base, main),
  };
  const pool = await WorkerPool.start({
    module: input.moduleUrl,
    workers: count,
    pin: o.pin ?? true,
    stealing: false,
    inboundRingBytes: o.ringBytes ?? DEFAULT_RING_BYTES,
    workerData: data,
    spinBeforePark: input.mode === 'latency' ? SPIN_LATENCY : SPIN_EFFICIENCY,
    ...(o.workerFactory === undefined ? {} : { workerFactory: o.workerFactory }),
    ...(o.resourceLimits === undefined ? {} : { resourceLimits: o.resourceLimits }),
    ...(input.parkTimeoutMs === undefined ? {} : { parkTimeoutMs: input.parkTimeoutMs }),
  });
  const node = new ClusterNode(
    clusterNodeOptions(
      input.definition.spec,
      data,
      main,
      {
        ring: (i) =>
          i === main ? mainRing : i >= base && i < main ? pool.inbound(i - base) : undefined,
        wake: (i) => {
          if (i >= base && i < main) pool.wake(i - base);
        },
      },
      external?.link,
      largeMessages,
      {
        name: 'zactor-main',
        ...(external?.generationOffset === undefined
          ? {}
          : { generationBase: external.generationOffset }),
        ...(o.logFailures === undefined ? {} : { logFailures: o.logFailures }),
      },
      input.onCorrupt,
    ),
  );
  return { pool, node, workerCount: count, nodeStates };
}

/** What a worker may relay in one batch: the network link's room (the same for every node). */
function relayBytesOf(external: ExternalNodes | undefined, base: number, main: number): number {
  if (external === undefined) return 0;
  for (let node = 0; node < external.nodeCount; node++) {
    const room = node < base || node > main ? external.link.batchCapacity(node) : 0;
    if (room > 0) return room;
  }
  return 0;
}

/** The external indices fit (ActorError `INVALID_OPTION` before any worker starts). */
function checkExternal(
  external: ExternalNodes | undefined,
  workers: number | undefined,
  main: number,
): void {
  if (external === undefined) return;
  const fits =
    workers !== undefined &&
    Number.isInteger(external.base) &&
    external.base >= 0 &&
    external.nodeCount <= 256 &&
    main < external.nodeCount;
  if (!fits) {
    throw new ActorError(
      'ActorCluster.start',
      'INVALID_OPTION',
      `external nodes need \`workers\` and base (${external.base}) + workers + 1 <= nodeCount (${external.nodeCount}) <= 256`,
    );
  }
}

/** `mainWakeLingerMs`, checked (ActorError `INVALID_OPTION` before any worker starts). */
function wakeLingerOf(o: ActorClusterOptions): number {
  const ms = o.mainWakeLingerMs ?? 1;
  if (typeof ms !== 'number' || !(ms >= 0 && ms <= 1000)) {
    throw new ActorError(
      'ActorCluster.start',
      'INVALID_OPTION',
      `mainWakeLingerMs (${String(ms)}) must be a number of milliseconds from 0 to 1000`,
    );
  }
  return ms;
}

/** The overflow bound and its policy, checked (ActorError `INVALID_OPTION` before any worker starts). */
function pendingOptions(
  o: ActorClusterOptions,
): Pick<ClusterBootData, 'maxPendingBytes' | 'pendingFull'> {
  const maxPendingBytes = o.maxPendingBytes ?? Number.POSITIVE_INFINITY;
  const pendingFull = o.pendingFull ?? 'drop';
  if (typeof maxPendingBytes !== 'number' || !(maxPendingBytes > 0)) {
    throw new ActorError(
      'ActorCluster.start',
      'INVALID_OPTION',
      `maxPendingBytes (${String(maxPendingBytes)}) must be a positive number of bytes, or Infinity for no bound`,
    );
  }
  if (pendingFull !== 'drop' && pendingFull !== 'fail') {
    throw new ActorError(
      'ActorCluster.start',
      'INVALID_OPTION',
      `pendingFull (${String(pendingFull)}) must be 'drop' or 'fail'`,
    );
  }
  return { maxPendingBytes, pendingFull };
}
