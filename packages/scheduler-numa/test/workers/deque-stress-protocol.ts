/** Shared between the deque stress test and its workers. */
export interface DequeStressData {
  readonly deque: SharedArrayBuffer;
  /** Int32 per task id: how many times it was taken. */
  readonly seen: SharedArrayBuffer;
  /** Int32 words: CONTROL_DONE, CONTROL_ABORT, CONTROL_READY. */
  readonly control: SharedArrayBuffer;
  readonly count: number;
  readonly seed: number;
  /** Owner plus thieves. */
  readonly parties: number;
}

export interface DequeStressResult {
  readonly taken: number;
  readonly torn: number;
}

export const CONTROL_DONE = 0;
export const CONTROL_ABORT = 1;
export const CONTROL_READY = 2;
export const CONTROL_WORDS = 3;

/** Start together, so the owner cannot finish before the thieves have booted. */
export function startBarrier(control: Int32Array, parties: number): void {
  Atomics.add(control, CONTROL_READY, 1);
  while (Atomics.load(control, CONTROL_READY) < parties) {
    if (Atomics.load(control, CONTROL_ABORT) !== 0) return;
  }
}

/** The words of task `id` when records are 4 words long; a thief checks them for tearing. */
export function fillRecord(words: Int32Array, at: number, id: number): void {
  words[at] = id;
  words[at + 1] = id ^ 0x5a5a5a5a;
  words[at + 2] = ~id;
  words[at + 3] = Math.imul(id, 7);
}

export function recordIsWhole(words: Int32Array, at: number): boolean {
  const id = words[at]!;
  return (
    words[at + 1] === (id ^ 0x5a5a5a5a) &&
    words[at + 2] === ~id &&
    words[at + 3] === Math.imul(id, 7)
  );
}
