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
import { type CodecFunctions, WHERE_DECODE, WHERE_VIEW } from './codec-functions.js';
import { badValue, pastEnd, truncated } from './decode-errors.js';
import {
  aliasElements,
  allocElements,
  copyBytes,
  ELEMENTS,
  fillFromBytes,
  LITTLE_ENDIAN_HOST,
} from './elements.js';
import { badArrayLength, badOffset, badTag } from './encode-errors.js';
import { REF_HIGH_MAX } from './layout.js';
import {
  type MessagePlan,
  type PlanNode,
  type StructPlan,
  type UnionPlan,
  usesBytes,
} from './plan.js';
import type { NumericKind } from './schema.js';
import { addr, lit, SourceWriter } from './source-writer.js';
import { readUtf8, utf8Length, writeUtf8 } from './utf8.js';

type Mode = 'decode' | 'view';

const BULK_COPY_MIN = 64;

function scalarGetter(node: PlanNode & { kind: 'scalar' }): string {
  return node.scalar === 'bool' ? 'getUint8' : ELEMENTS[node.scalar].get;
}

function scalarSetter(node: PlanNode & { kind: 'scalar' }): string {
  return node.scalar === 'bool' ? 'setUint8' : ELEMENTS[node.scalar].set;
}

function isWide(node: PlanNode & { kind: 'scalar' }): boolean {
  return node.scalar !== 'bool' && ELEMENTS[node.scalar].bytes > 1;
}

/** Emits code that writes `value` (an expression) for `node` in the frame at `base`. */
function emitEncode(src: SourceWriter, node: PlanNode, value: string, base: string): void {
  const at = addr(base, node.offset);
  switch (node.kind) {
    case 'scalar':
      if (node.scalar === 'bool') src.line(`dv.setUint8(${at}, ${value} ? 1 : 0);`);
      else src.line(`dv.${scalarSetter(node)}(${at}, ${value}${isWide(node) ? ', true' : ''});`);
      return;
    case 'ref': {
      const r = src.name('r');
      src.line(`const ${r} = ${value};`);
      src.line(`dv.setUint32(${at}, ${r} >>> 0, true);`);
      src.line(`dv.setUint32(${addr(base, node.offset + 4)}, (${r} / 4294967296) >>> 0, true);`);
      return;
    }
    case 'utf8': {
      const s = src.name('s');
      const w = src.name('w');
      src.line(`const ${s} = ${value};`);
      // 3 bytes per UTF-16 unit is the worst case; only count exactly when that might not fit.
      src.line(`if (o + p + 3 * ${s}.length > lim && o + p + utf8Length(${s}) > lim) return -1;`);
      src.line(`const ${w} = writeUtf8(by, o + p, ${s});`);
      src.line(`dv.setUint32(${at}, p, true);`);
      src.line(`dv.setUint32(${addr(base, node.offset + 4)}, ${w}, true);`);
      src.line(`p += ${w};`);
      return;
    }
    case 'bytes': {
      const a = src.name('a');
      src.line(`const ${a} = ${value};`);
      src.line(`if (o + p + ${a}.length > lim) return -1;`);
      src.line(`by.set(${a}, o + p);`);
      src.line(`dv.setUint32(${at}, p, true);`);
      src.line(`dv.setUint32(${addr(base, node.offset + 4)}, ${a}.length, true);`);
      src.line(`p += ${a}.length;`);
      return;
    }
    case 'array':
    case 'vec': {
      const info = ELEMENTS[node.element];
      const k = info.bytes;
      const a = src.name('a');
      const n = src.name('n');
      const q = src.name('q');
      src.line(`const ${a} = ${value};`);
      src.line(`const ${n} = ${a}.length;`);
      if (node.kind === 'array') {
        src.line(
          `if (${n} !== ${node.length}) throw badArrayLength(T, ${lit(node.path)}, ${node.length}, ${n});`,
        );
      }
      src.line(`const ${q} = ${k === 1 ? 'p' : `(p + ${k - 1}) & -${k}`};`);
      src.line(`if (o + ${q} + ${n}${k === 1 ? '' : ` * ${k}`} > lim) return -1;`);
      if (k > 1) src.line(`while (p < ${q}) by[o + p++] = 0;`);
      const loop = `for (let i = 0; i < ${n}; i++) dv.${info.set}(o + ${q} + i${k === 1 ? '' : ` * ${k}`}, ${a}[i]${k === 1 ? '' : ', true'});`;
      if (LITTLE_ENDIAN_HOST) {
        src.line(
          `if (${n} >= ${BULK_COPY_MIN} && ${a} instanceof ${info.ctor.name}) by.set(new Uint8Array(${a}.buffer, ${a}.byteOffset, ${n}${k === 1 ? '' : ` * ${k}`}), o + ${q});`,
        );
        src.line(`else ${loop}`);
      } else {
        src.line(loop);
      }
      src.line(`dv.setUint32(${at}, ${q}, true);`);
      if (node.kind === 'vec')
        src.line(`dv.setUint32(${addr(base, node.offset + 4)}, ${n}, true);`);
      src.line(`p = ${q} + ${n}${k === 1 ? '' : ` * ${k}`};`);
      return;
    }
    case 'struct': {
      const x = src.name('x');
      src.line(`const ${x} = ${value};`);
      for (const field of node.fields) emitEncode(src, field.node, `${x}.${field.name}`, base);
      return;
    }
    case 'optional': {
      const x = src.name('x');
      src.line(`const ${x} = ${value};`);
      src.open(`if (${x} === undefined || ${x} === null) {`);
      src.line(`dv.setUint8(${at}, 0);`);
      // Zero the unused slot so equal values always encode to equal bytes.
      src.line(
        `by.fill(0, ${addr(base, node.offset + 1)}, ${addr(base, node.offset + node.size)});`,
      );
      src.close();
      src.open('else {');
      src.line(`dv.setUint8(${at}, 1);`);
      emitEncode(src, node.inner, x, base);
      src.close();
      return;
    }
    case 'union': {
      const x = src.name('x');
      const q = src.name('q');
      src.line(`const ${x} = ${value};`);
      src.line(`const ${q} = p;`);
      src.line(`dv.setUint32(${at}, ${q}, true);`);
      emitUnionBlockEncode(src, node, x, q);
      return;
    }
  }
}

