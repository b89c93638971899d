/**
 * Fault mode's loop on the main thread: it hangs the victim worker every `hangEveryMs` (a victim
 * spins forever in its receive), follows the cluster's liveness events, and once the worker was
 * terminated and restarted spawns new victims there and gives their refs to the drivers. What a
 * hung worker held is lost with it: the load in its inbound ring is dead-lettered by the cluster
 * (`worker-dead`, counted in the events' `lost`), the load already in its actors' mailboxes is
 * gone, and only that can be counted by difference: victim load sent, minus what victims
 * received (victims.ts keeps it in shared memory), dead-lettered or thrown at tell.
 *
 * It also hands the main thread's node a record of seeded random bytes every
 * `corruptEveryMs`, through the node's record handler as a link would: each must be counted
 * as one bad record (the node's `corrupt` counter) and skipped, with nothing delivered.
 */
import { type ActorCluster, type AnyActorRef, RECORD_ENVELOPES } from '@zactor/actor-core';
import { mulberry32 } from './load.js';
import { VICTIM_DEAD_SLOT, VICTIM_SLOTS, type VictimArgs, victimCounts } from './victims.js';

export interface FaultOptions {
  /** Hang the victim worker this often (from the start of the load). Default 2000 ms. */
  readonly hangEveryMs?: number;
  /** Restarts per million whose constructor throws, in every group. Default 50,000 (1 in 20). */
  readonly restartFailPerMillion?: number;
  /** Share of the drivers' load told to victims. Default 0.05. */
  readonly victimShare?: number;
  /** Hand the main node a record of random bytes this often. Default 500 ms. */
  readonly corruptEveryMs?: number;
}

export interface FaultReport {
  /** Hangs injected. */
  readonly hangs: number;
  /** `worker-unresponsive` events for the victim worker. */
  readonly unresponsive: number;
  /** Times the victim worker was started again. */
  readonly workerRestarts: number;
  /** Load messages the terminated workers' inboxes still held (dead-lettered `worker-dead`). */
  readonly lostInRings: number;
  readonly victimReceived: number;
  /** Load dead-lettered on a victim thread (other threads' tallies count theirs). */
  readonly victimDeadOnVictimThread: number;
  /** Records of random bytes handed to the main node. */
  readonly corruptRecords: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FaultLoop {
  private readonly cluster: ActorCluster;
  private readonly worker: number;
  private readonly drivers: readonly AnyActorRef[];
  private readonly log: (line: string) => void;
  private readonly counts = victimCounts();
  private victims: AnyActorRef[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private corruptTimer: ReturnType<typeof setInterval> | null = null;
  private corruptRecords = 0;
  private hung = false;
  private respawning: Promise<void> = Promise.resolve();
  private hangs = 0;
  private unresponsive = 0;
  private workerRestarts = 0;
  private lostInRings = 0;

  /** `worker`: the pool worker that hosts the victims and nothing else. */
  constructor(
    cluster: ActorCluster,
    worker: number,
    drivers: readonly AnyActorRef[],
    log: (line: string) => void,
  ) {
    this.cluster = cluster;
    this.worker = worker;
    this.drivers = drivers;
    this.log = log;
    cluster.on('worker-unresponsive', (info) => {
      if (info.worker !== this.worker) {
        log(`fault: worker ${info.worker} (not the victim) unresponsive: ${JSON.stringify(info)}`);
        return;
      }
      this.unresponsive++;
      this.lostInRings += info.lost?.messages ?? 0;
      log(
        `fault: worker ${info.worker} unresponsive for ${Math.round(info.silentMs)} ms -> ` +
          `${info.action}; its inbox held ${info.lost?.messages ?? 0} messages`,
      );
    });
    cluster.on('worker-died', (info) => {
      if (info.worker !== this.worker) {
        log(`fault: worker ${info.worker} (not the victim) died: ${JSON.stringify(info)}`);
        return;
      }
      if (!info.restarted) return;
      this.workerRestarts++;
      this.respawning = this.respawning.then(() => this.spawnVictims());
    });
  }

  /** Spawns the first victims and starts hanging the worker and feeding bad records. */
  async start(hangEveryMs: number, corruptEveryMs: number, seed: number): Promise<void> {
    await this.spawnVictims();
    this.timer = setInterval(() => this.hang(), hangEveryMs);
    const random = mulberry32(seed);
    this.corruptTimer = setInterval(() => this.corrupt(random), corruptEveryMs);
  }

  /** A record of 8 to 512 random bytes, handed over as a link hands over what arrives. */
  private corrupt(random: () => number): void {
    const length = 8 * (1 + Math.floor(random() * 64));
    const bytes = new Uint8Array(length + 8);
    for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
    const node = this.cluster.mainNode;
    node.recordHandler(RECORD_ENVELOPES, new DataView(bytes.buffer), 0, length);
    node.afterDrain();
    this.corruptRecords++;
  }

  /** No more hangs; resolves once a worker hung last has been replaced and has victims again. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    if (this.corruptTimer !== null) clearInterval(this.corruptTimer);
    this.timer = null;
    this.corruptTimer = null;
    const deadline = performance.now() + 30_000;
    while (this.hung && performance.now() < deadline) await sleep(20);
    await this.respawning;
  }

  report(): FaultReport {
    const counts = new Float64Array(this.counts);
    let victimReceived = 0;
    for (let i = 0; i < VICTIM_SLOTS; i++) victimReceived += counts[i]!;
    return {
      hangs: this.hangs,
      unresponsive: this.unresponsive,
      workerRestarts: this.workerRestarts,
      lostInRings: this.lostInRings,
      victimReceived,
      victimDeadOnVictimThread: counts[VICTIM_DEAD_SLOT]!,
      corruptRecords: this.corruptRecords,
    };
  }

  private hang(): void {
    if (this.hung || this.victims.length === 0) return;
    this.hung = true;
    this.hangs++;
    this.victims[0]!.tell('hang');
  }

  /** New victims on the (new) worker; retried while the worker is still starting. */
  private async spawnVictims(): Promise<void> {
    const deadline = performance.now() + 30_000;
    for (;;) {
      try {
        const victims: AnyActorRef[] = [];
        for (let slot = 0; slot < VICTIM_SLOTS; slot++) {
          const args: VictimArgs = { counts: this.counts, slot };
          victims.push(await this.cluster.spawn('victim', { worker: this.worker, args }));
        }
        this.victims = victims;
        for (const d of this.drivers) d.tell({ victims });
        this.hung = false;
        return;
      } catch (error) {
        if (performance.now() > deadline) {
          this.log(`fault: could not spawn victims on worker ${this.worker}: ${String(error)}`);
          return;
        }
        await sleep(50);
      }
    }
  }
}
