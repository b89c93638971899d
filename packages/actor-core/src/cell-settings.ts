import type { ActorDefinition } from './actor.js';
import type { MailboxOptions, SpawnOptions } from './spawn-options.js';
import type { SupervisorStrategy } from './supervisor-strategy.js';

/** A bounded mailbox's settings. */
export type BoundedMailbox = Extract<MailboxOptions, { kind: 'bounded' }>;

/**
 * What a spawn's definition, options and name settle for a cell, in one object a cell points at
 * instead of five fields of its own: spawns of one definition with no options and no name share
 * one (each field out of the cell is 8 MB less for 1M actors).
 *
 * Thread contract: immutable once made; shared by the cells of one system.
 */
export class CellSettings {
  /** The actor's definition (a restart instantiates it again). */
  // biome-ignore lint/suspicious/noExplicitAny: shared by cells of any message type; `ActorCell.definition` gives it its type back.
  readonly definition: ActorDefinition<any>;
  /** Messages per turn. */
  readonly throughput: number;
  /** Bounded mailbox settings, or null for unbounded. */
  readonly bounds: BoundedMailbox | null;
  /** Strategy for the cell's children; null means the system default. */
  readonly strategy: SupervisorStrategy | null;
  /** The name given at spawn, or null for `$<slot>`. */
  readonly name: string | null;

  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: see `definition`.
    definition: ActorDefinition<any>,
    throughput: number,
    bounds: BoundedMailbox | null,
    strategy: SupervisorStrategy | null,
    name: string | null,
  ) {
    this.definition = definition;
    this.throughput = throughput;
    this.bounds = bounds;
    this.strategy = strategy;
    this.name = name;
  }
}

/**
 * Makes the `CellSettings` of each spawn: shared by consecutive spawns of one definition with no
 * options and no name (a loop spawning one kind, a tree of one class), new otherwise.
 *
 * Thread contract: owned by one system; used on its thread only.
 */
export class SpawnSettings {
  private readonly throughput: number;
  private last: CellSettings | null = null;

  constructor(throughput: number) {
    this.throughput = throughput;
  }

  forSpawn<M>(
    definition: ActorDefinition<M>,
    options: SpawnOptions,
    name: string | null,
  ): CellSettings {
    const mailbox = options.mailbox;
    const bounds = mailbox !== undefined && mailbox.kind === 'bounded' ? mailbox : null;
    const throughput = options.throughput ?? this.throughput;
    const strategy = options.supervisor ?? null;
    const plain =
      name === null && bounds === null && strategy === null && throughput === this.throughput;
    if (plain) {
      const last = this.last;
      if (last !== null && last.definition === definition) return last;
    }
    const settings = new CellSettings(definition, throughput, bounds, strategy, name);
    if (plain) this.last = settings;
    return settings;
  }
}
