import type { AnyCell } from './actor-cell.js';
import { ActorError } from './errors.js';
import { GENERATION_LIMIT, MAX_SLOTS, packRefId } from './ref-id.js';

/**
 * One worker's actor table: slot -> cell, with a generation per slot that a stopped cell bumps,
 * so a stale ref (same slot, older generation) never matches the slot's next cell. Free slots
 * are reused last-freed first.
 *
 * Thread contract: owned by its system; used on the system's thread only.
 */
export class ActorTable {
  /** The live cells by slot; undefined for a free slot. */
  readonly cells: (AnyCell | undefined)[] = [];
  private readonly generations: number[] = [];
  private readonly freeSlots: number[] = [];
  private readonly worker: number;
  /** First generation of every slot (see `ActorSystemOptions.generationBase`). */
  private readonly generationBase: number;

  constructor(worker: number, generationBase: number) {
    this.worker = worker;
    this.generationBase = generationBase;
  }

  /** A slot for a new cell: a free one, or a new one. Throws TOO_MANY_ACTORS when none is left. */
  claim(): number {
    const slot = this.freeSlots.length !== 0 ? this.freeSlots.pop()! : this.cells.length;
    if (slot >= MAX_SLOTS) {
      throw new ActorError(
        'ActorSystem.spawn',
        'TOO_MANY_ACTORS',
        `a worker holds at most ${MAX_SLOTS} actors`,
      );
    }
    if (slot === this.generations.length) this.generations.push(this.generationBase);
    return slot;
  }

  /** The id of the cell that a claimed `slot` holds next. */
  idFor(slot: number): number {
    return packRefId(this.worker, slot, this.generations[slot]!);
  }

  /** Gives back a slot claimed for a cell that was never made (its constructor threw). */
  unclaim(slot: number): void {
    if (slot < this.cells.length) this.freeSlots.push(slot);
  }

  /** Puts a new cell into the slot it claimed. */
  fill(slot: number, cell: AnyCell): void {
    if (slot === this.cells.length) this.cells.push(cell);
    else this.cells[slot] = cell;
  }

  /** The cell in `slot` has stopped: the slot is free, and its generation moves on. */
  free(slot: number): void {
    this.cells[slot] = undefined;
    this.generations[slot] =
      ((this.generations[slot] ?? this.generationBase) + 1) % GENERATION_LIMIT;
    this.freeSlots.push(slot);
  }
}
