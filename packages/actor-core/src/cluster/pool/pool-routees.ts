/**
 * A worker's side of its balancing pools: the routees it hosts and the shared queue each pool
 * reads from. A routee takes the next record only when it is idle (its mailbox empty, not
 * running, not suspended, not stopped), one at a time, so a busy worker never grabs work an idle
 * one could do: whoever is free takes the next message (Akka's BalancingPool, routees sharing
 * one mailbox; here the mailbox is an MpmcQueue in shared memory, see pool-record.ts).
 *
 * The worker's loop calls `feed` before it runs the ready actors (the cluster definition's
 * `afterDrain`) and `hasWork` while it spins and before it parks; producers wake the workers
 * after they publish. A routee that throws is restarted by its supervisor like any top-level
 * actor, and the message it was handling becomes a dead letter (`routee-failed`).
 *
 * The routees of router pools (routing other than `balancing`) are told directly by the
 * router; a worker only publishes the depths of smallest-mailbox routees here.
 *
 * Thread contract: the worker's own thread (its ClusterNode's).
 */
import { MpmcClaimLog, MpmcQueue } from '@zactor/ringbuffer';
import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { DrivenDispatcher } from '../../dispatcher.js';
import { ActorError } from '../../errors.js';
import { MailboxCell } from '../../mailbox-cell.js';
import type { PoolSpawnRequest } from '../cluster-protocol.js';
import type { ClusterNode } from '../node/cluster-node.js';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import { isActorId } from '../wire/corrupt-tally.js';
import { DirectPoolSenders } from './direct-pool-senders.js';
import { PoolQueueWords, readPoolRecord } from './pool-record.js';
import { PoolState } from './pool-state.js';

/** One pool's queue and the routees of this worker that read it. */
class LocalPool {
  readonly id: number;
  readonly queue: MpmcQueue;
  readonly words: PoolQueueWords;
  readonly cells: MailboxCell<unknown>[] = [];
  /** The message each routee is handling (undefined: none), with its sender. */
  readonly current: unknown[] = [];
  readonly currentSender: (AnyActorRef | null)[] = [];

  constructor(id: number, words: PoolQueueWords) {
    this.id = id;
    this.queue = words.queue;
    this.words = words;
  }
}

export class PoolRoutees {
  private readonly node: ClusterNode;
  private readonly system: ActorSystem;
  private readonly codec: ClusterCodec;
  private readonly driven: DrivenDispatcher | null;
  private readonly pools: LocalPool[] = [];
  /** Routees of smallest-mailbox routers, and where each publishes its depth. */
  private readonly published: { cell: MailboxCell<unknown>; words: Int32Array; at: number }[] = [];
  /** Routee id -> its pool and index, for the failures. */
  private readonly byRoutee = new Map<number, { pool: LocalPool; index: number }>();
  private watching = false;
  /** Reused by `readPoolRecord`. */
  private readonly read = { message: undefined as unknown, senderId: -1 };
  /** Records taken, and records refused as corrupt (counted, skipped). */
  taken = 0;
  corrupt = 0;

  /** This worker's tells to the pools it attached (straight into their queues). */
  private readonly senders: DirectPoolSenders;
  /** How long `feedAndRun` keeps feeding before the node ships the replies (ms). */
  private readonly windowMs: number;

  constructor(node: ClusterNode, windowMs: number, wake: (worker: number) => void) {
    this.node = node;
    this.senders = new DirectPoolSenders(node, wake);
    this.windowMs = windowMs;
    this.system = node.system;
    this.codec = node.codec;
    this.driven = node.system.dispatcher.driven?.() ?? null;
  }