/** A union block at body offset `q`: tag byte, then the variant's fixed part, then its tail. */
function emitUnionBlockEncode(src: SourceWriter, node: UnionPlan, x: string, q: string): void {
  src.open(`switch (${x}.${node.tag}) {`);
  for (const variant of node.variants) {
    const b = src.name('b');
    const size = 1 + variant.body.size;
    src.open(`case ${lit(variant.name)}: {`);
    src.line(`if (o + ${q} + ${size} > lim) return -1;`);
    src.line(`dv.setUint8(o + ${q}, ${variant.index});`);
    src.line(`p = ${q} + ${size};`);
    src.line(`const ${b} = o + ${q} + 1;`);
    for (const field of variant.body.fields) {
      emitEncode(src, field.node, `${x}.${field.name}`, b);
    }
    src.line('break;');
    src.close();
  }
  src.line(`default: throw badTag(T, ${lit(node.path)}, ${lit(node.tag)}, ${x}.${node.tag});`);
  src.close();
}

/** Emits code that adds the tail bytes of `node` (holding `value`) to `p`. */
function emitSize(src: SourceWriter, node: PlanNode, value: string): void {
  switch (node.kind) {
    case 'scalar':
    case 'ref':
      return;
    case 'utf8':
      src.line(`p += utf8Length(${value});`);
      return;
    case 'bytes':
      src.line(`p += ${value}.length;`);
      return;
    case 'array':
    case 'vec': {
      const k = ELEMENTS[node.element].bytes;
      const count = node.kind === 'array' ? String(node.length) : `${value}.length`;
      src.line(k === 1 ? `p += ${count};` : `p = ((p + ${k - 1}) & -${k}) + ${count} * ${k};`);
      return;
    }
    case 'struct': {
      if (!node.variable) return;
      const x = src.name('x');
      src.line(`const ${x} = ${value};`);
      for (const field of node.fields) emitSize(src, field.node, `${x}.${field.name}`);
      return;
    }
    case 'optional': {
      if (node.inner.kind === 'scalar' || node.inner.kind === 'ref') return;
      if (node.inner.kind === 'struct' && !node.inner.variable) return;
      const x = src.name('x');
      src.line(`const ${x} = ${value};`);
      src.open(`if (${x} !== undefined && ${x} !== null) {`);
      emitSize(src, node.inner, x);
      src.close();
      return;
    }
    case 'union': {
      const x = src.name('x');
      src.line(`const ${x} = ${value};`);
      emitUnionSize(src, node, x);
      return;
    }
  }
}

