/**
 * Numeric type ids for message codecs, shared by convention: every worker registers the same
 * ids (1..65535) for the same schemas. Each frame carries its type id and the schema's
 * fingerprint, so `decode` dispatches on the id and refuses a frame written by a worker that
 * registered another version of the schema. Id 0 is the fallback codec's.
 *
 * A registry is per worker (it holds compiled functions, which cannot cross threads); it is
 * not shared memory and has no concurrency contract of its own. Register everything at start-up.
 */
import type { Codec } from './codec.js';
import { type CodecOptions, codec, type SchemaCodec } from './compiled-codec.js';
import { DecodeError, SerializerError } from './errors.js';
import type { FallbackCodec } from './fallback-codec.js';
import { FallbackMessageCodec } from './fallback-message-codec.js';
import { frameLimit } from './frame.js';
import type { Infer, InferInput, InferView } from './infer.js';
import {
  FALLBACK_TYPE_ID,
  HEADER_BODY_LENGTH,
  HEADER_BYTES,
  HEADER_TYPE_ID,
  MAX_TYPE_ID,
} from './layout.js';
import { MessageCodec } from './message-codec.js';
import { MsgpackrFallbackCodec } from './msgpackr-fallback-codec.js';
import type { MessageSchema } from './schema.js';

export interface CodecRegistryOptions {
  /** The codec for unregistered values (default: a new MsgpackrFallbackCodec). */
  readonly fallback?: FallbackCodec;
}

/** A registered message codec, typed by its schema. */
export type RegisteredCodec<S extends MessageSchema> = MessageCodec<
  Infer<S>,
  InferInput<S>,
  InferView<S>
>;

type AnyMessageCodec = Codec<unknown, never, unknown> & { readonly typeId: number };

export class CodecRegistry {
  /** Id 0: values without a registered schema. */
  readonly fallback: FallbackMessageCodec;
  private readonly byId: (AnyMessageCodec | undefined)[] = [];

  constructor(options: CodecRegistryOptions = {}) {
    this.fallback = new FallbackMessageCodec(options.fallback ?? new MsgpackrFallbackCodec());
    this.byId[FALLBACK_TYPE_ID] = this.fallback;
  }

  /**
   * Compiles `schema` and registers it under `typeId` (1..65535). Throws SerializerError when
   * the id is taken or out of range.
   */
  register<S extends MessageSchema>(
    typeId: number,
    schema: S,
    options: CodecOptions = {},
  ): RegisteredCodec<S> {
    return this.registerCodec<S>(typeId, codec<S>(schema, { name: `type ${typeId}`, ...options }));
  }

  /** Registers an already compiled codec under `typeId`. */
  registerCodec<S extends MessageSchema>(typeId: number, body: SchemaCodec<S>): RegisteredCodec<S> {
    if (!Number.isInteger(typeId) || typeId < 1 || typeId > MAX_TYPE_ID) {
      throw new SerializerError(
        'CodecRegistry.register',
        'INVALID_TYPE_ID',
        `type id (${typeId}) must be an integer in 1..${MAX_TYPE_ID} (0 is the fallback's)`,
      );
    }
    const taken = this.byId[typeId];
    if (taken !== undefined) {
      throw new SerializerError(
        'CodecRegistry.register',
        'DUPLICATE_TYPE_ID',
        `type id ${typeId} is already registered to ${taken.name}`,
      );
    }
    const framed = new MessageCodec(typeId, body);
    // Keep the array packed (no holes) so lookups stay on the fast elements path.
    while (this.byId.length < typeId) this.byId.push(undefined);
    this.byId[typeId] = framed as unknown as AnyMessageCodec;
    return framed;
  }

  /** The codec registered under `typeId`, or undefined. */
  get(typeId: number): Codec<unknown, never, unknown> | undefined {
    return this.byId[typeId];
  }

  /**
   * The type id of the frame at `offset`, or -1 when fewer than a header's bytes remain before
   * `end`. Does not check the rest of the header.
   */
  typeIdAt(view: DataView, offset: number, end: number = view.byteLength): number {
    if (!(offset >= 0 && offset + HEADER_BYTES <= end && end <= view.byteLength)) return -1;
    return view.getUint16(offset + HEADER_TYPE_ID, true);
  }

  /** Header plus body bytes of the frame at `offset`, or -1 when the header is cut short. */
  frameLength(view: DataView, offset: number, end: number = view.byteLength): number {
    if (!(offset >= 0 && offset + HEADER_BYTES <= end && end <= view.byteLength)) return -1;
    return HEADER_BYTES + view.getUint32(offset + HEADER_BODY_LENGTH, true);
  }

  /** Decodes the frame at `offset` with the codec its type id names. Throws DecodeError. */
  decode(view: DataView, offset: number, end?: number): unknown {
    return this.codecAt('CodecRegistry.decode', view, offset, end).decode(view, offset, end);
  }

  /** A lazy view of the frame at `offset` (fallback values are decoded). Throws DecodeError. */
  view(view: DataView, offset: number, end?: number): unknown {
    return this.codecAt('CodecRegistry.view', view, offset, end).view(view, offset, end);
  }

  private codecAt(
    where: string,
    view: DataView,
    offset: number,
    end: number | undefined,
  ): AnyMessageCodec {
    frameLimit(where, 'frame', view, offset, end);
    const typeId = view.getUint16(offset + HEADER_TYPE_ID, true);
    const found = this.byId[typeId];
    if (found === undefined) {
      throw new DecodeError(
        where,
        'UNKNOWN_TYPE',
        `type ${typeId}`,
        '',
        offset + HEADER_TYPE_ID,
        `type id ${typeId} is not registered in this worker`,
      );
    }
    return found;
  }
}
