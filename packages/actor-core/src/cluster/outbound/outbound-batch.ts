import type { Batcher } from '@zactor/batcher';
import { ENV_HEADER_BYTES, envelopeBytes } from '../wire/envelope-layout.js';
import { writeNumberEnvelope } from '../wire/envelope-writer.js';

/** One batch in this many is timed for the batcher (a power of two). */
const TIMED_EVERY = 8;

/**
 * Messages staged for one destination worker, in this thread's memory, until they are
 * published as one batch by the link (see wire/envelope-layout.ts). Bounded: `capacity` bytes, never more.
 *
 * Thread contract: owned by one thread's cluster node.
 */
export class OutboundBatch {
  readonly destination: number;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** The same bytes as u32 and f64 words, for envelope headers (see wire/envelope-layout.ts). */
  readonly u32: Uint32Array;
  readonly f64: Float64Array;
  readonly capacity: number;
  /** How many messages a batch takes before it is published early. */
  readonly batcher: Batcher;
  used = 0;
  count = 0;
  /** When the first staged message arrived (performance.now()), for the batcher's latency. */
  firstAt = 0;
  /**
   * Batches published (or dropped). One in `TIMED_EVERY` is timed for the batcher: a clock
   * read costs tens of ns, and a round trip across workers has room for few.
   */
  published = 0;
  /**
   * Encodes in progress into this batch plus tells kept for it (node/nested-sends.ts): while it
   * is not 0, a new tell to this destination is kept too, behind the others, and `flush` leaves
   * the batch alone (a codec's getter may flush in the middle of an encode).
   */
  hold = 0;
  /** The block of the large message this batch holds (see `holdBlock`), or -1. */
  block = -1;
  blockLength = 0;
  blockTarget = 0;
  blockSender = 0;

  constructor(destination: number, capacity: number, batcher: Batcher) {
    this.destination = destination;
    this.capacity = capacity;
    const buffer = new ArrayBuffer(capacity);
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(buffer);
    this.u32 = new Uint32Array(buffer, 0, capacity >>> 2);
    this.f64 = new Float64Array(buffer, 0, capacity >>> 3);
    this.batcher = batcher;
  }

  /** Room for an envelope header plus at least one body byte. */
  hasRoom(): boolean {
    return this.used + ENV_HEADER_BYTES + 8 <= this.capacity;
  }

  /** Records an envelope whose body of `bodyBytes` was written at `used + ENV_HEADER_BYTES`. */
  commit(bodyBytes: number): void {
    if (this.count === 0 && this.timed) this.firstAt = performance.now();
    this.used += envelopeBytes(bodyBytes);
    this.count++;
  }

  /** Stages a user envelope carrying the number `value` (the caller checked the room). */
  stageNumber(value: number, target: number, sender: number): void {
    const at = this.used;
    if (this.count === 0 && this.timed) this.firstAt = performance.now();
    this.used = at + writeNumberEnvelope(this, at, value, target, sender);
    this.count++;
  }

  /** Whether this batch's latency is measured (`firstAt` is set). */
  get timed(): boolean {
    return (this.published & (TIMED_EVERY - 1)) === 0;
  }

  /**
   * Holds the reference to the large message in block `block` (`length` bytes, for `target`
   * from `sender`): the batch holds nothing else (the encoder ships what was staged before it),
   * so a publish the link refuses can put the frame back into this heap (Outbound.ship) and no
   * block reference ever waits in an overflow, where a dead worker would leak its block.
   */
  holdBlock(block: number, length: number, target: number, sender: number): void {
    this.block = block;
    this.blockLength = length;
    this.blockTarget = target;
    this.blockSender = sender;
  }

  reset(): void {
    this.used = 0;
    this.count = 0;
    this.block = -1;
    this.published = (this.published + 1) | 0;
  }
}