function emitUnionSize(src: SourceWriter, node: UnionPlan, x: string): void {
  src.open(`switch (${x}.${node.tag}) {`);
  for (const variant of node.variants) {
    src.open(`case ${lit(variant.name)}: {`);
    src.line(`p += ${1 + variant.body.size};`);
    for (const field of variant.body.fields) emitSize(src, field.node, `${x}.${field.name}`);
    src.line('break;');
    src.close();
  }
  src.line(`default: throw badTag(T, ${lit(node.path)}, ${lit(node.tag)}, ${x}.${node.tag});`);
  src.close();
}

/** Shared state of one decode/view generation: out-of-line functions and view classes. */
interface ReadContext {
  readonly mode: Mode;
  readonly where: string;
  readonly outOfLine: SourceWriter;
  readonly views: Map<StructPlan, string>;
  readonly unions: Map<UnionPlan, string>;
  /** Element kinds that need a specialised copy function. */
  readonly copiers: Set<NumericKind>;
}

/**
 * Emits the statements that read `node` in the frame at `base` and returns the expression of
 * its value. In scope: dv, by, o (body base), len (body length), and `base`.
 */
function emitRead(src: SourceWriter, ctx: ReadContext, node: PlanNode, base: string): string {
  const at = addr(base, node.offset);
  const path = lit(node.path);
  const W = lit(ctx.where);
  switch (node.kind) {
    case 'scalar': {
      const read = `dv.${scalarGetter(node)}(${at}${isWide(node) ? ', true' : ''})`;
      if (node.scalar !== 'bool') return read;
      const f = src.name('f');
      src.line(`const ${f} = ${read};`);
      src.line(
        `if (${f} > 1) throw badValue(${W}, 'INVALID_BOOL', T, ${path}, ${at}, 'bool byte ' + ${f} + ' is not 0 or 1');`,
      );
      return `${f} === 1`;
    }
    case 'ref': {
      const lo = src.name('lo');
      const hi = src.name('hi');
      src.line(`const ${lo} = dv.getUint32(${at}, true);`);
      src.line(`const ${hi} = dv.getUint32(${addr(base, node.offset + 4)}, true);`);
      src.line(
        `if (${hi} > ${REF_HIGH_MAX}) throw badValue(${W}, 'INVALID_REF', T, ${path}, ${at}, 'ref high word ' + ${hi} + ' exceeds 2^53');`,
      );
      return `${hi} * 4294967296 + ${lo}`;
    }
    case 'utf8':
    case 'bytes': {
      const so = src.name('so');
      const sn = src.name('sn');
      src.line(`const ${so} = dv.getUint32(${at}, true);`);
      src.line(`const ${sn} = dv.getUint32(${addr(base, node.offset + 4)}, true);`);
      src.line(
        `if (${so} + ${sn} > len) throw pastEnd(${W}, T, ${path}, ${at}, ${so}, ${sn}, len);`,
      );
      if (node.kind === 'utf8') return `readUtf8(by, o + ${so}, ${sn}, ${W}, T, ${path}, ${at})`;
      return ctx.mode === 'decode'
        ? `copyBytes(by, o + ${so}, ${sn})`
        : `by.subarray(o + ${so}, o + ${so} + ${sn})`;
    }
    case 'array':
    case 'vec': {
      const k = ELEMENTS[node.element].bytes;
      const ao = src.name('ao');
      src.line(`const ${ao} = dv.getUint32(${at}, true);`);
      let count: string;
      if (node.kind === 'array') {
        count = String(node.length);
      } else {
        count = src.name('an');
        src.line(`const ${count} = dv.getUint32(${addr(base, node.offset + 4)}, true);`);
      }
      const bytes = k === 1 ? count : `${count} * ${k}`;
      src.line(
        `if (${ao} + ${bytes} > len) throw pastEnd(${W}, T, ${path}, ${at}, ${ao}, ${bytes}, len);`,
      );
      if (ctx.mode === 'view')
        return `aliasElements(EL_${node.element}, dv, by, o + ${ao}, ${count})`;
      ctx.copiers.add(node.element);
      return `copy_${node.element}(dv, by, o + ${ao}, ${count})`;
    }
    case 'struct': {
      if (ctx.mode === 'view')
        return `new ${viewClass(ctx, node, undefined)}(dv, by, o, len, ${base})`;
      const parts = node.fields.map(
        (field) => `${field.name}: ${emitRead(src, ctx, field.node, base)}`,
      );
      return `{ ${parts.join(', ')} }`;
    }
    case 'optional': {
      const f = src.name('f');
      const pr = src.name('pr');
      src.line(`let ${f};`);
      src.line(`const ${pr} = dv.getUint8(${at});`);
      src.open(`if (${pr} === 1) {`);
      const inner = emitRead(src, ctx, node.inner, base);
      src.line(`${f} = ${inner};`);
      src.close();
      src.line(
        `else if (${pr} !== 0) throw badValue(${W}, 'INVALID_PRESENCE', T, ${path}, ${at}, 'presence byte ' + ${pr} + ' is not 0 or 1');`,
      );
      return f;
    }
    case 'union': {
      const uo = src.name('uo');
      src.line(`const ${uo} = dv.getUint32(${at}, true);`);
      return `${unionFunction(ctx, node)}(dv, by, o, len, ${uo}, ${at})`;
    }
  }
}

