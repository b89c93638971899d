import { ActorError } from './errors.js';
import type { SupervisorStrategy } from './supervisor-strategy.js';

/** What a bounded mailbox does with a message that does not fit. */
export type OverflowPolicy = 'drop-newest' | 'drop-oldest' | 'fail';

export type MailboxOptions =
  | { readonly kind: 'unbounded' }
  | { readonly kind: 'bounded'; readonly capacity: number; readonly overflow?: OverflowPolicy };

/** Per-actor options of `spawn`. */
export interface SpawnOptions {
  /** A name unique among the siblings; the path uses it. Default: `$<slot>`. */
  readonly name?: string;
  /** Default: unbounded. A full bounded mailbox sends the dropped message to dead letters. */
  readonly mailbox?: MailboxOptions;
  /** Messages handled per dispatcher turn before other actors get theirs. Default: the system's. */
  readonly throughput?: number;
  /** How this actor supervises its children. Default: the system's default strategy. */
  readonly supervisor?: SupervisorStrategy;
}

/** A child's name must be non-empty, without '/', and not start with '$' (kept for `$<slot>`). */
export function checkChildName(name: string): void {
  if (name.length === 0 || name.includes('/') || name.startsWith('$')) {
    throw new ActorError(
      'ActorSystem.spawn',
      'INVALID_NAME',
      `name ${JSON.stringify(name)} must be non-empty, without '/', not starting with '$'`,
    );
  }
}

/** Throughput and mailbox capacity of a spawn must be positive integers. */
export function checkSpawnOptions(options: SpawnOptions): void {
  const throughput = options.throughput;
  if (throughput !== undefined && (!Number.isInteger(throughput) || throughput < 1)) {
    throw new ActorError(
      'ActorSystem.spawn',
      'INVALID_OPTION',
      `throughput (${throughput}) must be a positive integer`,
    );
  }
  const mailbox = options.mailbox;
  if (
    mailbox?.kind === 'bounded' &&
    (!Number.isInteger(mailbox.capacity) || mailbox.capacity < 1)
  ) {
    throw new ActorError(
      'ActorSystem.spawn',
      'INVALID_OPTION',
      `mailbox capacity (${mailbox.capacity}) must be a positive integer`,
    );
  }
}