  /**
   * Attaches the pool's queue and spawns the routees; their ids. Throws ActorError for an
   * unknown kind (the control channel answers it as a failed spawn).
   */
  spawn(request: PoolSpawnRequest): number[] {
    const ids = this.node.spawnLocal(request.kind, request.args, request.count, request.options);
    const cells = ids.map((id) => {
      const cell = this.system.lookup(id)?.cell;
      if (!(cell instanceof MailboxCell)) {
        throw new ActorError('ActorCluster.spawnPool', 'SPAWN_FAILED', `routee ${id} is not local`);
      }
      return cell;
    });
    if (request.depths !== null) {
      const words = new Int32Array(request.depths);
      cells.forEach((cell, k) => {
        this.published.push({ cell, words, at: 2 * (request.firstIndex + k) });
        // Its depth is published before it runs (feedAndRun), never skipped by a direct turn.
        this.driven?.queueOnly(cell.id);
      });
    }
    if (request.queue === null || ids.length === 0) return ids;
    let pool = this.pools.find((p) => p.id === request.pool);
    if (pool === undefined) {
      const queue = MpmcQueue.attach(request.queue);
      const slot = MpmcClaimLog.attach(request.claims!).slot(request.claimThread);
      pool = new LocalPool(request.pool, new PoolQueueWords(queue, slot));
      this.pools.push(pool);
      const state = new PoolState(request.state!);
      this.senders.attach(pool.id, pool.words, state, request.hosts);
    }
    cells.forEach((cell, k) => {
      this.byRoutee.set(ids[k]!, { pool, index: pool.cells.length });
      pool.cells.push(cell);
      pool.current.push(undefined);
      pool.currentSender.push(null);
    });
    this.watchRoutees();
    return ids;
  }

