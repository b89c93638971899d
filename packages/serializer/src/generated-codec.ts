/**
 * The generated-source back end: walks a plan once and emits specialised JavaScript for
 * sizeOf / encode / decode / view, compiled with `new Function`. Every field becomes a DataView
 * call at a constant offset and every decoded object is one object literal, so V8 sees
 * monomorphic code with a stable object shape and nothing interprets the schema per message.
 *
 * Generated code only ever contains identifiers validated by the schema builders (field names)
 * and JSON string literals (tags, type names), so no input can inject source.
 */
import { BytesCache } from './bytes-cache.js';
import type { CodecFunctions } from './codec-functions.js';
import { badValue, pastEnd, truncated } from './decode-errors.js';
import { aliasElements, allocElements, copyBytes, ELEMENTS, fillFromBytes } from './elements.js';
import { badArrayLength, badElement, badOffset, badTag, unencodable } from './encode-errors.js';
import { emitEncode, emitSize, emitUnionBlockEncode, emitUnionSize } from './encode-source.js';
import { type MessagePlan, usesBytes } from './plan.js';
import { emitCopier, emitRead, readContext, unionFunction, viewClass } from './read-source.js';
import { lit, SourceWriter } from './source-writer.js';
import { readUtf8, utf8Length, writeUtf8 } from './utf8.js';
import { refObjectId } from './value-checks.js';

/** The complete source of the factory body; exported for tests and debugging. */
export function generateCodecSource(plan: MessagePlan): string {
  const src = new SourceWriter();
  const out = src.fork();
  const rootSize = plan.kind === 'struct' ? plan.size : 0;

  // sizeOf
  src.open('function sizeOf(v) {');
  if (plan.kind === 'struct') {
    if (plan.variable) {
      src.line(`if (typeof v !== 'object' || v === null) throw unencodable(T, '', 'struct', v);`);
      src.line(`let p = ${plan.size};`);
      for (const field of plan.fields) emitSize(src, field.node, `v.${field.name}`);
      src.line('return p;');
    } else {
      src.line(`return ${plan.size};`);
    }
  } else {
    src.line('let p = 0;');
    emitUnionSize(src, plan, 'v');
    src.line('return p;');
  }
  src.close();

  // encode
  src.open('function encode(v, dv, o, end) {');
  src.line('const lim = end !== undefined && end <= dv.byteLength ? end : dv.byteLength;');
  src.line(`if (!(o >= 0)) throw badOffset(T, o);`);
  src.line(`if (o + ${rootSize} > lim) return -1;`);
  const bytes = usesBytes(plan);
  if (bytes) src.line('const by = encBytes.of(dv);');
  if (plan.kind === 'struct') {
    src.line(`if (typeof v !== 'object' || v === null) throw unencodable(T, '', 'struct', v);`);
    src.line(`let p = ${plan.size};`);
    for (const field of plan.fields) emitEncode(src, field.node, `v.${field.name}`, 'o');
  } else {
    src.line('let p = 0;');
    emitUnionBlockEncode(src, plan, 'v', '0');
  }
  src.line('return p;');
  src.close();

  for (const mode of ['decode', 'view'] as const) {
    const ctx = readContext(mode, out);
    const W = lit(ctx.where);
    src.open(`function ${mode}(dv, o, end) {`);
    src.line('const lim = end === undefined ? dv.byteLength : end;');
    src.line(
      `if (!(o >= 0 && lim <= dv.byteLength && o + ${rootSize} <= lim)) throw truncated(${W}, T, '', o, ${rootSize}, lim - o);`,
    );
    src.line('const len = lim - o;');
    src.line(
      bytes
        ? `const by = ${mode === 'decode' ? 'decBytes' : 'viewBytes'}.of(dv);`
        : 'const by = undefined;',
    );
    if (plan.kind === 'union') {
      src.line(`return ${unionFunction(ctx, plan)}(dv, by, o, len, 0, o);`);
    } else if (mode === 'view') {
      src.line(`return new ${viewClass(ctx, plan, undefined)}(dv, by, o, len, o);`);
    } else {
      const value = emitRead(src, ctx, plan, 'o');
      src.line(`return ${value};`);
    }
    src.close();
    for (const kind of ctx.copiers) emitCopier(out, kind);
  }

  src.append(out);
  src.line('return { sizeOf, encode, decode, view };');
  return src.toString();
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

const HELPER_NAMES = [
  'T',
  'INSPECT',
  'encBytes',
  'decBytes',
  'viewBytes',
  'utf8Length',
  'writeUtf8',
  'readUtf8',
  'allocElements',
  'fillFromBytes',
  'copyBytes',
  'aliasElements',
  'truncated',
  'pastEnd',
  'badValue',
  'badArrayLength',
  'badTag',
  'badOffset',
  'unencodable',
  'badElement',
  'refObjectId',
  ...Object.keys(ELEMENTS).map((kind) => `EL_${kind}`),
];

/**
 * Compiles the plan with `new Function`. Throws EvalError where code generation from strings
 * is disallowed (`--disallow-code-generation-from-strings`, CSP); the caller falls back then.
 */
export function generateCodecFunctions(plan: MessagePlan, typeName: string): CodecFunctions {
  const source = `'use strict';\n${generateCodecSource(plan)}`;
  const factory = new Function(...HELPER_NAMES, source) as (
    ...helpers: unknown[]
  ) => CodecFunctions;
  return factory(
    typeName,
    INSPECT,
    new BytesCache(),
    new BytesCache(),
    new BytesCache(),
    utf8Length,
    writeUtf8,
    readUtf8,
    allocElements,
    fillFromBytes,
    copyBytes,
    aliasElements,
    truncated,
    pastEnd,
    badValue,
    badArrayLength,
    badTag,
    badOffset,
    unencodable,
    badElement,
    refObjectId,
    ...Object.values(ELEMENTS),
  );
}
