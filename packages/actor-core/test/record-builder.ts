/**
 * Builds inbound records (runs of envelopes, wire/envelope-layout.ts) for tests that feed a
 * node's inbound path directly, good and deliberately bad.
 */
import { BLOCK_REF_BYTES, ENV_HEADER_BYTES } from '../src/cluster/wire/envelope-layout.js';
import {
  type EnvelopeBuffer,
  writeBlockEnvelope,
  writeNumberEnvelope,
  writeSystemHeader,
  writeUserHeader,
} from '../src/cluster/wire/envelope-writer.js';

export class RecordBuilder {
  private readonly raw = new ArrayBuffer(1 << 16);
  readonly buffer: EnvelopeBuffer & { bytes: Uint8Array; view: DataView } = {
    u32: new Uint32Array(this.raw),
    f64: new Float64Array(this.raw),
    bytes: new Uint8Array(this.raw),
    view: new DataView(this.raw),
    capacity: this.raw.byteLength,
  };
  /** Bytes written so far (the record's length). */
  used = 0;

  number(value: number, target: number, sender: number): this {
    this.used += writeNumberEnvelope(this.buffer, this.used, value, target, sender);
    return this;
  }

  /** A system envelope of `kind`, with `body` (padded to 8 by the envelope) when given. */
  system(kind: number, target: number, sender: number, body?: Uint8Array): this {
    const bytes = body?.length ?? 0;
    if (body !== undefined) this.buffer.bytes.set(body, this.used + ENV_HEADER_BYTES);
    this.used += writeSystemHeader(this.buffer, this.used, kind, bytes, target, sender);
    return this;
  }

  /** A user envelope whose body is `frame` (a codec frame, or any bytes) under codec id `codec`. */
  user(codec: number, frame: Uint8Array, target: number, sender: number): this {
    this.buffer.bytes.set(frame, this.used + ENV_HEADER_BYTES);
    this.used += writeUserHeader(this.buffer, this.used, codec, frame.length, target, sender);
    return this;
  }

  block(offset: number, length: number, target: number, sender: number): this {
    this.used += writeBlockEnvelope(this.buffer, this.used, offset, length, target, sender);
    return this;
  }

  /** Overwrites the u32 at byte `at` (for hostile lengths and kinds). */
  patch32(at: number, value: number): this {
    this.buffer.view.setUint32(at, value, true);
    return this;
  }

  /** The record as an inbound drain hands it over: a view of its own bytes. */
  record(extra = 0): { view: DataView; length: number } {
    const length = this.used + extra;
    return { view: new DataView(this.raw.slice(0, length + 8)), length };
  }
}

export { BLOCK_REF_BYTES };
