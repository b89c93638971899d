/**
 * Encoding closures for the composed back end (see composed-codec.ts): one writer and one
 * sizer per plan node, each a small closure over its constant offset. Values are checked
 * before they are written, with the rules of value-checks.ts.
 */
import { ELEMENTS, type ElementInfo, writeElements } from './elements.js';
import { badArrayLength, badElement, badTag, unencodable } from './encode-errors.js';
import { UNION_TAG_BYTES } from './layout.js';
import type { PlanNode, StructPlan, UnionPlan } from './plan.js';
import type { NumericKind } from './schema.js';
import { utf8Length, writeUtf8 } from './utf8.js';
import { isCount, isRefId, refObjectId, SCALAR_CHECKS } from './value-checks.js';

export type Value = Record<string, unknown>;

/** Mutable cursor of one encode call. */
export interface EncodeState {
  dv: DataView;
  by: Uint8Array;
  o: number;
  lim: number;
  p: number;
}

/** Writes `value` in the frame at absolute `base`; false when it does not fit. */
export type Writer = (value: unknown, base: number, s: EncodeState) => boolean;
/** Adds the tail bytes of `value` to `p`. */
export type Sizer = (value: unknown, p: number) => number;

type ScalarNode = PlanNode & { kind: 'scalar' };

/** Throws unless `value` is a struct or union value (an object). */
export function checkObject(typeName: string, path: string, what: string, value: unknown): void {
  if (typeof value !== 'object' || value === null) throw unencodable(typeName, path, what, value);
}

/** The element count of an array-like `value`; throws for anything else. */
function countOf(typeName: string, path: string, element: NumericKind, value: unknown): number {
  const n = typeof value === 'object' && value !== null ? (value as ArrayLike<unknown>).length : -1;
  if (!isCount(n)) throw unencodable(typeName, path, `${element}[]`, value);
  return n;
}

/** Checks every element, unless `source` is the element's own typed array. */
function checkElements(
  typeName: string,
  path: string,
  element: NumericKind,
  info: ElementInfo,
  source: ArrayLike<unknown>,
  n: number,
): void {
  if (source instanceof info.ctor) return;
  const check = SCALAR_CHECKS[element];
  for (let i = 0; i < n; i++) {
    if (!check(source[i])) throw badElement(typeName, path, i, element, source[i]);
  }
}

type DataViewSetter = (this: DataView, at: number, value: unknown, littleEndian: boolean) => void;

function scalarSetter(node: ScalarNode): (dv: DataView, at: number, value: unknown) => void {
  if (node.scalar === 'bool') return (dv, at, value) => dv.setUint8(at, value ? 1 : 0);
  const set = (DataView.prototype as unknown as Record<string, DataViewSetter>)[
    ELEMENTS[node.scalar].set
  ]!;
  return (dv, at, value) => set.call(dv, at, value, true);
}

export function writer(typeName: string, node: PlanNode): Writer {
  const offset = node.offset;
  switch (node.kind) {
    case 'scalar': {
      const set = scalarSetter(node);
      const check = SCALAR_CHECKS[node.scalar];
      const { scalar, path } = node;
      return (value, base, s) => {
        if (!check(value)) throw unencodable(typeName, path, scalar, value);
        set(s.dv, base + offset, value);
        return true;
      };
    }
    case 'ref':
      return (value, base, s) => {
        const r = typeof value === 'number' ? value : refObjectId(value);
        if (!isRefId(r)) throw unencodable(typeName, node.path, 'ref', value);
        s.dv.setUint32(base + offset, r >>> 0, true);
        s.dv.setUint32(base + offset + 4, (r / 4294967296) >>> 0, true);
        return true;
      };
    case 'utf8':
      return (value, base, s) => {
        if (typeof value !== 'string') throw unencodable(typeName, node.path, 'utf8', value);
        const str = value;
        if (s.o + s.p + 3 * str.length > s.lim && s.o + s.p + utf8Length(str) > s.lim) return false;
        const written = writeUtf8(s.by, s.o + s.p, str);
        s.dv.setUint32(base + offset, s.p, true);
        s.dv.setUint32(base + offset + 4, written, true);
        s.p += written;
        return true;
      };
    case 'bytes':
      return (value, base, s) => {
        if (!(value instanceof Uint8Array)) throw unencodable(typeName, node.path, 'bytes', value);
        const bytes = value;
        if (s.o + s.p + bytes.length > s.lim) return false;
        s.by.set(bytes, s.o + s.p);
        s.dv.setUint32(base + offset, s.p, true);
        s.dv.setUint32(base + offset + 4, bytes.length, true);
        s.p += bytes.length;
        return true;
      };
    case 'array':
    case 'vec': {
      const info = ELEMENTS[node.element];
      const k = info.bytes;
      const fixed = node.kind === 'array' ? node.length : -1;
      const { path, element } = node;
      return (value, base, s) => {
        const n = countOf(typeName, path, element, value);
        const source = value as ArrayLike<number | bigint>;
        if (fixed >= 0 && n !== fixed) throw badArrayLength(typeName, path, fixed, value);
        checkElements(typeName, path, element, info, source, n);
        const q = (s.p + k - 1) & -k;
        if (s.o + q + n * k > s.lim) return false;
        s.by.fill(0, s.o + s.p, s.o + q);
        writeElements(info, s.dv, s.by, s.o + q, source, n);
        s.dv.setUint32(base + offset, q, true);
        if (fixed < 0) s.dv.setUint32(base + offset + 4, n, true);
        s.p = q + n * k;
        return true;
      };
    }
    case 'struct': {
      const fields = structWriter(typeName, node);
      return (value, base, s) => {
        checkObject(typeName, node.path, 'struct', value);
        return fields(value as Value, base, s);
      };
    }
    case 'optional': {
      const inner = writer(typeName, node.inner);
      const size = node.size;
      return (value, base, s) => {
        if (value === undefined || value === null) {
          s.dv.setUint8(base + offset, 0);
          s.by.fill(0, base + offset + 1, base + offset + size);
          return true;
        }
        s.dv.setUint8(base + offset, 1);
        return inner(value, base, s);
      };
    }
    case 'union': {
      const block = unionBlockWriter(typeName, node);
      return (value, base, s) => {
        s.dv.setUint32(base + offset, s.p, true);
        return block(value as Value, s.p, s);
      };
    }
  }
}

