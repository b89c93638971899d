import { RemoteNode } from '@zactor/remote';
import { BenchError } from '../../errors.js';
import type { Implementation, RunResult } from '../../harness/scenario.js';
import { sourceWorkerFactory, workerModuleUrl } from '../../harness/worker-launcher.js';
import { acquireNats, natsMissing, releaseNats } from './nats-launcher.js';
import { PeerProcess } from './peer-process.js';
import { REMOTE_ACTORS, REMOTE_MESSAGES } from './remote-actors.js';
import type { PeerCounters } from './remote-protocol.js';

/** Node names of the two processes: this (bench) process and the forked peer. */
export const BENCH_NODE = 'bench';
export const PEER_NODE = 'peer';

let clusters = 0;

/** Waits until `check` holds, polling; fails after `boundMs` (a bound, not a target). */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  boundMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new BenchError('remote', 'SETUP_TIMEOUT', `no ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Two RemoteNodes of one cluster, one in this process and one in a forked peer process, on the
 * suite's nats-server: opened once per implementation (start-up, membership and the peer's
 * compilation stay out of the measurements), closed after its last run. Skipped with the reason
 * when nats-server is missing.
 */
export abstract class RemoteImplementation<P>
  implements Implementation<P & Record<string, number>>
{
  abstract readonly name: string;
  readonly role = 'zactor' as const;
  private local: RemoteNode | undefined;
  private peerProcess: PeerProcess | undefined;
  private holdsNats = false;
  protected peerIndex = -1;
  /** Pool workers of each process's ActorCluster; undefined: single-thread nodes. */
  protected readonly workers: number | undefined;

  constructor(workers?: number) {
    this.workers = workers;
  }
  /** Envelopes delivered through the link, for the frames line printed at close. */
  protected envelopes = 0;

  skip(): string | undefined {
    return natsMissing();
  }

  async open(): Promise<void> {
    // The run loop closes only what opened: a failed open releases what it took itself.
    try {
      await this.openBoth();
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private async openBoth(): Promise<void> {
    const servers = await acquireNats();
    this.holdsNats = true;
    const cluster = `bench-${process.pid}-${++clusters}`;
    this.peerProcess = await PeerProcess.start(peerExecArgv());
    this.peerIndex = await this.peerProcess.request<number>({
      op: 'start-node',
      servers,
      cluster,
      name: PEER_NODE,
      ...(this.workers === undefined ? {} : { workers: this.workers }),
    });
    const factory = await sourceWorkerFactory();
    this.local = await RemoteNode.start({
      servers,
      cluster,
      name: BENCH_NODE,
      actors: REMOTE_ACTORS,
      messages: REMOTE_MESSAGES,
      ...(this.workers === undefined
        ? {}
        : {
            actorCluster: {
              module: workerModuleUrl('remote-cluster'),
              workers: this.workers,
              pin: false,
              ...(factory === undefined ? {} : { workerFactory: factory }),
            },
          }),
    });
    const local = this.local;
    await until(() => local.members().length === 2, 'membership in the bench process');
    await until(
      async () => (await this.peer.request<number>({ op: 'members' })) === 2,
      'membership in the peer process',
    );
  }

  abstract run(params: P & Record<string, number>): Promise<RunResult>;

  /** Both processes' link counters summed. */
  protected async counters(): Promise<PeerCounters> {
    const mine = this.node.counters();
    const theirs = await this.peer.request<PeerCounters>({ op: 'counters' });
    return {
      framesOut: mine.framesOut + theirs.framesOut,
      bytesOut: mine.bytesOut + theirs.bytesOut,
      framesIn: mine.framesIn + theirs.framesIn,
      framesRejected: mine.framesRejected + theirs.framesRejected,
    };
  }

  async close(): Promise<void> {
    if (this.local !== undefined && this.envelopes > 0) {
      // A dead peer has no counters: then the line is left out, the rest still closes.
      const c = await this.counters().catch(() => undefined);
      if (c !== undefined)
        console.error(
          `zactor-bench: remote [${this.name}]: ${c.framesOut} NATS messages, ${(c.bytesOut / 2 ** 20).toFixed(1)} MiB for ${this.envelopes} envelopes: ` +
            `${(this.envelopes / Math.max(1, c.framesOut)).toFixed(1)} envelopes and ${(c.bytesOut / Math.max(1, this.envelopes)).toFixed(1)} bytes per envelope; ${c.framesRejected} frames rejected`,
        );
    }
    await this.local?.stop();
    this.local = undefined;
    await this.peerProcess?.close();
    this.peerProcess = undefined;
    if (this.holdsNats) await releaseNats();
    this.holdsNats = false;
  }

  protected get node(): RemoteNode {
    if (this.local === undefined) throw new BenchError('remote', 'NOT_OPEN', 'not opened');
    return this.local;
  }

  protected get peer(): PeerProcess {
    if (this.peerProcess === undefined) throw new BenchError('remote', 'NOT_OPEN', 'not opened');
    return this.peerProcess;
  }
}

/**
 * Node flags for the peer process: ZACTOR_BENCH_PEER_ARGS (space-separated), e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the peer as the bench process is profiled.
 */
export function peerExecArgv(): string[] {
  return (process.env.ZACTOR_BENCH_PEER_ARGS ?? '').split(' ').filter((a) => a.length > 0);
}
