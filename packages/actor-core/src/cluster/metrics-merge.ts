/**
 * Cluster metrics: asks every live worker for its NodeMetrics over the control channel, adds
 * the main node's own, and merges them into one ClusterMetrics: per-node rates since the
 * previous call, pool metrics, inbound-ring occupancy, totals, and one latency histogram merged
 * from every node's HDR histogram.
 *
 * Thread contract: the main thread only. It reads the rings' shared position words (any thread
 * may) and the main node's own histogram (its thread).
 */
import { getHeapStatistics } from 'node:v8';
import { MpscRing } from '@zactor/ringbuffer';
import type { WorkerMetrics, WorkerPool } from '@zactor/scheduler-numa';
import { build, decodeFromCompressedBase64, type Histogram } from 'hdr-histogram-js';
import type { LatencySnapshot, MetricsSnapshot } from '../metrics.js';
import type { AllocationCounter } from './allocation-counter.js';
import type { NodeMetrics } from './cluster-protocol.js';
import type { ControlChannel } from './control-channel.js';
import type { ClusterNode, NodeCounters } from './node/cluster-node.js';

/** One worker's (or the main thread's) metrics, merged from its node and its pool slot. */
export interface ClusterNodeMetrics {
  readonly node: number;
  readonly system: MetricsSnapshot;
  readonly counters: NodeCounters;
  /** Messages processed per second since the previous `metrics()` call (or since start). */
  readonly messagesPerSecond: number;
  readonly heapUsedBytes: number;
  /** Heap growth per second since the previous call (what survived; see allocation below). */
  readonly heapGrowthBytesPerSecond: number;
  /** Bytes allocated on the node's heap since it started (V8 GC statistics; see AllocationCounter). */
  readonly allocatedBytes: number;
  /** Allocation rate since the previous `metrics()` call (or since start), bytes/s. */
  readonly allocatedBytesPerSecond: number;
  /** Pool metrics (event-loop utilisation, parks, wakes); undefined for the main thread. */
  readonly pool: WorkerMetrics | undefined;
  /** Bytes waiting in this node's inbound ring, and its capacity. */
  readonly ringUsedBytes: number;
  readonly ringCapacityBytes: number;
}

export interface ClusterMetrics {
  readonly nodes: readonly ClusterNodeMetrics[];
  readonly total: {
    readonly messagesProcessed: number;
    readonly messagesPerSecond: number;
    readonly deadLetters: number;
    readonly failures: number;
    readonly restarts: number;
    readonly actorsAlive: number;
    readonly workerDeaths: number;
    /** Tell -> receive latency over every node (merged HDR histograms), in ns. */
    readonly latencyNs: LatencySnapshot;
  };
}

export interface ClusterMetricsParts {
  readonly pool: WorkerPool;
  readonly workerCount: number;
  /** The main thread's node. */
  readonly node: ClusterNode;
  /** Its inbound ring. */
  readonly mainRing: MpscRing;
  readonly channel: ControlChannel;
  /** The main thread's allocation counter (workers keep their own). */
  readonly allocation: AllocationCounter;
  /** Workers that died so far. */
  readonly workerDeaths: () => number;
}

/** A node's figures at the previous call, for the rates. */
interface RateSample {
  at: number;
  processed: number;
  heap: number;
  allocated: number;
}

export class ClusterMetricsCollector {
  private readonly parts: ClusterMetricsParts;
  private readonly samples = new Map<number, RateSample>();
  /**
   * Every node's inbound ring by node id, for its occupancy. The pool hands out a worker's ring
   * as an InboundRing, which has no `usedBytes`; it is an MpscRing buffer, so this attaches an
   * MpscRing view of it (which checks that it is one) once, at start-up. The pool keeps each
   * worker's ring across restarts, so the view stays the ring's.
   */
  private readonly inboxes: readonly (MpscRing | undefined)[];

  constructor(parts: ClusterMetricsParts) {
    this.parts = parts;
    const inboxes: (MpscRing | undefined)[] = [];
    for (let i = 0; i < parts.workerCount; i++) {
      const ring = parts.pool.inbound(i);
      inboxes.push(ring === undefined ? undefined : MpscRing.attach(ring.buffer));
    }
    inboxes.push(parts.mainRing);
    this.inboxes = inboxes;
  }