export function structWriter(
  typeName: string,
  node: StructPlan,
): (value: Value, base: number, s: EncodeState) => boolean {
  const names = node.fields.map((field) => field.name);
  const writers = node.fields.map((field) => writer(typeName, field.node));
  return (value, base, s) => {
    for (let i = 0; i < writers.length; i++) {
      if (!writers[i]!(value[names[i]!], base, s)) return false;
    }
    return true;
  };
}

/** Writes a union block (tag + variant fixed part + its tail) at body offset `q`. */
export function unionBlockWriter(
  typeName: string,
  node: UnionPlan,
): (value: Value, q: number, s: EncodeState) => boolean {
  const variants = new Map(
    node.variants.map((variant) => [
      variant.name,
      {
        index: variant.index,
        size: variant.blockSize,
        body: structWriter(typeName, variant.body),
      },
    ]),
  );
  return (value, q, s) => {
    checkObject(typeName, node.path, 'union', value);
    const variant = variants.get(value[node.tag] as string);
    if (variant === undefined) throw badTag(typeName, node.path, node.tag, value[node.tag]);
    if (s.o + q + variant.size > s.lim) return false;
    s.dv.setUint8(s.o + q, variant.index);
    s.p = q + variant.size;
    return variant.body(value, s.o + q + UNION_TAG_BYTES, s);
  };
}

export function sizer(typeName: string, node: PlanNode): Sizer {
  switch (node.kind) {
    case 'scalar':
    case 'ref':
      return (_value, p) => p;
    case 'utf8':
      return (value, p) => {
        if (typeof value !== 'string') throw unencodable(typeName, node.path, 'utf8', value);
        return p + utf8Length(value);
      };
    case 'bytes':
      return (value, p) => {
        if (!(value instanceof Uint8Array)) throw unencodable(typeName, node.path, 'bytes', value);
        return p + value.length;
      };
    case 'array':
    case 'vec': {
      const k = ELEMENTS[node.element].bytes;
      if (node.kind === 'array') {
        const length = node.length;
        return (_value, p) => ((p + k - 1) & -k) + length * k;
      }
      const { path, element } = node;
      return (value, p) => ((p + k - 1) & -k) + countOf(typeName, path, element, value) * k;
    }
    case 'struct': {
      if (!node.variable) return (_value, p) => p;
      const fields = structSizer(typeName, node);
      return (value, p) => {
        checkObject(typeName, node.path, 'struct', value);
        return fields(value as Value, p);
      };
    }
    case 'optional': {
      const inner = sizer(typeName, node.inner);
      return (value, p) => (value === undefined || value === null ? p : inner(value, p));
    }
    case 'union':
      return unionSizer(typeName, node);
  }
}

export function structSizer(
  typeName: string,
  node: StructPlan,
): (value: Value, p: number) => number {
  const names = node.fields.map((field) => field.name);
  const sizers = node.fields.map((field) => sizer(typeName, field.node));
  return (value, p) => {
    for (let i = 0; i < sizers.length; i++) p = sizers[i]!(value[names[i]!], p);
    return p;
  };
}

export function unionSizer(typeName: string, node: UnionPlan): Sizer {
  const variants = new Map(
    node.variants.map((variant) => [
      variant.name,
      { size: variant.blockSize, body: structSizer(typeName, variant.body) },
    ]),
  );
  return (value, p) => {
    checkObject(typeName, node.path, 'union', value);
    const v = value as Value;
    const variant = variants.get(v[node.tag] as string);
    if (variant === undefined) throw badTag(typeName, node.path, node.tag, v[node.tag]);
    return variant.body(v, p + variant.size);
  };
}
