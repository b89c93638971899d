/**
 * A codec behind a 16-byte frame header (type id, schema fingerprint, body length), so a
 * reader can dispatch on the type and refuse bytes written with another version of the schema.
 * CodecRegistry creates these; `registry.decode` dispatches to them.
 */
import type { Codec } from './codec.js';
import { DecodeError, SerializerError } from './errors.js';
import { checkHeader, frameLimit, writeHeader } from './frame.js';
import { HEADER_BYTES, HEADER_TYPE_ID } from './layout.js';

export class MessageCodec<TOut, TIn = TOut, TView = TOut> implements Codec<TOut, TIn, TView> {
  readonly typeId: number;
  readonly body: Codec<TOut, TIn, TView>;
  readonly name: string;
  readonly fingerprint: number;
  readonly fixedSize: number;

  constructor(typeId: number, body: Codec<TOut, TIn, TView>) {
    this.typeId = typeId;
    this.body = body;
    this.name = body.name;
    this.fingerprint = body.fingerprint;
    this.fixedSize = body.fixedSize < 0 ? -1 : HEADER_BYTES + body.fixedSize;
  }

  /** Header plus body bytes. */
  sizeOf(value: TIn): number {
    return HEADER_BYTES + this.body.sizeOf(value);
  }

  /** Writes header and body; -1 when they do not fit before `end`. */
  encode(value: TIn, view: DataView, offset: number, end?: number): number {
    if (!(offset >= 0)) {
      throw new SerializerError(
        'MessageCodec.encode',
        'INVALID_ARGUMENT',
        `offset (${offset}) must be a non-negative integer`,
      );
    }
    const written = this.body.encode(value, view, offset + HEADER_BYTES, end);
    if (written < 0) return -1;
    // The body check covers the header too: it starts HEADER_BYTES further on.
    writeHeader(view, offset, this.typeId, this.fingerprint, written);
    return HEADER_BYTES + written;
  }

  decode(view: DataView, offset: number, end?: number): TOut {
    const bodyEnd = this.checkFrame('MessageCodec.decode', view, offset, end);
    return this.body.decode(view, offset + HEADER_BYTES, bodyEnd);
  }

  view(view: DataView, offset: number, end?: number): TView {
    const bodyEnd = this.checkFrame('MessageCodec.view', view, offset, end);
    return this.body.view(view, offset + HEADER_BYTES, bodyEnd);
  }

  private checkFrame(
    where: string,
    view: DataView,
    offset: number,
    end: number | undefined,
  ): number {
    const limit = frameLimit(where, this.name, view, offset, end);
    const typeId = view.getUint16(offset + HEADER_TYPE_ID, true);
    if (typeId !== this.typeId) {
      throw new DecodeError(
        where,
        'WRONG_TYPE',
        this.name,
        '',
        offset + HEADER_TYPE_ID,
        `the frame has type id ${typeId}, not ${this.typeId} (CodecRegistry.decode dispatches by id)`,
      );
    }
    return checkHeader(where, this.name, view, offset, limit, this.fingerprint);
  }
}
