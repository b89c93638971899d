/**
 * The target behind a router pool's ref on the main thread: each tell picks a routee with the
 * pool's routing logic (round-robin, random, consistent hash, smallest mailbox) and tells it
 * directly, with the original sender, or tells every routee (`broadcast`). The routees are plain
 * actors on the workers, so the message takes the usual path (encode, batch, ring) and per
 * sender-routee order holds.
 *
 * Thread contract: the main thread only.
 */
import type { ActorRef, AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { ActorTarget, AnyTarget } from '../../actor-target.js';
import { undefinedMessage } from '../../errors.js';
import type { SysKind } from '../../system-message.js';
import { ConsistentHashRouting } from './consistent-hash-routing.js';
import type { PoolFront } from './pool-front.js';
import { WatchRoutees } from './routee-watch.js';
import {
  type PoolRouting,
  RandomRouting,
  RoundRobinRouting,
  type RoutingLogic,
} from './routing.js';
import { SmallestMailboxRouting } from './smallest-mailbox-routing.js';

/** The routing logic of `routing` over `routees` routees (`depths` for smallest-mailbox). */
export function routingLogicOf(
  routing: Exclude<PoolRouting, 'balancing' | 'broadcast'>,
  routees: number,
  depths: Int32Array | undefined,
): RoutingLogic {
  if (routing === 'round-robin') return new RoundRobinRouting();
  if (routing === 'random') return new RandomRouting((Math.random() * 2 ** 31) | 0);
  if (routing === 'smallest-mailbox') return new SmallestMailboxRouting(depths!);
  return new ConsistentHashRouting(routing.consistentHash, routees);
}

export class RouterTarget<M> implements ActorTarget<M>, PoolFront {
  ref!: ActorRef<M>;
  readonly system: ActorSystem;
  private readonly head: AnyActorRef;
  /** null: broadcast. */
  private readonly logic: RoutingLogic | null;
  /** Each worker's routees, and all of them worker by worker (the logic's indices). */
  private readonly byWorker: AnyActorRef[][];
  private routees: AnyActorRef[] = [];
  /** `routees`, with null for those that stopped (`routeeGone`), and how many are not null. */
  private live: (AnyActorRef | null)[] = [];
  private liveCount = 0;
  /** Routees that stopped, until a restarted worker's routees replace them. */
  private readonly gone = new Set<AnyActorRef>();
  /** Each routee's index in `routees`. */
  private readonly positions = new Map<AnyActorRef, number>();
  private closed = false;
  private stopRequested = false;

  constructor(
    system: ActorSystem,
    head: AnyActorRef,
    logic: RoutingLogic | null,
    workerCount: number,
  ) {
    this.system = system;
    this.head = head;
    this.logic = logic;
    this.byWorker = Array.from({ length: workerCount }, () => []);
  }

  get path(): string {
    return this.head.path;
  }

  setRoutees(worker: number, routees: readonly AnyActorRef[]): void {
    // Spawned while the pool stopped (a restarted worker's, an answer still on its way).
    if (this.stopRequested) {
      for (const routee of routees) routee.cell.requestStop();
      return;
    }
    for (const old of this.byWorker[worker]!) this.gone.delete(old);
    this.byWorker[worker] = [...routees];
    this.routees = this.byWorker.flat();
    const gone = this.gone;
    this.positions.clear();
    for (let i = 0; i < this.routees.length; i++) this.positions.set(this.routees[i]!, i);
    this.live = this.routees.map((routee) => (gone.has(routee) ? null : routee));
    this.liveCount = this.routees.length - gone.size;
    // The head watches them: a stop comes back as `routeeGone` (not once the cluster closes).
    if (!this.closed) this.head.tell(new WatchRoutees(routees));
  }

  /** See PoolFront: a routee stopped; no longer picked (a replaced one is ignored). O(1). */
  routeeGone(routee: AnyActorRef): void {
    if (this.closed || this.stopRequested) return;
    const i = this.positions.get(routee);
    if (i === undefined || this.live[i] === null) return;
    this.live[i] = null;
    this.liveCount--;
    this.gone.add(routee);
  }

  /** The tell path: true when a routee took it (every routee, for broadcast). */
  enqueue(message: M, sender: AnyActorRef | null): boolean {
    if (message === undefined) {
      throw undefinedMessage(this.path);
    }
    const routees = this.routees;
    if (this.closed || this.stopRequested || routees.length === 0) {
      return this.system.deadLetter(
        message,
        sender,
        this.ref,
        this.closed ? 'shutdown' : 'stopped',
      );
    }
    const logic = this.logic;
    if (logic === null) return this.broadcast(message, sender);
    const i = logic.select(message, routees.length);
    const routee = this.live[i];
    if (routee !== null && routee !== undefined) return routee.tell(message, sender);
    return this.tellAnother(i, message, sender);
  }

  /**
   * The routee picked at `i` stopped (or is not spawned yet): the logic picks among the live
   * ones (`selectLive`: a consistent hash walks on along its ring, so only that routee's keys
   * move, to their ring neighbours). With none live, the picked one's ref dead-letters it, with
   * its reason (`stopped`, `worker-dead`).
   */
  private tellAnother(i: number, message: M, sender: AnyActorRef | null): boolean {
    const live = this.live;
    const j = this.liveCount === 0 ? -1 : this.logic!.selectLive(message, live);
    if (j >= 0) return live[j]!.tell(message, sender);
    return this.routees[i < live.length ? i : 0]!.tell(message, sender);
  }

  /** Every live routee gets it; with none live, the first one's ref dead-letters it. */
  private broadcast(message: M, sender: AnyActorRef | null): boolean {
    if (this.liveCount === 0) return this.routees[0]!.tell(message, sender);
    const live = this.live;
    let all = true;
    for (let i = 0; i < live.length; i++) {
      const routee = live[i];
      if (routee !== null && routee !== undefined) all = routee.tell(message, sender) && all;
    }
    return all;
  }

  sendSystem(kind: SysKind, from: AnyTarget | null, error?: unknown, message?: unknown): void {
    this.head.cell.sendSystem(kind, from, error, message);
  }

  get stopped(): boolean {
    return this.stopRequested;
  }

  /** Stops the routees and the head, once; later tells are dead letters (`stopped`). */
  requestStop(): void {
    if (this.stopRequested || this.closed) return;
    this.stopRequested = true;
    for (const routee of this.routees) routee.cell.requestStop();
    this.head.cell.requestStop();
  }

  close(): void {
    this.closed = true;
  }

  /** Routers hold nothing: what was sent is in the routees' mailboxes (their dead letters). */
  deadLetterRest(): number {
    this.closed = true;
    return 0;
  }
}
