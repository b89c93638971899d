import type { AnyTarget } from './actor-target.js';
import { SysKind } from './system-message.js';

/** Room a new queue starts with: one message (two slots); most cells see one or two in their life. */
const INITIAL_SLOTS = 2;

/** One system message as `SystemQueue.shift` hands it out, in a slot the caller reuses. */
export interface SystemMessageSlot {
  kind: SysKind;
  /** The other actor involved: watcher, watched actor, or child (any of them may be remote). */
  cell: AnyTarget | null;
  error: unknown;
  message: unknown;
}

/** A message with an error or a payload, kept whole in its entry's first slot. */
interface Detailed {
  readonly kind: SysKind;
  readonly error: unknown;
  readonly message: unknown;
}

/**
 * A cell's queue of system messages. Each message takes two slots of one array, read from a
 * head index and written at a tail index: its kind (a small integer) and the other cell; a
 * message with an error or a payload (a failure, a restart, a remote spawn) keeps those in one
 * object in the first slot. So `Stop`, `Watch`, `ChildTerminated` and the rest allocate nothing
 * per message, and `shift` hands each one out through a caller's slot it overwrites.
 *
 * Measured with a sampling heap profile of Savina Fork-join creation (every actor stops, and
 * its parent gets a `ChildTerminated`): a message object per system message and a first `push`
 * onto an empty JS array (17 slots) were 209 B of the 877 B allocated per actor. The array now
 * starts with one message's room and doubles. A parent with a million children stopping
 * together stays linear: a drain takes every message, and the array restarts from 0.
 *
 * Thread contract: owned by one cell on one event loop; nothing here is shared.
 */
export class SystemQueue {
  private items: unknown[] = new Array<unknown>(INITIAL_SLOTS);
  private head = 0;
  private tail = 0;

  push(kind: SysKind, cell: AnyTarget | null, error?: unknown, message?: unknown): void {
    if (this.tail === this.items.length) this.grow();
    const items = this.items;
    const tail = this.tail;
    items[tail] =
      error === undefined && message === undefined
        ? kind
        : ({ kind, error, message } satisfies Detailed);
    items[tail + 1] = cell;
    this.tail = tail + 2;
  }

  /**
   * Takes the oldest message into `into` (overwritten: copy what you need before anything that
   * may send a system message); false when none waits.
   */
  shift(into: SystemMessageSlot): boolean {
    const head = this.head;
    if (head === this.tail) return false;
    const items = this.items;
    const first = items[head];
    if (typeof first === 'number') {
      into.kind = first as SysKind;
      into.error = undefined;
      into.message = undefined;
    } else {
      const detailed = first as Detailed;
      into.kind = detailed.kind;
      into.error = detailed.error;
      into.message = detailed.message;
    }
    into.cell = items[head + 1] as AnyTarget | null;
    items[head] = undefined;
    items[head + 1] = undefined;
    if (head + 2 === this.tail) {
      this.head = 0;
      this.tail = 0;
    } else {
      this.head = head + 2;
    }
    return true;
  }

  /** Messages waiting. */
  get size(): number {
    return (this.tail - this.head) >> 1;
  }

  /** Room for twice as many as wait; what waits moves to the front. */
  private grow(): void {
    const old = this.items;
    const waiting = this.tail - this.head;
    const items = new Array<unknown>(Math.max(INITIAL_SLOTS, waiting * 2));
    let n = 0;
    for (let i = this.head; i < this.tail; i++) items[n++] = old[i];
    this.items = items;
    this.head = 0;
    this.tail = n;
  }
}

/**
 * The `sys` of every cell whose only waiting system message is a stop (MailboxCell.sendSystem):
 * one shared queue holding that stop, so such a cell makes no queue of its own. Never pushed to
 * or shifted from: its owners compare against it and take the stop without reading it.
 */
export const LONE_STOP: SystemQueue = new SystemQueue();
LONE_STOP.push(SysKind.Stop, null);

/** A slot for `SystemQueue.shift` to fill (one per call site, made once). */
export function systemMessageSlot(): SystemMessageSlot {
  return { kind: 0 as SysKind, cell: null, error: undefined, message: undefined };
}
