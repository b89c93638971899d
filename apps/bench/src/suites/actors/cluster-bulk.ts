import { BenchError } from '../../errors.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
} from '../../harness/scenario.js';
import { WorkerSession } from '../../harness/worker-session.js';
import type { BulkPortReply, BulkPortRequest } from '../../workers/bulk-port.js';
import { ClusterImplementation } from './cluster.js';

/**
 * Large messages across workers: a stream of 256 KiB blobs from an actor on worker 0 to one on
 * worker 1, with a window of unacknowledged messages. ZActor encodes each blob (a registered
 * schema) straight into a shared slab block and sends an 8-byte reference through the ring; the
 * baselines are two bare threads over a MessagePort, copying (structured clone of a reused
 * Uint8Array) or transferring a fresh buffer each time.
 */

type BulkParams = { readonly count: number; readonly bytes: number; readonly window: number };

const MB = 'MB/s';
const mbMetric = [{ metric: MB, unit: 'MB/s', better: 'higher' as const }];

const megabytesPerSecond = (p: BulkParams, seconds: number) =>
  (p.count * p.bytes) / 1048576 / seconds;

class ClusterBulk extends ClusterImplementation<BulkParams> {
  readonly name = 'ZActor cluster, shared slab blocks';

  async run(p: BulkParams): Promise<RunResult> {
    const c = this.c;
    const reports = this.reports!;
    const sink = await c.spawn('blobSink', { worker: 1 });
    const source = await c.spawn('blobSource', {
      worker: 0,
      args: { count: p.count, bytes: p.bytes, window: p.window },
    });
    const done = reports.expect(1);
    const start = performance.now();
    source.tell({ partner: sink, reportTo: reports.ref });
    await done;
    const seconds = (performance.now() - start) / 1000;
    c.system.stop(source);
    c.system.stop(sink);
    if (reports.total !== p.count * p.bytes) {
      throw new BenchError('cluster-bulk', 'LOST_BYTES', `${reports.total} bytes acknowledged`);
    }
    return { operations: p.count, seconds, extra: { [MB]: megabytesPerSecond(p, seconds) } };
  }
}

class PortBulk implements Implementation<BulkParams> {
  readonly name: string;
  readonly role = 'baseline' as const;
  private readonly mode: BulkPortRequest['mode'];
  private source: WorkerSession | undefined;
  private sink: WorkerSession | undefined;

  constructor(mode: BulkPortRequest['mode']) {
    this.mode = mode;
    this.name = `MessagePort postMessage, ${mode === 'copy' ? 'copied' : 'transferred'}`;
  }

  async open(): Promise<void> {
    this.source = await WorkerSession.start('bulk-port', `${this.name} source`);
    this.sink = await WorkerSession.start('bulk-port', `${this.name} sink`);
  }

  async run(p: BulkParams): Promise<RunResult> {
    const { port1, port2 } = new MessageChannel();
    const base = { mode: this.mode, count: p.count, bytes: p.bytes, window: p.window };
    const [sent, received] = await Promise.all([
      this.source!.request<BulkPortReply>(
        { ...base, role: 'source', port: port1 } satisfies BulkPortRequest,
        [port1],
      ),
      this.sink!.request<BulkPortReply>(
        { ...base, role: 'sink', port: port2 } satisfies BulkPortRequest,
        [port2],
      ),
    ]);
    if (received.value !== p.count * p.bytes) {
      throw new BenchError('cluster-bulk', 'LOST_BYTES', `${received.value} bytes received`);
    }
    return {
      operations: p.count,
      seconds: sent.value,
      extra: { [MB]: megabytesPerSecond(p, sent.value) },
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.source?.close(), this.sink?.close()]);
  }
}

export const clusterBulkScenario: Scenario = defineScenario<BulkParams>({
  suite: 'actors',
  name: 'cluster: 256 KiB messages from one worker to another, 8 in flight',
  countingRule:
    'one operation = one 256 KiB message (a registered struct with a bytes field for ZActor, a Uint8Array for MessagePort) received by the other worker and acknowledged; at most 8 unacknowledged; MB/s = operations x 256 KiB / s',
  kind: 'throughput',
  unit: 'msg/s',
  sizes: {
    tiny: { count: 20, bytes: 262_144, window: 8 },
    quick: { count: 2000, bytes: 262_144, window: 8 },
    full: { count: 10_000, bytes: 262_144, window: 8 },
  },
  scaleKey: 'count',
  extraMetrics: mbMetric,
  operations: (p) => p.count,
  implementations: () => [new ClusterBulk(), new PortBulk('copy'), new PortBulk('transfer')],
});
