import type { AnyActorRef } from './actor-ref.js';
import type { ActorSystem } from './actor-system.js';
import type { CellSettings } from './cell-settings.js';
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
interface EditableMailbox {
  readonly settings: CellSettings;
  firstMessage: unknown;
  queue: MailboxQueue | null;
}

/**
 * Takes `message` (by identity) out of `cell`'s mailbox if it waits there; whether it did. Rare
 * (an `unwatch` after its target stopped) and O(mailbox): the queue is rebuilt without it, the
 * rest in order with their senders.
 */
export function removeWaiting(cell: EditableMailbox, message: unknown): boolean {
  if (cell.firstMessage === message) {
    cell.firstMessage = undefined;
    return true;
  }
  const queue = cell.queue;
  if (queue === null) return false;
  const bounds = cell.settings.bounds;
  const rebuilt = (cell.queue = new MailboxQueue(bounds === null ? 0 : bounds.capacity));
  let found = false;
  for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
    if (!found && m === message) found = true;
    else rebuilt.push(m, queue.sender);
  }
  return found;
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
