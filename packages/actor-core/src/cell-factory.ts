import { type ActorDefinition, isReceiveFunction } from './actor.js';
import { ActorCell, type AnyCell, pathUnder } from './actor-cell.js';
import { ActorRef, type AnyActorRef } from './actor-ref.js';
import type { ActorSystem } from './actor-system.js';
import type { ActorTable } from './actor-table.js';
import type { ActorTarget } from './actor-target.js';
import type { CellExtras } from './cell-extras.js';
import type { CellSettings } from './cell-settings.js';
import type { DormantSlots } from './dormant-children.js';
import { ActorError } from './errors.js';
import { Status } from './mailbox-cell.js';
import { DORMANT_TARGET_ID, refIdSlot, STOPPED_DORMANT_TARGET_ID } from './ref-id.js';
import type { SpawnOptions } from './spawn-options.js';

/**
 * Makes the cells of a system's actors: at once for most spawns (`make`), and on first use for
 * dormant actors (`spawnDormant`, then `wakeDormant`).
 *
 * Actors spawned with a plain receive function run nothing at their spawn (no constructor, no
 * `preStart`), so such an actor starts dormant: a ref, counted among its parent's children, in
 * its slot of the actor table. Its cell (its mailbox, about 150 bytes) is made on first use:
 * its first message, or anything that reads `ActorRef.cell` (a watch or unwatch, a stop, an ask,
 * a system message from another worker), or its parent listing its
 * children (`ctx.children`, an all-for-one stop or restart). A `lookup` by id returns its ref
 * without a cell. A parent that stops, or restarts with the default `preRestart`, stops its
 * dormant children without making their cells. A million idle actors then cost a million small
 * refs instead of a million cells, and a spawn allocates one object. Only spawns like the one
 * before them (same parent, same settings) are dormant: the first of a kind gets its cell at
 * once.
 *
 * A dormant actor's ref points at a cell of the ordinary class, in the `Dormant` status, that it
 * shares with the dormant actors spawned alike next to it (same parent, same settings: what
 * their cells will be made from): `ActorRef.tell` then calls the same `enqueue` it calls on
 * every cell (one map at that call site, so V8 keeps it monomorphic), and the status check
 * `enqueue` makes anyway sends the message on to `wakeDormant`. Refs of actors stopped while
 * dormant share one stopped cell per parent stop.
 *
 * Nothing a user sees differs: the ref is the one the cell keeps, the cell is made before any
 * message or system message reaches it, and the actor was counted and announced
 * (`actor-started`) at its spawn.
 *
 * Thread contract: owned by its system; the system's thread only.
 */
export class CellFactory implements DormantSlots {
  private readonly system: ActorSystem;
  private readonly table: ActorTable;
  /** The shared cell of the last dormant spawn, reused while spawns come alike. */
  private last: AnyCell | null = null;
  /** The parent and settings of the last spawn of a receive function (dormant or not). */
  private lastParent: AnyCell | null = null;
  private lastSettings: CellSettings | null = null;

  constructor(system: ActorSystem, table: ActorTable) {
    this.system = system;
    this.table = table;
  }

  /**
   * A new cell for `definition` under `parent`, in a slot of its own, with `settings` when the
   * caller made them already (`spawnDormant` declined). Throws what the actor's constructor
   * throws (the slot is free again then).
   */
  make<M>(
    definition: ActorDefinition<M>,
    options: SpawnOptions,
    parent: AnyCell | null,
    name: string | null,
    cellClass: typeof ActorCell = ActorCell,
    settings: CellSettings = this.system.spawnSettings.forSpawn(definition, options, name),
  ): ActorCell<M> {
    const table = this.table;
    const slot = table.claim();
    let cell: ActorCell<M>;
    try {
      cell = new cellClass<M>(this.system, parent, settings, table.idFor(slot), null);
    } catch (error) {
      // The actor's constructor threw: the spawn fails to its caller, and the slot is free again.
      table.unclaim(slot);
      throw error;
    }
    table.fill(slot, cell);
    return cell;
  }

