/**
 * The fallback codec framed like a registered message, under the reserved type id 0, so
 * unregistered values travel through the same rings, size classes and registry dispatch.
 */
import { BytesCache } from './bytes-cache.js';
import type { Codec } from './codec.js';
import { DecodeError, SerializerError } from './errors.js';
import type { FallbackCodec } from './fallback-codec.js';
import { fnv1a32 } from './fingerprint.js';
import { checkHeader, frameLimit, writeHeader } from './frame.js';
import { FALLBACK_TYPE_ID, HEADER_BYTES, HEADER_TYPE_ID } from './layout.js';

const NAME = 'fallback';
const NOTHING: unique symbol = Symbol('nothing');

export class FallbackMessageCodec implements Codec<unknown> {
  readonly typeId = FALLBACK_TYPE_ID;
  readonly name = NAME;
  readonly fingerprint: number;
  readonly fixedSize = -1;
  readonly fallback: FallbackCodec;
  private readonly encodeBytes = new BytesCache();
  private readonly decodeBytes = new BytesCache();
  /**
   * The last value serialized and its bytes: SizedEncoder asks `encode` (inline attempt),
   * `sizeOf` and `encode` again for one message, and only the first should pay for
   * serialization. Cleared by every `encode` that succeeds, so a value mutated and sent again
   * is serialized afresh.
   */
  private lastValue: unknown = NOTHING;
  private lastBytes: Uint8Array = new Uint8Array(0);

  constructor(fallback: FallbackCodec) {
    this.fallback = fallback;
    this.fingerprint = fnv1a32(`fallback:${fallback.format}`);
  }

  private serialize(value: unknown): Uint8Array {
    if (value !== this.lastValue) {
      this.lastBytes = this.fallback.encode(value);
      this.lastValue = value;
    }
    return this.lastBytes;
  }

  sizeOf(value: unknown): number {
    return HEADER_BYTES + this.serialize(value).length;
  }

  encode(value: unknown, view: DataView, offset: number, end?: number): number {
    if (!(offset >= 0)) {
      throw new SerializerError(
        'FallbackMessageCodec.encode',
        'INVALID_ARGUMENT',
        `offset (${offset}) must be a non-negative integer`,
      );
    }
    const bytes = this.serialize(value);
    const limit = end !== undefined && end <= view.byteLength ? end : view.byteLength;
    const total = HEADER_BYTES + bytes.length;
    if (offset + total > limit) return -1;
    this.encodeBytes.of(view).set(bytes, offset + HEADER_BYTES);
    writeHeader(view, offset, this.typeId, this.fingerprint, bytes.length);
    this.lastValue = NOTHING;
    return total;
  }

  decode(view: DataView, offset: number, end?: number): unknown {
    return this.read('FallbackMessageCodec.decode', view, offset, end);
  }

  /** Fallback values have no lazy form: this decodes. */
  view(view: DataView, offset: number, end?: number): unknown {
    return this.read('FallbackMessageCodec.view', view, offset, end);
  }

  private read(where: string, view: DataView, offset: number, end: number | undefined): unknown {
    const limit = frameLimit(where, NAME, view, offset, end);
    const typeId = view.getUint16(offset + HEADER_TYPE_ID, true);
    if (typeId !== this.typeId) {
      throw new DecodeError(
        where,
        'WRONG_TYPE',
        NAME,
        '',
        offset + HEADER_TYPE_ID,
        `the frame has type id ${typeId}, not ${this.typeId}`,
      );
    }
    const bodyEnd = checkHeader(where, NAME, view, offset, limit, this.fingerprint);
    const bytes = this.decodeBytes.of(view).subarray(offset + HEADER_BYTES, bodyEnd);
    try {
      return this.fallback.decode(bytes);
    } catch (error) {
      throw new DecodeError(
        where,
        'INVALID_FALLBACK',
        NAME,
        '',
        offset + HEADER_BYTES,
        (error as Error).message,
      );
    }
  }
}
