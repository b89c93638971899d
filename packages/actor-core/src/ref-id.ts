/**
 * An actor's id is a value: (worker, slot, generation) packed into one safe integer,
 * so it can be written into a message and cross to another worker.
 *
 * ```
 *  bit 52 ............ 32 | 31 ...... 24 | 23 ............ 0
 *  generation (21 bits)   | worker (8)   | slot (24 bits)
 * ```
 *
 * Arithmetic, not bitwise operators, builds and splits the top part: JavaScript's
 * bitwise operators only see 32 bits.
 */
export const SLOT_BITS = 24;
export const MAX_SLOTS = 2 ** SLOT_BITS;
export const MAX_WORKERS = 256;
export const GENERATION_LIMIT = 2 ** 21;

const LOW = 2 ** 32;

export function packRefId(worker: number, slot: number, generation: number): number {
  return (generation % GENERATION_LIMIT) * LOW + worker * MAX_SLOTS + slot;
}

export function refIdWorker(id: number): number {
  return Math.floor((id % LOW) / MAX_SLOTS);
}

export function refIdSlot(id: number): number {
  return id % MAX_SLOTS;
}

export function refIdGeneration(id: number): number {
  return Math.floor(id / LOW);
}
