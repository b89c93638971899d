import { MpscRing } from '@zactor/ringbuffer';

/**
 * Role: a worker's inbox as the pool uses it; `@zactor/ringbuffer`'s MpscRing (variable-length
 * records, any thread produces, the worker consumes).
 */
export interface InboundRing {
  readonly buffer: SharedArrayBuffer;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly maxRecordBytes: number;
  /** Any thread: claim room for a record; the payload's byte offset, or -1 when full. */
  tryClaim(typeId: number, length: number): number;
  /** The claiming thread: publish the record (and wake the consumer if it is parked). */
  commit(offset: number): void;
  /** The claiming thread: publish the record and leave a parked consumer asleep (it owes `wakeConsumer`). */
  commitQuietly(offset: number): void;
  /** Any producer: wake the consumer if it is parked. */
  wakeConsumer(): void;
  /** The worker only: hand up to `max` records to `handler`. */
  drain(
    handler: (typeId: number, view: DataView, offset: number, length: number) => void,
    max?: number,
  ): number;
  /** The worker only: whether a committed record is waiting. */
  hasItems(): boolean;
  /**
   * A new worker, before its first drain: finishes a drain that a dead predecessor was ending
   * (see MpscRing.recoverConsumer); whether there was one.
   */
  recoverConsumer(): boolean;
  /**
   * The worker only: the corruption a drain found in the ring's shared words (the ring stops in
   * front of it and drains nothing more), or undefined.
   */
  corruption(): Error | undefined;
}

MpscRing satisfies { attach(sab: SharedArrayBuffer): InboundRing };

/** Allocates one inbox of `capacityBytes` (a power of two). */
export function createInboundRing(capacityBytes: number): InboundRing {
  return MpscRing.create({ capacityBytes });
}

/** Attaches to an inbox made by `createInboundRing`. */
export function attachInboundRing(sab: SharedArrayBuffer): InboundRing {
  return MpscRing.attach(sab);
}

/**
 * Any thread. Copies `payload` into worker inbox `ring` as one record of `typeId` and commits
 * it; `false` when the ring is full. The caller then wakes the worker (commit alone only wakes
 * a consumer parked on the ring itself, and pool workers park on their control block).
 */
export function writeRecord(ring: InboundRing, typeId: number, payload: Uint8Array): boolean {
  const offset = ring.tryClaim(typeId, payload.length);
  if (offset < 0) return false;
  ring.bytes.set(payload, offset);
  ring.commit(offset);
  return true;
}
