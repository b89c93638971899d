import type { AnyActorRef } from './actor-ref.js';
import type { ActorSystem } from './actor-system.js';
import type { CellSettings } from './cell-settings.js';
import type { Schedulable } from './dispatcher.js';
import { MailboxOverflowError } from './errors.js';
import { MailboxQueue } from './mailbox-queue.js';

/*
 * The cold edits of a cell's mailbox (MailboxCell): what a full bounded mailbox does, requeueing
 * on unstash, and taking one message out. Thread contract: the cell's own thread, like the tell
 * path that calls them.
 */

/** The parts of a cell a full mailbox needs. */
interface BoundedCell {
  readonly settings: CellSettings;
  readonly system: ActorSystem;
  readonly ref: AnyActorRef;
  readonly path: string;
}

/** The parts of a cell `removeWaiting` edits (MailboxCell's fields). */
interface EditableMailbox extends Schedulable {
  readonly settings: CellSettings;
  readonly system: ActorSystem;
  firstMessage: unknown;
  queue: MailboxQueue | null;
}

/**
 * Takes every waiting message that `match`es out of `cell`'s mailbox; how many. Rare (an
 * `unwatch` after its target stopped): a scan, and only when something matches, the queue is
 * rebuilt without them (the rest in order, with their senders). A latency sample following
 * this cell is dropped then (the message it counts down to may be one taken out).
 */
export function removeWaiting(cell: EditableMailbox, match: (message: unknown) => boolean): number {
  let removed = 0;
  const queue = cell.queue;
  if (queue === null) {
    if (cell.firstMessage === undefined || !match(cell.firstMessage)) return 0;
    cell.firstMessage = undefined;
    removed = 1;
  } else {
    if (!queue.some(match)) return 0;
    const bounds = cell.settings.bounds;
    const rebuilt = (cell.queue = new MailboxQueue(bounds === null ? 0 : bounds.capacity));
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      if (match(m)) removed++;
      else rebuilt.push(m, queue.sender);
    }
  }
  const system = cell.system;
  if (system.sampleCell === cell) system.sampleCell = null;
  return removed;
}

/**
 * `message` does not fit `cell`'s full queue: the policy decides. `drop-newest` dead-letters it
 * (false), `drop-oldest` dead-letters the oldest and queues it (true), `fail` throws
 * MailboxOverflowError.
 */
export function overflow(
  cell: BoundedCell,
  queue: MailboxQueue,
  message: unknown,
  sender: AnyActorRef | null,
): boolean {
  const bounds = cell.settings.bounds;
  switch (bounds?.overflow ?? 'drop-newest') {
    case 'drop-newest':
      return cell.system.deadLetter(message, sender, cell.ref, 'mailbox-full');
    case 'drop-oldest': {
      const oldest = queue.shift();
      cell.system.deadLetter(oldest, queue.sender, cell.ref, 'mailbox-full');
      queue.push(message, sender);
      return true;
    }
    default:
      throw new MailboxOverflowError(cell.path, bounds?.capacity ?? 0);
  }
}

/**
 * Queues a pair during unstash; a bounded mailbox that overflows sends the rest to dead
 * letters. Whether it was queued.
 */
export function requeue(
  cell: BoundedCell,
  queue: MailboxQueue,
  message: unknown,
  sender: unknown,
): boolean {
  const bounds = cell.settings.bounds;
  if (bounds !== null && queue.size >= bounds.capacity) {
    cell.system.deadLetter(message, sender as AnyActorRef | null, cell.ref, 'mailbox-full');
    return false;
  }
  queue.push(message, sender as AnyActorRef | null);
  return true;
}
