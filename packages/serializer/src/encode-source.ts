/**
 * Source emitters for the generated back end's sizeOf and encode (see generated-codec.ts):
 * each plan node becomes straight-line DataView writes at constant offsets, with a room
 * check before every write into the tail, and a check of the value before it is written
 * (value-checks.ts): one typeof per field, and an error message built only when it fails.
 */
import { BULK_COPY_MIN, ELEMENTS, isWide, LITTLE_ENDIAN_HOST, scalarSetter } from './elements.js';
import { UNION_TAG_BYTES } from './layout.js';
import type { PlanNode, UnionPlan } from './plan.js';
import type { NumericKind } from './schema.js';
import { addr, lit, type SourceWriter } from './source-writer.js';
import { refCheckSource, scalarCheckSource } from './value-checks.js';

/** Emits a throw unless `x` (a local) is an object: a struct or a union value. */
function emitObjectCheck(src: SourceWriter, x: string, path: string, what: string): void {
  src.line(
    `if (typeof ${x} !== 'object' || ${x} === null) throw unencodable(T, ${lit(path)}, ${lit(what)}, ${x});`,
  );
}

/**
 * Emits `const n = a.length` after checking that `a` (a local) is array-like: an object whose
 * length is an element count. Elements are checked as they are written.
 */
function emitArrayLike(
  src: SourceWriter,
  node: { readonly path: string; readonly element: NumericKind },
  a: string,
  n: string,
): void {
  const fail = `throw unencodable(T, ${lit(node.path)}, ${lit(`${node.element}[]`)}, ${a})`;
  src.line(`if (typeof ${a} !== 'object' || ${a} === null) ${fail};`);
  src.line(`const ${n} = ${a}.length;`);
  src.line(`if (typeof ${n} !== 'number' || ${n} >>> 0 !== ${n}) ${fail};`);
}

