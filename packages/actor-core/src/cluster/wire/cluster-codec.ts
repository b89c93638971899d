/**
 * How actor messages cross workers: a message object whose tag field (default `type`) names a
 * registered schema is encoded with that schema's compiled codec; anything else goes through
 * the fallback codec (msgpackr with structured clone), where `ActorRef`s anywhere in the value
 * travel as ids and come back as refs of the receiving thread. Top-level `t.ref` fields of a
 * registered schema accept refs (the serializer writes an object's numeric `id`) and decode as
 * refs too. A value its schema cannot represent (a wrong type, a missing field, an integer out
 * of range), and shared memory in a fallback value, fail `tell` with ActorError `UNENCODABLE`
 * naming the message tag and field.
 *
 * Every thread builds one from the same cluster definition, so type ids agree (tags are
 * numbered in sorted order). Per thread; no shared state.
 */
import {
  CodecRegistry,
  type FallbackCodec,
  type MessageSchema,
  rejectSharedMemory,
  SerializerError,
  t,
} from '@zactor/serializer';
import { addExtension, Packr } from 'msgpackr';
import { ActorRef, type AnyActorRef } from '../../actor-ref.js';
import { ActorError } from '../../errors.js';
import { thrownMessage } from '../../thrown.js';
import type { MessageSchemas } from '../cluster-types.js';

/** msgpackr extension type of an ActorRef (an application type in msgpackr's 1..100 range). */
const REF_EXTENSION = 0x2a;

type Resolver = (id: number) => AnyActorRef;

/** The resolver of the decode in progress on this thread (decodes do not nest). */
let activeResolver: Resolver | null = null;

let extensionAdded = false;
function addRefExtension(): void {
  if (extensionAdded) return;
  extensionAdded = true;
  addExtension({
    Class: ActorRef,
    type: REF_EXTENSION,
    write: (ref: AnyActorRef) => ref.id,
    read: (id: number) => {
      if (activeResolver === null || typeof id !== 'number') {
        throw new ActorError('ClusterCodec.decode', 'BAD_REF', `cannot resolve actor ref ${id}`);
      }
      return activeResolver(id);
    },
  });
}

function unencodable(value: unknown): never {
  throw new SerializerError(
    'ClusterCodec.encode',
    'UNENCODABLE',
    `a function (${String((value as { name?: string }).name || 'anonymous')}) cannot be sent to another worker`,
  );
}

/** The ref extension writes an ActorRef as its id: the shared-memory check skips its fields. */
function isActorRef(x: object): boolean {
  return x instanceof ActorRef;
}

/** The fallback: msgpackr records + structured clone, plus refs. */
class RefFallbackCodec implements FallbackCodec {
  readonly format = 'zactor-msgpackr-refs-1';
  private readonly packr = new Packr({
    useRecords: true,
    structuredClone: true,
    // Decoded bytes must not alias the ring or a large-message block: both are reused.
    copyBuffers: true,
    writeFunction: unencodable,
  } as unknown as ConstructorParameters<typeof Packr>[0]);

  encode(value: unknown): Uint8Array {
    // msgpackr would write a SharedArrayBuffer as {} and a view over one as an unshared copy.
    rejectSharedMemory('ClusterCodec.encode', value, isActorRef);
    return this.packr.pack(value);
  }

  decode(bytes: Uint8Array): unknown {
    return this.packr.unpack(bytes);
  }
}

export type { MessageSchemas };

interface TagCodec {
  readonly typeId: number;
  readonly codec: {
    encode(value: never, view: DataView, offset: number, end?: number): number;
    sizeOf(value: never): number;
  };
  /** Top-level `t.ref` fields, turned back into refs after decoding. */
  readonly refFields: readonly string[];
}

/** Rethrows an encoding failure as ActorError `UNENCODABLE` (an ActorError stays as it is). */
function rethrowUnencodable(error: unknown): never {
  if (error instanceof ActorError) throw error;
  throw new ActorError(
    'ActorRef.tell',
    'UNENCODABLE',
    `the message cannot be sent to another worker: ${thrownMessage(error)}`,
  );
}

export class ClusterCodec {
  readonly registry: CodecRegistry;
  readonly tagField: string;
  private readonly byTag = new Map<string, TagCodec>();
  private readonly byId: (TagCodec | undefined)[] = [];
  private readonly resolve: Resolver;

  constructor(messages: MessageSchemas, tagField: string, resolve: Resolver) {
    addRefExtension();
    this.tagField = tagField;
    this.resolve = resolve;
    this.registry = new CodecRegistry({ fallback: new RefFallbackCodec() });
    const tags = Object.keys(messages).sort();
    tags.forEach((tag, index) => {
      const schema = messages[tag]!;
      const typeId = index + 1;
      const union = t.union(tagField, { [tag]: schema }) as MessageSchema;
      const codec = this.registry.register(typeId, union, { name: tag });
      const refFields = Object.keys(schema.fields).filter(
        (name) => (schema.fields[name] as { kind: string }).kind === 'ref',
      );
      const entry: TagCodec = { typeId, codec: codec as TagCodec['codec'], refFields };
      this.byTag.set(tag, entry);
      while (this.byId.length < typeId) this.byId.push(undefined);
      this.byId[typeId] = entry;
    });
  }

  /**
   * Writes `message` as a registry frame at `offset`; the bytes written, or -1 when they do not
   * fit before `end`. Throws ActorError `UNENCODABLE` for a value neither registered nor
   * serializable (a function, a symbol), so a bad message fails at `tell`.
   */
  encode(message: unknown, view: DataView, offset: number, end: number): number {
    try {
      const entry = this.entryOf(message);
      if (entry !== undefined) return entry.codec.encode(message as never, view, offset, end);
      return this.registry.fallback.encode(message, view, offset, end);
    } catch (error) {
      rethrowUnencodable(error);
    }
  }

  /**
   * The bytes `encode` writes for `message` (large messages are sized before a block is
   * taken). The fallback serializes here and `encode` reuses those bytes. Throws like `encode`.
   */
  sizeOf(message: unknown): number {
    try {
      const entry = this.entryOf(message);
      if (entry !== undefined) return entry.codec.sizeOf(message as never);
      return this.registry.fallback.sizeOf(message);
    } catch (error) {
      rethrowUnencodable(error);
    }
  }

  /** The registered codec of `message`'s tag, or undefined for the fallback. */
  private entryOf(message: unknown): TagCodec | undefined {
    if (typeof message !== 'object' || message === null) return undefined;
    const tag = (message as Record<string, unknown>)[this.tagField];
    return typeof tag === 'string' ? this.byTag.get(tag) : undefined;
  }

  /** Decodes the frame at `offset`. Throws the serializer's DecodeError for corrupt bytes. */
  decode(view: DataView, offset: number, end: number): unknown {
    const previous = activeResolver;
    activeResolver = this.resolve;
    try {
      const value = this.registry.decode(view, offset, end);
      const entry = this.byId[view.getUint16(offset, true)];
      if (entry !== undefined && entry.refFields.length !== 0) {
        const object = value as Record<string, unknown>;
        for (const field of entry.refFields) {
          const id = object[field];
          if (typeof id === 'number') object[field] = this.resolve(id);
        }
      }
      return value;
    } finally {
      activeResolver = previous;
    }
  }
}