/** An out-of-line function reading a union block at body offset `uo` (slot at `at`). */
function unionFunction(ctx: ReadContext, node: UnionPlan): string {
  const known = ctx.unions.get(node);
  if (known !== undefined) return known;
  const src = ctx.outOfLine.fork();
  const name = src.name(ctx.mode === 'decode' ? 'readUnion' : 'viewUnion');
  ctx.unions.set(node, name);
  const path = lit(node.path);
  const W = lit(ctx.where);
  src.open(`function ${name}(dv, by, o, len, uo, at) {`);
  src.line(`if (uo + 1 > len) throw pastEnd(${W}, T, ${path}, at, uo, 1, len);`);
  src.line('const tag = dv.getUint8(o + uo);');
  src.line('const b = o + uo + 1;');
  src.open('switch (tag) {');
  for (const variant of node.variants) {
    const size = 1 + variant.body.size;
    src.open(`case ${variant.index}: {`);
    src.line(`if (uo + ${size} > len) throw pastEnd(${W}, T, ${path}, at, uo, ${size}, len);`);
    if (ctx.mode === 'view') {
      src.line(
        `return new ${viewClass(ctx, variant.body, [node.tag, variant.name])}(dv, by, o, len, b);`,
      );
    } else {
      const parts = [`${node.tag}: ${lit(variant.name)}`];
      for (const field of variant.body.fields) {
        parts.push(`${field.name}: ${emitRead(src, ctx, field.node, 'b')}`);
      }
      src.line(`return { ${parts.join(', ')} };`);
    }
    src.close();
  }
  src.line(
    `default: throw badValue(${W}, 'UNKNOWN_TAG', T, ${path}, o + uo, 'variant index ' + tag + ' is not below ${node.variants.length}');`,
  );
  src.close();
  src.close();
  ctx.outOfLine.append(src);
  return name;
}

