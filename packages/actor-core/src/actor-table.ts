import type { AnyCell } from './actor-cell.js';
import { ActorError } from './errors.js';
import { GENERATION_LIMIT, MAX_SLOTS, packRefId, refIdGeneration } from './ref-id.js';

/**
 * One worker's actor table: slot -> cell, with a generation per slot that a stopped cell bumps,
 * so a stale ref (same slot, older generation) never matches the slot's next cell. Free slots
 * are reused last-freed first. A live slot's generation is in its cell's id, so only free slots
 * keep one: each free-list entry is `generation * MAX_SLOTS + slot` (below 2^45), and the table
 * costs a live actor one array slot.
 *
 * Thread contract: owned by its system; used on the system's thread only.
 */
export class ActorTable {
  /** The live cells by slot; undefined for a free slot. */
  readonly cells: (AnyCell | undefined)[] = [];
  /** Free slots with their next generation, packed (see the class comment). */
  private readonly freeSlots: number[] = [];
  /** The generation of the slot `claim` returned last. */
  private claimedGeneration = 0;
  private readonly worker: number;
  /** First generation of every slot (see `ActorSystemOptions.generationBase`). */
  private readonly generationBase: number;

  constructor(worker: number, generationBase: number) {
    this.worker = worker;
    this.generationBase = generationBase;
  }

  /** A slot for a new cell: a free one, or a new one. Throws TOO_MANY_ACTORS when none is left. */
  claim(): number {
    const free = this.freeSlots;
    if (free.length !== 0) {
      const entry = free.pop()!;
      const slot = entry % MAX_SLOTS;
      this.claimedGeneration = (entry - slot) / MAX_SLOTS;
      return slot;
    }
    const slot = this.cells.length;
    if (slot >= MAX_SLOTS) {
      throw new ActorError(
        'ActorSystem.spawn',
        'TOO_MANY_ACTORS',
        `a worker holds at most ${MAX_SLOTS} actors`,
      );
    }
    this.claimedGeneration = this.generationBase;
    return slot;
  }

  /** The id of the cell that `slot`, the slot `claim` returned last, holds next. */
  idFor(slot: number): number {
    return packRefId(this.worker, slot, this.claimedGeneration);
  }

  /** Gives back the slot `claim` returned last, for a cell that was never made (its constructor threw). */
  unclaim(slot: number): void {
    if (slot < this.cells.length) this.freeSlots.push(this.claimedGeneration * MAX_SLOTS + slot);
  }

  /** Puts a new cell into the slot it claimed. */
  fill(slot: number, cell: AnyCell): void {
    if (slot === this.cells.length) this.cells.push(cell);
    else this.cells[slot] = cell;
  }

  /** The cell in `slot` has stopped: the slot is free, and its generation moves on. */
  free(slot: number): void {
    const cell = this.cells[slot];
    const generation = cell === undefined ? this.generationBase : refIdGeneration(cell.ref.id) + 1;
    this.cells[slot] = undefined;
    this.freeSlots.push((generation % GENERATION_LIMIT) * MAX_SLOTS + slot);
  }
}
