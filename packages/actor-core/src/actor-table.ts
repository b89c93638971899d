import type { AnyCell } from './actor-cell.js';
import type { AnyActorRef } from './actor-ref.js';
import { ActorError } from './errors.js';
import { GENERATION_LIMIT, MAX_SLOTS, packRefId, refIdGeneration } from './ref-id.js';

/** Slots per chunk of the table: 4096 (a 32 KiB array, below V8's large-object size). */
const CHUNK_BITS = 12;
const CHUNK_SLOTS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SLOTS - 1;

/** What a slot holds: a cell has its `ref`; a dormant actor's ref has none. */
type CellOrRef = { readonly ref?: AnyActorRef };

/**
 * Whether a slot's entry is a dormant actor's ref rather than a cell. It reads the `ref` field a
 * cell has and a ref lacks, not `instanceof ActorRef` (a walk of the cell's prototype chain):
 * measured, a lookup of a live actor by id took 14-17 ns with `instanceof`, 8-11 ns without,
 * and the inbound delivery of every cross-worker message makes one.
 */
export function isDormantRef(entry: AnyCell | AnyActorRef): entry is AnyActorRef {
  return (entry as CellOrRef).ref === undefined;
}

/**
 * One worker's actor table: slot -> cell, with a generation per slot that a stopped cell bumps,
 * so a stale ref (same slot, older generation) never matches the slot's next cell. Free slots
 * are reused last-freed first. A live slot's generation is in its cell's id, so only free slots
 * keep one: each free-list entry is `generation * MAX_SLOTS + slot` (below 2^45), and the table
 * costs a live actor one array slot.
 *
 * The cells sit in chunks of CHUNK_SLOTS (32 KiB arrays), not in one array: one array of a
 * million cells grew by copying, each copy a new large-object allocation (V8 allocates arrays
 * past 128 KiB at about 30 ns per element here), and every young cell stored into that old
 * array was a remembered-set entry each scavenge had to visit. A new chunk is young like the
 * cells stored into it. Measured: spawning 1M idle actors, `fill` was 7% of the profile.
 *
 * A dormant actor (cell-factory.ts) has no cell yet: its slot holds its ref until `fill` puts
 * its cell there. No second array per chunk: measured, two more per 4,096 slots moved the young
 * generation's collections into the spawn loop of Savina's Fork-join creation and made it about
 * 2x slower.
 *
 * Thread contract: owned by its system; used on the system's thread only.
 */
export class ActorTable {
  /**
   * The live cells, or dormant actors' refs, by slot (`slot >>> CHUNK_BITS`, then
   * `slot & CHUNK_MASK`); undefined: free.
   */
  private readonly chunks: (AnyCell | AnyActorRef | undefined)[][] = [];
  /** Slots handed out so far (the next new slot). */
  private size = 0;
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
    const slot = this.size;
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
    if (slot < this.size) this.freeSlots.push(this.claimedGeneration * MAX_SLOTS + slot);
  }

  /** The cell in `slot`, or undefined for a free (or never used) slot or a dormant actor's. */
  get(slot: number): AnyCell | undefined {
    const entry = this.entry(slot);
    return entry === undefined || isDormantRef(entry) ? undefined : entry;
  }

  /** The ref of the actor in `slot` (live or dormant), or undefined for a free slot. */
  refAt(slot: number): AnyActorRef | undefined {
    const entry = this.entry(slot);
    if (entry === undefined) return undefined;
    const ref = (entry as CellOrRef).ref;
    return ref === undefined ? (entry as AnyActorRef) : ref;
  }

  /**
   * What `slot` holds for the actor `id` (its cell, or its ref while it is dormant), or undefined
   * when the slot is free or holds another generation's. It reads the entry's own `id` (a cell
   * has one as its ref does), not its ref's: delivering a message from another worker then
   * touches the cell alone (measured on the fan-out to 10,000 actors: the ref was a cache miss).
   */
  withId(slot: number, id: number): AnyCell | AnyActorRef | undefined {
    const entry = this.entry(slot);
    return entry !== undefined && entry.id === id ? entry : undefined;
  }

  /** The dormant actor's ref in `slot`, or undefined when the slot holds none. */
  dormantRef(slot: number): AnyActorRef | undefined {
    const entry = this.entry(slot);
    return entry !== undefined && isDormantRef(entry) ? entry : undefined;
  }

  /** Puts a new cell into the slot it claimed, or into its dormant actor's slot. */
  fill(slot: number, cell: AnyCell): void {
    this.put(slot, cell);
  }

  /** Puts a dormant actor's ref into the slot it claimed. */
  fillDormant(slot: number, ref: AnyActorRef): void {
    this.put(slot, ref);
  }

  /**
   * The actor in `slot` (its cell, or a dormant one) has stopped: the slot is free, and its
   * generation moves on.
   */
  free(slot: number): void {
    const ref = this.refAt(slot);
    const generation = ref === undefined ? this.generationBase : refIdGeneration(ref.id) + 1;
    if (ref !== undefined) this.chunks[slot >>> CHUNK_BITS]![slot & CHUNK_MASK] = undefined;
    this.freeSlots.push((generation % GENERATION_LIMIT) * MAX_SLOTS + slot);
  }

  private entry(slot: number): AnyCell | AnyActorRef | undefined {
    const chunk = this.chunks[slot >>> CHUNK_BITS];
    return chunk === undefined ? undefined : chunk[slot & CHUNK_MASK];
  }

  private put(slot: number, entry: AnyCell | AnyActorRef): void {
    if (slot === this.size) {
      this.size = slot + 1;
      if ((slot & CHUNK_MASK) === 0) this.chunks.push(new Array(CHUNK_SLOTS));
    }
    this.chunks[slot >>> CHUNK_BITS]![slot & CHUNK_MASK] = entry;
  }
}