  /** Asks the live workers, adds the main node, merges. */
  async collect(): Promise<ClusterMetrics> {
    const { node: main, channel } = this.parts;
    const replies: NodeMetrics[] = [];
    for (const answer of await channel.requestAlive((req) => ({ zactor: 'metrics', req }))) {
      if (answer.zactor === 'metrics') replies.push(answer.metrics);
    }
    main.flush();
    replies.push({
      node: main.nodeId,
      system: main.system.metrics.snapshot(),
      counters: main.counters(),
      latency: '',
      heapUsedBytes: getHeapStatistics().used_heap_size,
      allocatedBytes: this.parts.allocation.read(),
      uptimeMs: performance.now(),
    });
    replies.sort((a, b) => a.node - b.node);
    return this.merge(replies);
  }

  /** Merges the nodes' replies (sorted by node, the main node's included). */
  private merge(replies: readonly NodeMetrics[]): ClusterMetrics {
    const { pool, node: main } = this.parts;
    let merged: Histogram | undefined;
    const now = performance.now();
    const nodes: ClusterNodeMetrics[] = replies.map((r) => {
      const histogram =
        r.node === main.nodeId
          ? main.system.metrics.latency
          : decodeFromCompressedBase64(r.latency);
      if (merged === undefined)
        merged = build({
          lowestDiscernibleValue: 1,
          highestTrackableValue: 3_600_000_000_000,
          numberOfSignificantValueDigits: 3,
        });
      merged.add(histogram);
      if (r.node !== main.nodeId) histogram.destroy();
      const previous = this.samples.get(r.node);
      const processed = r.system.messagesProcessed;
      const seconds = previous === undefined ? r.uptimeMs / 1000 : (now - previous.at) / 1000;
      const rate = seconds > 0 ? (processed - (previous?.processed ?? 0)) / seconds : 0;
      const growth =
        seconds > 0
          ? Math.max(0, r.heapUsedBytes - (previous?.heap ?? r.heapUsedBytes)) / seconds
          : 0;
      const allocationRate =
        seconds > 0 ? Math.max(0, r.allocatedBytes - (previous?.allocated ?? 0)) / seconds : 0;
      this.samples.set(r.node, {
        at: now,
        processed,
        heap: r.heapUsedBytes,
        allocated: r.allocatedBytes,
      });
      const ring = this.inboxes[r.node];
      return {
        node: r.node,
        system: r.system,
        counters: r.counters,
        messagesPerSecond: Math.max(0, rate),
        heapUsedBytes: r.heapUsedBytes,
        heapGrowthBytesPerSecond: growth,
        allocatedBytes: r.allocatedBytes,
        allocatedBytesPerSecond: allocationRate,
        pool: r.node === main.nodeId ? undefined : pool.metrics(r.node),
        ringUsedBytes: ring === undefined ? 0 : ring.usedBytes,
        ringCapacityBytes: ring === undefined ? 0 : ring.bytes.length,
      };
    });
    const h = merged!;
    const latencyNs: LatencySnapshot = {
      count: h.totalCount,
      p50: h.getValueAtPercentile(50),
      p95: h.getValueAtPercentile(95),
      p99: h.getValueAtPercentile(99),
      p999: h.getValueAtPercentile(99.9),
      max: h.maxValue,
    };
    h.destroy();
    const sum = (f: (n: ClusterNodeMetrics) => number) => nodes.reduce((s, n) => s + f(n), 0);
    return {
      nodes,
      total: {
        messagesProcessed: sum((n) => n.system.messagesProcessed),
        messagesPerSecond: sum((n) => n.messagesPerSecond),
        deadLetters: sum((n) => n.system.deadLetters),
        failures: sum((n) => n.system.failures),
        restarts: sum((n) => n.system.restarts),
        actorsAlive: sum((n) => n.system.actorsAlive),
        workerDeaths: this.parts.workerDeaths(),
        latencyNs,
      },
    };
  }
}
