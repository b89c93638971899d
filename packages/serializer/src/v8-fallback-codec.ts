/**
 * A fallback using node:v8 serialize/deserialize: the exact structured clone algorithm (it
 * rejects everything structuredClone rejects and keeps -0 and sparse arrays), but several times
 * slower than msgpackr on small values and always allocating a new Buffer per message. Shared
 * memory is refused like msgpackr's (v8.serialize would copy a view over a SharedArrayBuffer).
 */
import { deserialize, serialize } from 'node:v8';
import { DecodeError, SerializerError } from './errors.js';
import type { FallbackCodec } from './fallback-codec.js';
import { rejectSharedMemory } from './shared-memory-check.js';

export class V8FallbackCodec implements FallbackCodec {
  readonly format = 'v8-serialize-1';

  encode(value: unknown): Uint8Array {
    rejectSharedMemory('V8FallbackCodec.encode', value);
    try {
      return serialize(value);
    } catch (error) {
      throw new SerializerError(
        'V8FallbackCodec.encode',
        'UNENCODABLE',
        `cannot serialize the value: ${(error as Error).message}`,
      );
    }
  }

  decode(bytes: Uint8Array): unknown {
    try {
      return deserialize(bytes);
    } catch (error) {
      throw new DecodeError(
        'V8FallbackCodec.decode',
        'INVALID_FALLBACK',
        'fallback',
        '',
        0,
        `not a valid v8 serialization: ${(error as Error).message}`,
      );
    }
  }
}
