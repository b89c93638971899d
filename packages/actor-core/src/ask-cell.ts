import { ActorCell } from './actor-cell.js';
import type { AnyActorRef } from './actor-ref.js';
import type { PendingAsk } from './pending-ask.js';

/**
 * The temporary reply-to actor of an `ask`. It never queues or runs a turn: the first
 * message told to it settles the ask on the spot, and the cell stops at once. That keeps
 * an ask to one cell and one ref, with no mailbox, no dispatcher turn and no stop message
 * of its own. Later messages find it stopped and go to dead letters.
 */
export class AskCell<R> extends ActorCell<R> {
  override enqueue(message: R, sender: AnyActorRef | null): boolean {
    if (!this.isRunning) return this.system.deadLetter(message, sender, this.ref, 'stopped');
    const pending = this.actor as PendingAsk<R>;
    pending.complete(message);
    this.stopImmediately();
    this.system.askSettled(pending as PendingAsk<unknown>);
    return true;
  }

  override requestStop(): void {
    this.stopImmediately();
  }
}