  /**
   * The ref of a new dormant actor of `definition` under `parent`, or undefined when it cannot
   * be dormant (not a plain receive function: something runs at its spawn; named) or this spawn
   * is not like the one before it (another parent, other settings: a closure made for this actor
   * alone, options of its own): a shared cell would then serve one actor and cost more than its
   * own cell, so the caller makes that (`make`, with the same `settings`).
   */
  spawnDormant<M>(
    definition: ActorDefinition<M>,
    settings: CellSettings,
    parent: AnyCell,
    name: string | null,
  ): ActorRef<M> | undefined {
    if (name !== null || !isReceiveFunction(definition)) return undefined;
    let shared = this.last;
    if (shared === null || shared.parentCell !== parent || shared.settings !== settings) {
      if (this.lastParent !== parent || this.lastSettings !== settings) {
        this.lastParent = parent;
        this.lastSettings = settings;
        return undefined;
      }
      shared = this.last = this.sharedCell(parent, settings, DORMANT_TARGET_ID, Status.Dormant);
    }
    const table = this.table;
    const slot = table.claim();
    const ref = new ActorRef<M>(shared, table.idFor(slot));
    table.fillDormant(slot, ref);
    parent.adoptDormant(ref);
    return ref;
  }

  /**
   * The target of `ref` when it points at a shared cell: a dormant actor's own cell, made now; for
   * an actor stopped while dormant, a stopped cell of its own (what a watch or a path needs).
   */
  resolve<M>(ref: ActorRef<M>): ActorTarget<M> {
    const shared = ref.target.ref.id;
    if (shared === DORMANT_TARGET_ID) return this.wakeDormant(ref);
    if (shared !== STOPPED_DORMANT_TARGET_ID) return ref.target;
    const stopped = ref.target as AnyCell;
    const cell = new ActorCell<M>(this.system, stopped.parentCell, stopped.settings, ref.id, ref);
    cell.status = Status.Stopped;
    return cell;
  }

  /**
   * The path of the actor behind `ref`, which points at a shared cell (dormant, or stopped while
   * dormant): its parent's path and its slot (such an actor was spawned without a name). Reading
   * it makes no cell, so logging a million idle refs costs no million cells.
   */
  pathOf(ref: AnyActorRef): string {
    return pathUnder((ref.target as AnyCell).parentCell, `$${ref.slot}`);
  }

  dormantChildAt(slot: number, parent: object): AnyActorRef | undefined {
    const ref = this.table.dormantRef(slot);
    return ref !== undefined && (ref.target as AnyCell).parentCell === parent ? ref : undefined;
  }

  /** Makes the cell of the dormant actor behind `ref`; the ref points at it from now on. */
  wakeDormant<M>(ref: ActorRef<M>): ActorCell<M> {
    const slot = refIdSlot(ref.id);
    const shared = ref.target as AnyCell;
    const parent = shared.parentCell;
    if (this.table.dormantRef(slot) !== ref || parent === null) {
      // Unreachable while the table and the refs agree: a woken ref no longer points here.
      throw new ActorError('ActorRef', 'NOT_DORMANT', `actor ${ref.id} has no dormant slot`);
    }
    const cell = new ActorCell<M>(this.system, parent, shared.settings, ref.id, ref);
    this.table.fill(slot, cell);
    parent.adoptWoken(cell);
    return cell;
  }

  /**
   * `parent` is stopping: its dormant children stop now, without cells (they have no messages,
   * no children, no watchers and no hooks to run): each slot is freed, each stop counted and
   * announced (`actor-stopped`) and taken off the parent's children to wait for, and each ref
   * points at one stopped cell they share from now on (a tell is a dead letter for the ref told).
   */
  stopDormantChildren<M>(parent: AnyCell, extras: CellExtras<M>): void {
    const dormant = extras.dormant;
    if (dormant === null || dormant.count === 0) return;
    extras.dormant = null;
    const system = this.system;
    const table = this.table;
    let stopped: AnyCell | null = null;
    dormant.drain((ref) => {
      if (stopped === null) {
        const { settings } = ref.target as AnyCell;
        stopped = this.sharedCell(parent, settings, STOPPED_DORMANT_TARGET_ID, Status.Stopped);
      }
      ref.target = stopped;
      table.free(refIdSlot(ref.id));
      extras.liveChildren--;
      system.actorsStopped++;
      if (system.events.active) system.events.publish({ type: 'actor-stopped', ref });
    });
  }

  /** A cell that stands for many actors (its id is negative, it is in no table slot). */
  private sharedCell(
    parent: AnyCell | null,
    settings: CellSettings,
    id: number,
    status: Status,
  ): AnyCell {
    const cell = new ActorCell<unknown>(this.system, parent, settings, id, null);
    cell.status = status;
    return cell;
  }

  /** Forgets the last spawns' parent (it stopped). */
  forget(parent: AnyCell): void {
    if (this.last?.parentCell === parent) this.last = null;
    if (this.lastParent === parent) this.lastParent = null;
  }
}
