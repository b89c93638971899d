/**
 * Tells a node gets while it is encoding a message into a destination's batch, to the same
 * destination (`OutboundBatch.encoding`): the message's codec ran user code (a getter, say)
 * that told that node again.
 * Written into the batch then, a tell would land where the message being encoded is still being
 * written, and the receiver would find the record corrupt. Instead each is checked when it is
 * made (the codec sizes it, so a message it refuses throws at that tell as it would otherwise),
 * kept here, and sent once the outermost encode in progress has staged its message: behind it,
 * in the order the tells started (a tell made while one of these is checked comes after it).
 * The same rule as a pool's (pool/nested-tells.ts).
 *
 * Thread contract: the node's own thread.
 */
import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import type { RemoteCell } from './remote-cell.js';

/** A place whose tell threw in its check: nothing is sent from it. */
const NOT_KEPT: unique symbol = Symbol('not kept');
/** A place of a system message's send (`later`): the third slot is the send. */
const LATER: unique symbol = Symbol('later');

export type NestedSend = (
  target: RemoteCell<unknown>,
  message: unknown,
  sender: AnyActorRef | null,
) => boolean;

export class NestedSends {
  private readonly codec: ClusterCodec;
  private readonly system: ActorSystem;
  /** The node's tell path, for the kept tells. */
  private readonly send: NestedSend;
  /**
   * (target, message, sender) triples; NOT_KEPT as the message where a check threw, LATER for a
   * system message (null, LATER, its send).
   */
  private kept: unknown[] = [];

  constructor(codec: ClusterCodec, system: ActorSystem, send: NestedSend) {
    this.codec = codec;
    this.system = system;
    this.send = send;
  }

  /** Keeps a tell made during an encode (see above); throws what the codec throws for it. */
  keep(target: RemoteCell<unknown>, message: unknown, sender: AnyActorRef | null): true {
    // Its place is taken before its codec runs: a tell made from there comes after it.
    // (No drain runs before the outermost encode ends, so the place stays.)
    const at = this.kept.length;
    this.kept.push(target, NOT_KEPT, sender);
    if (typeof message !== 'number') this.codec.sizeOf(message);
    this.kept[at + 1] = message;
    return true;
  }

  /** Keeps a system message's send (a stop, a watch) made during an encode, in its place. */
  later(send: () => void): void {
    this.kept.push(null, LATER, send);
  }

  /**
   * Sends the kept tells, oldest first (they may keep more, sent in turn); called once the
   * outermost encode has staged its message. A tell whose send throws now (its getter changed
   * its mind) is dead-lettered `too-large`, as a pool does with a message its codec refuses: it
   * was accepted already.
   */
  drain(): void {
    while (this.kept.length !== 0) {
      const kept = this.kept;
      this.kept = [];
      for (let i = 0; i < kept.length; i += 3) {
        const message = kept[i + 1];
        if (message === NOT_KEPT) continue;
        if (message === LATER) {
          (kept[i + 2] as () => void)();
          continue;
        }
        const target = kept[i] as RemoteCell<unknown>;
        const sender = kept[i + 2] as AnyActorRef | null;
        try {
          this.send(target, message, sender);
        } catch {
          this.system.deadLetter(message, sender, target.ref, 'too-large');
        }
      }
    }
  }
}
