/**
 * Tells a node gets while it is encoding a message into a destination's batch, to the same
 * destination: the message's codec ran user code (a getter, say) that told that node again.
 * Written into the batch then, a tell would land where the message being encoded is still being
 * written, and the receiver would find the record corrupt. Instead each is checked when it is
 * made (FrameEncoder.check: a message the codec refuses, or one too large, throws at that tell
 * as it would otherwise), kept here, and sent once the outermost encode in progress has staged
 * its message: behind it, in the order the tells started. The same rule as a pool's
 * (pool/nested-tells.ts).
 *
 * While tells wait here for a destination, later ones to it wait too (the batch's `hold`
 * counts them), so none overtakes them; a stop or watch sent meanwhile waits likewise (`later`).
 * The kept tells are sent past the hold and past the `maxPendingBytes` bound (they were
 * accepted already); one that cannot be sent then (its getter changed its mind) is
 * dead-lettered `too-large`.
 *
 * Thread contract: the node's own thread.
 */
import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { OutboundBatch } from '../outbound/outbound-batch.js';
import type { FrameEncoder } from './frame-encoder.js';
import type { RemoteCell } from './remote-cell.js';

/** A place whose tell threw in its check: nothing is sent from it. */
const NOT_KEPT: unique symbol = Symbol('not kept');
/** A place of a system message's send (`later`): the sender slot holds the send. */
const LATER: unique symbol = Symbol('later');
/** Slots per kept tell: batch, target, message, sender. */
const SLOTS = 4;
/** Rounds of tells made by kept tells' own codecs before the rest is dead-lettered. */
const MAX_ROUNDS = 1000;

export type NestedSend = (
  target: RemoteCell<unknown>,
  message: unknown,
  sender: AnyActorRef | null,
) => boolean;

export class NestedSends {
  private readonly system: ActorSystem;
  private readonly encoder: FrameEncoder;
  /** The node's tell path for a kept tell (past the hold and the bound). */
  private readonly send: NestedSend;
  /**
   * (batch, target, message, sender) per tell, oldest first; NOT_KEPT as the message where a
   * check threw, LATER for a system message (its send in the sender slot).
   */
  private kept: unknown[] = [];
  private draining = false;

  constructor(system: ActorSystem, encoder: FrameEncoder, send: NestedSend) {
    this.system = system;
    this.encoder = encoder;
    this.send = send;
  }

  /** Keeps a tell for `batch`'s destination (see above); throws what its encode would throw. */
  keep(
    batch: OutboundBatch,
    target: RemoteCell<unknown>,
    message: unknown,
    sender: AnyActorRef | null,
  ): true {
    // Its place is taken before its codec runs: a tell made from there comes after it. (No
    // drain runs while an encode is in progress, so the place stays where it is.)
    const at = this.kept.length;
    this.kept.push(batch, target, NOT_KEPT, sender);
    if (typeof message !== 'number') this.encoder.check(batch, message, target);
    this.kept[at + 2] = message;
    batch.hold++;
    return true;
  }

  /** Keeps a system message's send (a stop, a watch) for `batch`'s destination, in its place. */
  later(batch: OutboundBatch, send: () => void): void {
    this.kept.push(batch, null, LATER, send);
    batch.hold++;
  }

  /**
   * Sends the kept tells, oldest first, once the outermost encode has staged its message. A
   * send whose encode keeps more tells appends them, and this loop sends them in turn (a drain
   * called from inside one returns at once, so none overtakes an older one).
   */
  drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      // Each round sends the tells the one before made; a getter that tells again every time
      // it is read would never end: past MAX_ROUNDS, what is left is dead-lettered.
      for (let round = 0; this.kept.length !== 0; round++) {
        const kept = this.kept;
        this.kept = [];
        const send = round < MAX_ROUNDS;
        for (let i = 0; i < kept.length; i += SLOTS) this.sendKept(kept, i, send);
      }
    } finally {
      this.draining = false;
    }
  }

  /** Sends (or, with `send` false, dead-letters) kept tell `i`; never throws. */
  private sendKept(kept: unknown[], i: number, send: boolean): void {
    const message = kept[i + 2];
    if (message === NOT_KEPT) return;
    (kept[i] as OutboundBatch).hold--;
    const target = kept[i + 1] as RemoteCell<unknown>;
    const sender = kept[i + 3] as AnyActorRef | null;
    try {
      if (message === LATER) {
        if (send) (kept[i + 3] as () => void)();
        return;
      }
      // (A send that dead-letters it, for a dead destination say, has said why.)
      if (send) {
        this.send(target, message, sender);
        return;
      }
    } catch {
      if (message === LATER) return;
    }
    this.system.deadLetter(message, sender, target.ref, 'too-large');
  }
}
