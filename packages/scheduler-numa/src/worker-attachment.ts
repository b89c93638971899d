/**
 * What a pool worker attaches to at boot, and the part of WorkerContext that only reaches other
 * workers through it. Everything comes from the boot data and is attached, never allocated: the
 * pool memory, this worker's control block and two deques, and every worker's inbound ring.
 * WorkerRuntime extends it with the loop, which owns the local deque and the counters.
 *
 * Every method here is for the worker's own thread (WorkerContext's contract), and only reads
 * or writes shared words through Atomics (or a ring's claim/commit), so any worker may call
 * them on any other at the same time; what they read may be stale at once.
 */
import type { AffinityResult } from './affinity.js';
import { currentCpu } from './affinity.js';
import type { ChaseLevDeque } from './chase-lev-deque.js';
import type { ControlBlock, WorkerMetrics } from './control-block.js';
import { attachInboundRing, type InboundRing, writeRecord } from './inbound-ring.js';
import { PoolMemory } from './pool-memory.js';
import type { Topology } from './topology.js';
import { nodeOfCpu } from './topology.js';
import type { WorkerContext } from './worker-definition.js';
import type { WorkerBootData } from './worker-protocol.js';

export abstract class WorkerAttachment implements Omit<WorkerContext, 'submit'> {
  readonly workerIndex: number;
  readonly workerCount: number;
  readonly generation: number;
  readonly cpu: number;
  readonly node: number;
  readonly pinned: AffinityResult;
  readonly topology: Topology;
  readonly data: unknown;

  protected readonly memory: PoolMemory;
  /** This worker's control block (it is the single writer of its counters). */
  protected readonly block: ControlBlock;
  /** This worker's own deque (owner: this thread). */
  protected readonly local: ChaseLevDeque;
  /** This worker's submission deque (owner: the pool thread; this worker steals from it). */
  protected readonly submissions: ChaseLevDeque;
  /** Every worker's inbound ring, by worker index; undefined when the pool has none. */
  protected readonly rings: readonly (InboundRing | undefined)[];

  protected constructor(boot: WorkerBootData, pinned: AffinityResult) {
    this.memory = PoolMemory.attach(boot.pool);
    this.workerIndex = boot.workerIndex;
    this.workerCount = this.memory.workerCount;
    this.generation = boot.generation;
    this.pinned = pinned;
    this.cpu = pinned.ok ? boot.cpu : -1;
    this.node = boot.node;
    this.topology = boot.topology;
    this.data = boot.data;
    this.block = this.memory.blocks[boot.workerIndex]!;
    this.local = this.memory.localDeques[boot.workerIndex]!;
    this.submissions = this.memory.submissionDeques[boot.workerIndex]!;
    this.rings = boot.inbound.map((sab) => (sab === null ? undefined : attachInboundRing(sab)));
  }

  /**
   * This worker's thread. Copies a record into worker `workerIndex`'s ring (claim, copy,
   * commit: any number of producers at once) and wakes it; `false` if full or there is none.
   */
  send(workerIndex: number, typeId: number, payload: Uint8Array): boolean {
    const ring = this.rings[workerIndex];
    if (ring === undefined || !writeRecord(ring, typeId, payload)) return false;
    this.memory.blocks[workerIndex]!.wake();
    return true;
  }

  /** This worker's thread. Worker `workerIndex`'s ring, to claim and commit in place. */
  inbound(workerIndex: number): InboundRing | undefined {
    return this.rings[workerIndex];
  }

  /**
   * This worker's thread, after publishing work for worker `workerIndex` with an Atomics store:
   * wakes it if parked (ControlBlock.wake: a load, and only if PARKED a CAS and a notify).
   */
  wake(workerIndex: number): void {
    this.memory.blocks[workerIndex]?.wake();
  }

  /** This worker's thread. Atomics.add of placement load units; the new load. */
  addLoad(workerIndex: number, delta: number): number {
    return this.memory.blocks[workerIndex]!.addLoad(delta);
  }

  /** This worker's thread. A snapshot of single Atomics.loads (each exact, the whole stale). */
  metrics(workerIndex: number): WorkerMetrics {
    return this.memory.metrics(workerIndex);
  }

  /** This worker's thread. Placement load plus queued tasks (Atomics.loads; may be stale). */
  loadOf(workerIndex: number): number {
    return this.memory.blocks[workerIndex]!.load() + this.memory.queued(workerIndex);
  }

  /** This worker's thread. The node worker `workerIndex` was placed on. */
  nodeOf(workerIndex: number): number {
    return this.memory.blocks[workerIndex]!.node();
  }

  /** This worker's thread. Worker `workerIndex`'s published event-loop utilisation (0 to 1). */
  utilisationOf(workerIndex: number): number {
    return this.memory.blocks[workerIndex]!.utilisation();
  }

  /** This worker's thread. Worker `workerIndex`'s published backlog (see ControlBlock.backlog). */
  backlogOf(workerIndex: number): number {
    return this.memory.blocks[workerIndex]!.backlog();
  }

  /** This worker's thread. Whether worker `workerIndex` runs (Atomics.load; may be stale). */
  isAlive(workerIndex: number): boolean {
    return this.memory.blocks[workerIndex]!.isRunning();
  }

  /** This worker's thread. Its node: where it is pinned, else where it runs now. */
  currentNode(): number {
    if (this.cpu >= 0) return this.node;
    const node = nodeOfCpu(this.topology, currentCpu());
    return Math.max(node, 0);
  }
}
