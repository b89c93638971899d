import type { MessagePort } from 'node:worker_threads';

/**
 * How a stress payload crosses: `ring` writes it in place into an MpscRing record; `slab` writes
 * it into a SharedSlabPool block and sends the block's offset through an SpscRing; `port` posts
 * a copy with MessagePort.postMessage (with credit-based flow control so it cannot queue without
 * bound).
 */
export type TransferKind = 'ring' | 'slab' | 'port';

export interface TransferRequest {
  readonly kind: TransferKind;
  readonly role: 'producer' | 'consumer';
  readonly control: SharedArrayBuffer;
  /** Payload bytes per message (a multiple of 4, at least 8). */
  readonly bytes: number;
  /** Messages this producer sends (producers) or all producers together send (consumer). */
  readonly messages: number;
  readonly producers: number;
  /** Producer number, from 0. */
  readonly index: number;
  /** ring: the MpscRing; slab: the SpscRing of block offsets (one producer). */
  readonly ring?: SharedArrayBuffer;
  /** slab: the SharedSlabPool. */
  readonly slab?: SharedArrayBuffer;
  /** port: this side's end of a channel (transferred). A consumer gets one per producer. */
  readonly ports?: readonly MessagePort[];
}

export interface TransferReply {
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
  /** Sum of the first and last words of every payload, mod 2^32. */
  readonly checksum: number;
  readonly busy: number;
}

/** Messages a port producer may have unacknowledged. */
export const PORT_WINDOW = 1024;
/** A port consumer acknowledges every this many messages. */
export const PORT_ACK_EVERY = 256;
