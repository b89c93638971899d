/**
 * The default fallback: msgpackr with records and its structuredClone extension. Records keep
 * objects apart from Maps, and each message carries its own record definitions (no structures
 * are shared between encoder and decoder), so any worker can decode any message in any order.
 * structuredClone keeps cycles, Map, Set, Date, RegExp, Error, BigInt and typed arrays. Shared
 * memory is refused (see shared-memory-check.ts): msgpackr would write a SharedArrayBuffer as {}.
 */
import { Packr } from 'msgpackr';
import { DecodeError, SerializerError } from './errors.js';
import type { FallbackCodec } from './fallback-codec.js';
import { rejectSharedMemory } from './shared-memory-check.js';

function rejectFunction(value: unknown): never {
  throw new SerializerError(
    'MsgpackrFallbackCodec.encode',
    'UNENCODABLE',
    `a function (${String((value as { name?: string }).name || 'anonymous')}) cannot be serialized`,
  );
}

export class MsgpackrFallbackCodec implements FallbackCodec {
  readonly format = 'msgpackr-records-clone-1';
  private readonly packr = new Packr({
    useRecords: true,
    structuredClone: true,
    // msgpackr writes functions as undefined unless told otherwise; structuredClone throws.
    writeFunction: rejectFunction,
  } as unknown as ConstructorParameters<typeof Packr>[0]);

  encode(value: unknown): Uint8Array {
    rejectSharedMemory('MsgpackrFallbackCodec.encode', value);
    try {
      return this.packr.pack(value);
    } catch (error) {
      if (error instanceof SerializerError) throw error;
      throw new SerializerError(
        'MsgpackrFallbackCodec.encode',
        'UNENCODABLE',
        `cannot serialize the value: ${(error as Error).message}`,
      );
    }
  }

  decode(bytes: Uint8Array): unknown {
    try {
      return this.packr.unpack(bytes);
    } catch (error) {
      throw new DecodeError(
        'MsgpackrFallbackCodec.decode',
        'INVALID_FALLBACK',
        'fallback',
        '',
        0,
        `not a valid msgpackr message: ${(error as Error).message}`,
      );
    }
  }
}