/** A view class for a struct (or a union variant, with its constant tag getter). */
function viewClass(ctx: ReadContext, node: StructPlan, tag: [string, string] | undefined): string {
  const known = ctx.views.get(node);
  if (known !== undefined) return known;
  const src = ctx.outOfLine.fork();
  const name = src.name('View');
  ctx.views.set(node, name);
  src.open(`class ${name} {`);
  src.open('constructor(dv, by, o, len, b) {');
  src.line('this.$dv = dv; this.$by = by; this.$o = o; this.$len = len; this.$b = b;');
  src.close();
  if (tag !== undefined) src.line(`get ${tag[0]}() { return ${lit(tag[1])}; }`);
  for (const field of node.fields) {
    src.open(`get ${field.name}() {`);
    src.line('const dv = this.$dv, by = this.$by, o = this.$o, len = this.$len, b = this.$b;');
    const value = emitRead(src, ctx, field.node, 'b');
    src.line(`return ${value};`);
    src.close();
  }
  // What JSON.stringify and console.log show: the fields, not the buffer behind them.
  const shown = node.fields.map((field) => `${field.name}: this.${field.name}`);
  if (tag !== undefined) shown.unshift(`${tag[0]}: ${lit(tag[1])}`);
  src.line(`toJSON() { return { ${shown.join(', ')} }; }`);
  src.line('[INSPECT]() { return this.toJSON(); }');
  src.close();
  ctx.outOfLine.append(src);
  return name;
}

/**
 * A copy function for one element kind: a pooled typed array filled by a monomorphic DataView
 * loop (which also handles big-endian hosts); large arrays on little-endian hosts are copied
 * as bytes instead.
 */
function emitCopier(src: SourceWriter, kind: NumericKind): void {
  const info = ELEMENTS[kind];
  const k = info.bytes;
  src.open(`function copy_${kind}(dv, by, pos, n) {`);
  src.line(`const out = allocElements(EL_${kind}, n);`);
  const loop = `for (let i = 0; i < n; i++) out[i] = dv.${info.get}(pos${k === 1 ? ' + i' : ` + i * ${k}`}${k === 1 ? '' : ', true'});`;
  if (LITTLE_ENDIAN_HOST) {
    src.line(`if (n >= ${BULK_COPY_MIN}) fillFromBytes(out, by, pos);`);
    src.line(`else ${loop}`);
  } else {
    src.line(loop);
  }
  src.line('return out;');
  src.close();
}

function readContext(mode: Mode, outOfLine: SourceWriter): ReadContext {
  return {
    mode,
    where: mode === 'decode' ? WHERE_DECODE : WHERE_VIEW,
    outOfLine,
    views: new Map(),
    unions: new Map(),
    copiers: new Set(),
  };
}

/** The complete source of the factory body; exported for tests and debugging. */
export function generateCodecSource(plan: MessagePlan): string {
  const src = new SourceWriter();
  const out = src.fork();
  const rootSize = plan.kind === 'struct' ? plan.size : 0;

  // sizeOf
  src.open('function sizeOf(v) {');
  if (plan.kind === 'struct') {
    if (plan.variable) {
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
  src.line('const lim = end === undefined || end > dv.byteLength ? dv.byteLength : end;');
  src.line(`if (!(o >= 0)) throw badOffset(T, o);`);
  src.line(`if (o + ${rootSize} > lim) return -1;`);
  const bytes = usesBytes(plan);
  if (bytes) src.line('const by = encBytes.of(dv);');
  if (plan.kind === 'struct') {
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
    ...Object.values(ELEMENTS),
  );
}
