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
