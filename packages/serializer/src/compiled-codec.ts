import type { Codec } from './codec.js';
import { type CodecFunctions, fixedSizeOfPlan } from './codec-functions.js';
import { composeCodecFunctions } from './composed-codec.js';
import { SerializerError } from './errors.js';
import { schemaFingerprint } from './fingerprint.js';
import { generateCodecFunctions } from './generated-codec.js';
import type { Infer, InferInput, InferView } from './infer.js';
import { planMessage } from './plan.js';
import type { MessageSchema } from './schema.js';

/**
 * How the codec's functions are built. 'generated' emits specialised source and compiles it
 * with `new Function` (the fastest); 'composed' builds the same logic from closures and works
 * where code generation from strings is disallowed; 'auto' (the default) tries 'generated' and
 * falls back to 'composed' on EvalError.
 */
export type CodecBackend = 'auto' | 'generated' | 'composed';

export interface CodecOptions {
  /** The type name in error messages (default `'Message'`). */
  readonly name?: string;
  readonly backend?: CodecBackend;
}

function build(
  backend: CodecBackend,
  plan: ReturnType<typeof planMessage>,
  name: string,
): { functions: CodecFunctions; backend: 'generated' | 'composed' } {
  if (backend === 'composed') return { functions: composeCodecFunctions(plan, name), backend };
  try {
    return { functions: generateCodecFunctions(plan, name), backend: 'generated' };
  } catch (error) {
    if (backend === 'auto' && error instanceof EvalError) {
      return { functions: composeCodecFunctions(plan, name), backend: 'composed' };
    }
    throw error;
  }
}

/**
 * A codec compiled once from a schema. The methods are the back end's functions themselves
 * (own properties), so a call is one direct call with no wrapper in between.
 */
export class CompiledCodec<TOut, TIn = TOut, TView = TOut> implements Codec<TOut, TIn, TView> {
  readonly schema: MessageSchema;
  readonly name: string;
  readonly fingerprint: number;
  readonly fixedSize: number;
  /** Which back end built the functions. */
  readonly backend: 'generated' | 'composed';
  readonly sizeOf: (value: TIn) => number;
  readonly encode: (value: TIn, view: DataView, offset: number, end?: number) => number;
  readonly decode: (view: DataView, offset: number, end?: number) => TOut;
  readonly view: (view: DataView, offset: number, end?: number) => TView;

  constructor(schema: MessageSchema, options: CodecOptions = {}) {
    const name = options.name ?? 'Message';
    const backend = options.backend ?? 'auto';
    if (backend !== 'auto' && backend !== 'generated' && backend !== 'composed') {
      throw new SerializerError(
        'CompiledCodec.constructor',
        'INVALID_ARGUMENT',
        `backend must be 'auto', 'generated' or 'composed', got ${String(backend)}`,
      );
    }
    const plan = planMessage(schema);
    const built = build(backend, plan, name);
    this.schema = schema;
    this.name = name;
    this.fingerprint = schemaFingerprint(schema);
    this.fixedSize = fixedSizeOfPlan(plan);
    this.backend = built.backend;
    this.sizeOf = built.functions.sizeOf;
    this.encode = built.functions.encode;
    this.decode = built.functions.decode as (view: DataView, offset: number, end?: number) => TOut;
    this.view = built.functions.view as (view: DataView, offset: number, end?: number) => TView;
  }
}

/** The codec compiled from schema `S`, with its value types inferred. */
export interface SchemaCodec<S extends MessageSchema>
  extends CompiledCodec<Infer<S>, InferInput<S>, InferView<S>> {
  readonly schema: S;
}

/** Compiles `schema` into a codec: `const Trade = codec(TradeSchema, { name: 'Trade' })`. */
export function codec<S extends MessageSchema>(schema: S, options?: CodecOptions): SchemaCodec<S> {
  return new CompiledCodec(schema, options) as unknown as SchemaCodec<S>;
}
