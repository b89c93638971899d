/**
 * Source emitters for the generated back end's decode and view (see generated-codec.ts):
 * reads at constant offsets, a bounds check before every tail read, unions as out-of-line
 * switch functions, and one class per struct for lazy views.
 */
import { WHERE_DECODE, WHERE_VIEW } from './codec-functions.js';
import { BULK_COPY_MIN, ELEMENTS, isWide, LITTLE_ENDIAN_HOST, scalarGetter } from './elements.js';
import { REF_HIGH_MAX, UNION_TAG_BYTES } from './layout.js';
import type { PlanNode, StructPlan, UnionPlan } from './plan.js';
import type { NumericKind } from './schema.js';
import { addr, lit, type SourceWriter } from './source-writer.js';

export type Mode = 'decode' | 'view';

/** Shared state of one decode/view generation: out-of-line functions and view classes. */
export interface ReadContext {
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
export function emitRead(
  src: SourceWriter,
  ctx: ReadContext,
  node: PlanNode,
  base: string,
): string {
  const at = addr(base, node.offset);
  const path = lit(node.path);
  const W = lit(ctx.where);
  switch (node.kind) {
    case 'scalar': {
      const read = `dv.${scalarGetter(node.scalar)}(${at}${isWide(node.scalar) ? ', true' : ''})`;
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
export function unionFunction(ctx: ReadContext, node: UnionPlan): string {
  const known = ctx.unions.get(node);
  if (known !== undefined) return known;
  const src = ctx.outOfLine.fork();
  const name = src.name(ctx.mode === 'decode' ? 'readUnion' : 'viewUnion');
  ctx.unions.set(node, name);
  const path = lit(node.path);
  const W = lit(ctx.where);
  src.open(`function ${name}(dv, by, o, len, uo, at) {`);
  src.line(
    `if (uo + ${UNION_TAG_BYTES} > len) throw pastEnd(${W}, T, ${path}, at, uo, ${UNION_TAG_BYTES}, len);`,
  );
  src.line('const tag = dv.getUint8(o + uo);');
  src.line(`const b = o + uo + ${UNION_TAG_BYTES};`);
  src.open('switch (tag) {');
  for (const variant of node.variants) {
    const size = variant.blockSize;
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
export function viewClass(
  ctx: ReadContext,
  node: StructPlan,
  tag: [string, string] | undefined,
): string {
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
export function emitCopier(src: SourceWriter, kind: NumericKind): void {
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

export function readContext(mode: Mode, outOfLine: SourceWriter): ReadContext {
  return {
    mode,
    where: mode === 'decode' ? WHERE_DECODE : WHERE_VIEW,
    outOfLine,
    views: new Map(),
    unions: new Map(),
    copiers: new Set(),
  };
}
