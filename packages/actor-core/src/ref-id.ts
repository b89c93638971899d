/**
 * An actor's id is a value: (worker, slot, generation) packed into one safe integer,
 * so it can be written into a message and cross to another worker.
 *
 * ```
 *  bit 52 ............ 32 | 31 ...... 24 | 23 ............ 0
 *  generation (21 bits)   | worker (8)   | slot (24 bits)
 * ```
 *
 * Arithmetic, not bitwise operators, builds the id and splits off the generation: JavaScript's
 * bitwise operators only see 32 bits. Those 32 bits are exactly the low part, though (ToUint32
 * and ToInt32 take the integer modulo 2^32), so worker and slot come out with bit operations:
 * `id % 2 ** 32` on a double is a call to fmod, which cost a cross-worker delivery about a
 * third of its time.
 */
export const SLOT_BITS = 24;
export const MAX_SLOTS = 2 ** SLOT_BITS;
export const MAX_WORKERS = 256;
export const GENERATION_LIMIT = 2 ** 21;

const LOW = 2 ** 32;

export function packRefId(worker: number, slot: number, generation: number): number {
  return (generation % GENERATION_LIMIT) * LOW + worker * MAX_SLOTS + slot;
}

/** The worker of an id (a non-negative integer below 2^53). */
export function refIdWorker(id: number): number {
  return id >>> SLOT_BITS;
}

/** The slot of an id (a non-negative integer below 2^53). */
export function refIdSlot(id: number): number {
  return id & (MAX_SLOTS - 1);
}

export function refIdGeneration(id: number): number {
  return Math.floor(id / LOW);
}

/**
 * The id of the shared target a dormant actor's ref points at (cell-factory.ts): never an
 * actor's (those are >= 0).
 */
export const DORMANT_TARGET_ID = -1;
/** The id of the shared target of refs whose actors stopped while dormant (cell-factory.ts). */
export const STOPPED_DORMANT_TARGET_ID = -2;
