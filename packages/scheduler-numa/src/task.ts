import type { ChaseLevDeque } from './chase-lev-deque.js';
import { SchedulerError } from './errors.js';
import { TASK_KIND, TASK_LENGTH, TASK_PAYLOAD } from './layout.js';

/**
 * The task a handler is running: its kind and payload. One object per worker, reused for every
 * task, so read what you need during the call and do not keep it (or its views) afterwards.
 */
export class Task {
  kind = 0;
  /** Payload length in bytes. */
  length = 0;
  /** The record as copied out of the deque (kind, length, payload words). */
  readonly record: Int32Array;
  /** Payload bytes; only the first `length` are meaningful. */
  readonly bytes: Uint8Array;
  /** The same payload bytes, for typed reads (`task.view.getFloat64(0, true)`). */
  readonly view: DataView;

  constructor(recordWords: number) {
    this.record = new Int32Array(recordWords);
    this.bytes = new Uint8Array(this.record.buffer, TASK_PAYLOAD * 4);
    this.view = new DataView(this.record.buffer, TASK_PAYLOAD * 4);
  }

  /** Refreshes `kind` and `length` after a record was copied into `record`. */
  load(): this {
    this.kind = this.record[TASK_KIND]!;
    this.length = this.record[TASK_LENGTH]!;
    return this;
  }
}

/**
 * The owner of `deque` only. Writes a task record (kind, length, payload copied into the slot)
 * and publishes it; `false` when the deque is full. `bytes` views the deque's whole buffer.
 * Throws a SchedulerError for a payload larger than the record allows (misuse).
 */
export function pushTask(
  deque: ChaseLevDeque,
  bytes: Uint8Array,
  kind: number,
  payload: Uint8Array | undefined,
  where: string,
): boolean {
  const length = checkPayload(deque, payload, where);
  const at = deque.tryClaim();
  if (at < 0) return false;
  const words = deque.words;
  words[at + TASK_KIND] = kind;
  words[at + TASK_LENGTH] = length;
  if (payload !== undefined) bytes.set(payload, deque.byteOffset + (at + TASK_PAYLOAD) * 4);
  deque.publish();
  return true;
}

/**
 * The payload's length; throws a SchedulerError when it does not fit a record of `deque`.
 */
export function checkPayload(
  deque: ChaseLevDeque,
  payload: Uint8Array | undefined,
  where: string,
): number {
  const length = payload === undefined ? 0 : payload.length;
  if (length > (deque.recordWords - TASK_PAYLOAD) * 4) tooLarge(where, length, deque.recordWords);
  return length;
}

function tooLarge(where: string, length: number, recordWords: number): never {
  throw new SchedulerError(
    where,
    'PAYLOAD_TOO_LARGE',
    `payload (${length} bytes) exceeds taskPayloadBytes (${(recordWords - TASK_PAYLOAD) * 4})`,
  );
}
