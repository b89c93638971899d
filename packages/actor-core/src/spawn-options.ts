import type { ActorClassWithArgs } from './actor.js';
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

/**
 * `spawn` options of an actor class whose constructor takes arguments: `args` go to the
 * constructor at the spawn and again at each restart (`spawn(Cls, { args: [a, b] })`).
 */
export type ClassSpawnOptions<C extends ActorClassWithArgs> = SpawnOptions & {
  readonly args: ConstructorParameters<C>;
};

/** @internal What the spawn implementations read: any options, with an actor class's `args`. */
export type AnySpawnOptions = SpawnOptions & { readonly args?: readonly unknown[] };

/**
 * Checks a spawn's options (name, throughput, mailbox) and, under `parent`, that no sibling has
 * the name; returns the name, or null for `$<slot>`. Throws `ActorError` `INVALID_NAME`,
 * `DUPLICATE_NAME` or `INVALID_OPTION`.
 */
export function checkSpawn(
  options: SpawnOptions,
  parent: { readonly path: string; hasChild(name: string): boolean } | null,
): string | null {
  const name = options.name ?? null;
  if (name !== null) {
    checkChildName(name);
    if (parent?.hasChild(name) === true) {
      throw new ActorError(
        'ActorSystem.spawn',
        'DUPLICATE_NAME',
        `${parent.path} already has a child named ${JSON.stringify(name)}`,
      );
    }
  }
  checkSpawnOptions(options);
  return name;
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
