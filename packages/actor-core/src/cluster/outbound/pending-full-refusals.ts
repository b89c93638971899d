/**
 * Tells refused by the bound the user chose (`maxPendingBytes`: the overflow for their
 * destination holds that many bytes already), and what the `pendingFull` policy does with each:
 * `drop` makes it a dead letter (`pending-full`); `fail` throws `ActorError` `PENDING_FULL` to
 * the caller of `tell` (the message was not sent). Both are counted (the node's metrics).
 *
 * Thread contract: the sending node's own thread.
 */
import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import { ActorError } from '../../errors.js';
import type { PendingFullPolicy } from '../node/node-options.js';
import type { RemoteCell } from '../node/remote-cell.js';
import type { Outbound } from './outbound.js';

export class PendingFullRefusals {
  /** Tells refused so far. */
  count = 0;
  private readonly policy: PendingFullPolicy;
  private readonly system: ActorSystem;
  /** Where the refused tells' destinations have bytes waiting (for the error's text). */
  private readonly outbound: Outbound;

  constructor(policy: PendingFullPolicy, system: ActorSystem, outbound: Outbound) {
    this.policy = policy;
    this.system = system;
    this.outbound = outbound;
  }

  /** Refuses a tell of `message` to `target`: false (a dead letter), or throws (`fail`). */
  refuse(message: unknown, sender: AnyActorRef | null, target: RemoteCell<unknown>): false {
    this.count++;
    if (this.policy === 'fail') {
      throw new ActorError(
        'ActorRef.tell',
        'PENDING_FULL',
        `${this.outbound.pendingBytesTo(target.worker)} bytes already wait for node ${target.worker} (maxPendingBytes); the message to ${target.path} was not sent`,
      );
    }
    return this.system.deadLetter(message, sender, target.ref, 'pending-full');
  }
}