/** Emits code that writes `value` (an expression) for `node` in the frame at `base`. */
export function emitEncode(src: SourceWriter, node: PlanNode, value: string, base: string): void {
  const at = addr(base, node.offset);
  switch (node.kind) {
    case 'scalar': {
      const x = src.name('x');
      src.line(`const ${x} = ${value};`);
      src.line(
        `if (!(${scalarCheckSource(node.scalar, x)})) throw unencodable(T, ${lit(node.path)}, ${lit(node.scalar)}, ${x});`,
      );
      if (node.scalar === 'bool') src.line(`dv.setUint8(${at}, ${x} ? 1 : 0);`);
      else
        src.line(
          `dv.${scalarSetter(node.scalar)}(${at}, ${x}${isWide(node.scalar) ? ', true' : ''});`,
        );
      return;
    }
    case 'ref': {
      const x = src.name('x');
      const r = src.name('r');
      src.line(`const ${x} = ${value};`);
      // An object with a numeric id (an ActorRef) is written as that id.
      src.line(`const ${r} = typeof ${x} === 'number' ? ${x} : refObjectId(${x});`);
      src.line(
        `if (!(${refCheckSource(r)})) throw unencodable(T, ${lit(node.path)}, 'ref', ${x});`,
      );
      src.line(`dv.setUint32(${at}, ${r} >>> 0, true);`);
      src.line(`dv.setUint32(${addr(base, node.offset + 4)}, (${r} / 4294967296) >>> 0, true);`);
      return;
    }
    case 'utf8': {
      const s = src.name('s');
      const w = src.name('w');
      src.line(`const ${s} = ${value};`);
      src.line(
        `if (typeof ${s} !== 'string') throw unencodable(T, ${lit(node.path)}, 'utf8', ${s});`,
      );
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
      src.line(
        `if (!(${a} instanceof Uint8Array)) throw unencodable(T, ${lit(node.path)}, 'bytes', ${a});`,
      );
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
      const e = src.name('e');
      src.line(`const ${a} = ${value};`);
      emitArrayLike(src, node, a, n);
      if (node.kind === 'array') {
        src.line(
          `if (${n} !== ${node.length}) throw badArrayLength(T, ${lit(node.path)}, ${node.length}, ${a});`,
        );
      }
      src.line(`const ${q} = ${k === 1 ? 'p' : `(p + ${k - 1}) & -${k}`};`);
      src.line(`if (o + ${q} + ${n}${k === 1 ? '' : ` * ${k}`} > lim) return -1;`);
      if (k > 1) src.line(`while (p < ${q}) by[o + p++] = 0;`);
      const atElement = `o + ${q} + i${k === 1 ? '' : ` * ${k}`}`;
      const le = k === 1 ? '' : ', true';
      // The schema's own typed array needs no element checks (and may be copied as bytes).
      src.open(`if (${a} instanceof ${info.ctor.name}) {`);
      const loop = `for (let i = 0; i < ${n}; i++) dv.${info.set}(${atElement}, ${a}[i]${le});`;
      if (LITTLE_ENDIAN_HOST) {
        src.line(
          `if (${n} >= ${BULK_COPY_MIN}) by.set(new Uint8Array(${a}.buffer, ${a}.byteOffset, ${n}${k === 1 ? '' : ` * ${k}`}), o + ${q});`,
        );
        src.line(`else ${loop}`);
      } else {
        src.line(loop);
      }
      src.close();
      src.open('else {');
      src.open(`for (let i = 0; i < ${n}; i++) {`);
      src.line(`const ${e} = ${a}[i];`);
      src.line(
        `if (!(${scalarCheckSource(node.element, e)})) throw badElement(T, ${lit(node.path)}, i, ${lit(node.element)}, ${e});`,
      );
      src.line(`dv.${info.set}(${atElement}, ${e}${le});`);
      src.close();
      src.close();
      src.line(`dv.setUint32(${at}, ${q}, true);`);
      if (node.kind === 'vec')
        src.line(`dv.setUint32(${addr(base, node.offset + 4)}, ${n}, true);`);
      src.line(`p = ${q} + ${n}${k === 1 ? '' : ` * ${k}`};`);
      return;
    }
    case 'struct': {
      const x = src.name('x');
      src.line(`const ${x} = ${value};`);
      emitObjectCheck(src, x, node.path, 'struct');
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
export function emitUnionBlockEncode(
  src: SourceWriter,
  node: UnionPlan,
  x: string,
  q: string,
): void {
  emitObjectCheck(src, x, node.path, 'union');
  src.open(`switch (${x}.${node.tag}) {`);
  for (const variant of node.variants) {
    const b = src.name('b');
    const size = variant.blockSize;
    src.open(`case ${lit(variant.name)}: {`);
    src.line(`if (o + ${q} + ${size} > lim) return -1;`);
    src.line(`dv.setUint8(o + ${q}, ${variant.index});`);
    src.line(`p = ${q} + ${size};`);
    src.line(`const ${b} = o + ${q} + ${UNION_TAG_BYTES};`);
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
export function emitSize(src: SourceWriter, node: PlanNode, value: string): void {
  switch (node.kind) {
    case 'scalar':
    case 'ref':
      return;
    case 'utf8': {
      const s = src.name('s');
      src.line(`const ${s} = ${value};`);
      src.line(
        `if (typeof ${s} !== 'string') throw unencodable(T, ${lit(node.path)}, 'utf8', ${s});`,
      );
      src.line(`p += utf8Length(${s});`);
      return;
    }
    case 'bytes': {
      const a = src.name('a');
      src.line(`const ${a} = ${value};`);
      src.line(
        `if (!(${a} instanceof Uint8Array)) throw unencodable(T, ${lit(node.path)}, 'bytes', ${a});`,
      );
      src.line(`p += ${a}.length;`);
      return;
    }
    case 'array':
    case 'vec': {
      const k = ELEMENTS[node.element].bytes;
      let count = String(node.kind === 'array' ? node.length : 0);
      if (node.kind === 'vec') {
        const a = src.name('a');
        count = src.name('n');
        src.line(`const ${a} = ${value};`);
        emitArrayLike(src, node, a, count);
      }
      src.line(k === 1 ? `p += ${count};` : `p = ((p + ${k - 1}) & -${k}) + ${count} * ${k};`);
      return;
    }
    case 'struct': {
      if (!node.variable) return;
      const x = src.name('x');
      src.line(`const ${x} = ${value};`);
      emitObjectCheck(src, x, node.path, 'struct');
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

export function emitUnionSize(src: SourceWriter, node: UnionPlan, x: string): void {
  emitObjectCheck(src, x, node.path, 'union');
  src.open(`switch (${x}.${node.tag}) {`);
  for (const variant of node.variants) {
    src.open(`case ${lit(variant.name)}: {`);
    src.line(`p += ${variant.blockSize};`);
    for (const field of variant.body.fields) emitSize(src, field.node, `${x}.${field.name}`);
    src.line('break;');
    src.close();
  }
  src.line(`default: throw badTag(T, ${lit(node.path)}, ${lit(node.tag)}, ${x}.${node.tag});`);
  src.close();
}