  /**
   * Gives each idle routee the next record of its pool's queue; how many it gave. The routees
   * run when the caller runs the dispatcher (held meanwhile, so no wake-up is scheduled).
   */
  feed(): number {
    const pools = this.pools;
    let fed = 0;
    for (let p = 0; p < pools.length; p++) {
      const pool = pools[p]!;
      const cells = pool.cells;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        if (!isIdle(cell)) continue;
        pool.current[i] = undefined;
        pool.currentSender[i] = null;
        if (this.take(pool, i, cell)) fed++;
        else break;
      }
    }
    return fed;
  }

  /**
   * Feeds the idle routees and runs them, again and again while they find work, for up to the
   * batch latency (`batchLatencyMs`): what they send meanwhile stays in the node's staging
   * batches, so the replies of several tasks leave in one ring record (one wake-up of their
   * receiver instead of one per task). Returns the work done: the records fed and the actor
   * turns run (with the direct turns of the records drained before); the caller's `afterDrain`
   * then runs whatever else is ready and ships.
   */
  feedAndRun(): number {
    const driven = this.driven;
    // The routees fed here run at `runNow`, not as they are fed: the records' direct turns end.
    driven?.hold();
    let turns = 0;
    if (this.published.length !== 0 && driven !== null) {
      // Before the run, so a routee stuck on a long message shows it; after, so the depth is
      // current before its replies leave (a router that sees the reply must not see it busy).
      this.publishDepths();
      turns += driven.runNow();
      this.publishDepths();
    }
    let fed = this.feed();
    if (fed === 0 || driven === null) return fed + turns;
    const until = performance.now() + this.windowMs;
    for (;;) {
      turns += driven.runNow();
      if (performance.now() >= until) return fed + turns;
      const more = this.feed();
      if (more === 0) return fed + turns;
      fed += more;
    }
  }

  /**
   * Stores each smallest-mailbox routee's depth (its mailbox, plus one while it is suspended or
   * busy) and counts the publication (see smallest-mailbox-routing.ts).
   */
  private publishDepths(): void {
    const published = this.published;
    // Backwards: a stopped routee's entry gets the last one's, which is published already.
    for (let i = published.length - 1; i >= 0; i--) {
      const { cell, words, at } = published[i]!;
      if (cell.isStopped) {
        this.unpublish(i);
        continue;
      }
      Atomics.store(words, at, cell.mailboxSize + (cell.blocked !== 0 ? 1 : 0));
      Atomics.add(words, at + 1, 1);
    }
  }

  /**
   * Stopped routee `i` of `published` is forgotten: its depth is no longer published (the
   * router's count of what it sent since grows, and it picks other routees) and it may run
   * direct turns again. Found by `publishDepths`, so a worker with only smallest-mailbox
   * routees subscribes to no event (each would make every spawn and stop there publish one).
   */
  private unpublish(i: number): void {
    const published = this.published;
    const { cell } = published[i]!;
    const last = published.pop()!;
    if (i !== published.length) published[i] = last;
    this.driven?.queueOnly(cell.id, false);
  }

  /** Takes one record for routee `i`; false when the queue is empty (or corrupt). */
  private take(pool: LocalPool, i: number, cell: MailboxCell<unknown>): boolean {
    const queue = pool.queue;
    for (;;) {
      const at = queue.tryAcquire(pool.words.slot);
      if (at < 0) return false;
      const read = this.read;
      const outcome = readPoolRecord(pool.words, this.codec, at, read);
      queue.release(at);
      this.taken++;
      if (outcome === 'skip') continue;
      const senderId = read.senderId;
      if (outcome === 'corrupt' || (senderId !== -1 && !isActorId(senderId))) {
        this.corrupt++;
        continue;
      }
      const message = read.message;
      read.message = undefined;
      const sender = senderId === -1 ? null : this.node.refOf(senderId);
      pool.current[i] = message;
      pool.currentSender[i] = sender;
      this.driven?.hold();
      cell.enqueue(message, sender);
      return true;
    }
  }

  /**
   * Whether some pool's queue has a record and a running routee here (Atomics loads; stale at
   * once). A routee that is running but busy counts: its turn ends inside the loop, and the
   * loop must keep turning to feed it next rather than park in front of a full queue.
   */
  hasWork(): boolean {
    const pools = this.pools;
    for (let p = 0; p < pools.length; p++) {
      const pool = pools[p]!;
      if (!pool.queue.hasItems()) continue;
      for (const cell of pool.cells) if (cell.isRunning) return true;
    }
    return false;
  }

  /** The worker's system has stopped: tells waiting here for a pool's cell are dead letters. */
  close(): number {
    return this.senders.close();
  }

  /** Routees hosted here (a stopped smallest-mailbox routee counts until the next `publishDepths`). */
  get routees(): number {
    let count = this.published.length;
    for (const pool of this.pools) count += pool.cells.length;
    return count;
  }

  /**
   * Routee failures: the message that failed becomes a dead letter (`routee-failed`). Routee
   * stops: the routee is forgotten here (`forget`). Two subscriptions, so that one that throws
   * (and is dropped by the event stream) leaves the other in place. Balancing pools only (the
   * event stream is busy on such a worker anyway); smallest-mailbox routees are forgotten by
   * `publishDepths`.
   */
  private watchRoutees(): void {
    if (this.watching) return;
    this.watching = true;
    const events = this.system.events;
    events.subscribe((event) => this.forget(event.ref.id), ['actor-stopped']);
    events.subscribe(
      (event) => {
        const at = this.byRoutee.get(event.ref.id);
        if (at === undefined) return;
        const { pool, index } = at;
        const message = pool.current[index];
        const sender = pool.currentSender[index] ?? null;
        pool.current[index] = undefined;
        pool.currentSender[index] = null;
        // Only when the task itself failed: `current` outlives the task while the routee stays
        // busy with later messages of its own (a tell to self, a timer), and a failure on one
        // of those must not dead-letter a task that was handled.
        if (message === undefined || !Object.is(pool.cells[index]?.extras?.failedWith, message))
          return;
        this.system.deadLetter(message, sender, event.ref, 'routee-failed');
      },
      ['actor-failed'],
    );
  }

  /**
   * Balancing-pool routee `id` stopped: it leaves its pool (the last routee of the pool takes its
   * place), and a pool with no routee left here is no longer fed or polled. Called on the stop's
   * own turn, never inside `feed` or `hasWork`.
   */
  private forget(id: number): void {
    const at = this.byRoutee.get(id);
    if (at === undefined) return;
    this.byRoutee.delete(id);
    const { pool, index } = at;
    const last = pool.cells.length - 1;
    if (index !== last) {
      const moved = pool.cells[last]!;
      pool.cells[index] = moved;
      pool.current[index] = pool.current[last];
      pool.currentSender[index] = pool.currentSender[last]!;
      this.byRoutee.set(moved.id, { pool, index });
    }
    pool.cells.pop();
    pool.current.pop();
    pool.currentSender.pop();
    if (pool.cells.length === 0) this.pools.splice(this.pools.indexOf(pool), 1);
  }
}

/** A routee that may take the next message: nothing queued, not running, free, alive. */
function isIdle(cell: MailboxCell<unknown>): boolean {
  return !cell.scheduled && cell.blocked === 0 && cell.isRunning && cell.mailboxSize === 0;
}
