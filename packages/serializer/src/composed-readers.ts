/**
 * Decoding closures for the composed back end (see composed-codec.ts): one reader per plan
 * node, per-struct view classes whose getters call those readers, and union dispatch by an
 * array of variant readers.
 */
import { badValue, pastEnd } from './decode-errors.js';
import { aliasElements, copyBytes, copyElements, ELEMENTS } from './elements.js';
import { REF_HIGH_MAX, UNION_TAG_BYTES } from './layout.js';
import type { PlanNode, StructPlan, UnionPlan } from './plan.js';
import { readUtf8 } from './utf8.js';

type Value = Record<string, unknown>;
type DataViewGetter = (this: DataView, at: number, littleEndian: boolean) => unknown;

/** Reads a value in the frame at absolute `base` of the body at `o` (length `len`). */
export type Reader = (
  dv: DataView,
  by: Uint8Array,
  o: number,
  len: number,
  base: number,
) => unknown;

export interface ReadContext {
  readonly typeName: string;
  readonly where: string;
  readonly view: boolean;
}

export function reader(ctx: ReadContext, node: PlanNode): Reader {
  const { typeName, where } = ctx;
  const offset = node.offset;
  const path = node.path;
  switch (node.kind) {
    case 'scalar': {
      if (node.scalar === 'bool') {
        return (dv, _by, _o, _len, base) => {
          const byte = dv.getUint8(base + offset);
          if (byte > 1) {
            throw badValue(
              where,
              'INVALID_BOOL',
              typeName,
              path,
              base + offset,
              `bool byte ${byte} is not 0 or 1`,
            );
          }
          return byte === 1;
        };
      }
      const get = (DataView.prototype as unknown as Record<string, DataViewGetter>)[
        ELEMENTS[node.scalar].get
      ]!;
      return (dv, _by, _o, _len, base) => get.call(dv, base + offset, true);
    }
    case 'ref':
      return (dv, _by, _o, _len, base) => {
        const lo = dv.getUint32(base + offset, true);
        const hi = dv.getUint32(base + offset + 4, true);
        if (hi > REF_HIGH_MAX) {
          throw badValue(
            where,
            'INVALID_REF',
            typeName,
            path,
            base + offset,
            `ref high word ${hi} exceeds 2^53`,
          );
        }
        return hi * 4294967296 + lo;
      };
    case 'utf8':
    case 'bytes': {
      const utf8 = node.kind === 'utf8';
      const alias = ctx.view;
      return (dv, by, o, len, base) => {
        const at = base + offset;
        const start = dv.getUint32(at, true);
        const n = dv.getUint32(at + 4, true);
        if (start + n > len) throw pastEnd(where, typeName, path, at, start, n, len);
        if (utf8) return readUtf8(by, o + start, n, where, typeName, path, at);
        return alias ? by.subarray(o + start, o + start + n) : copyBytes(by, o + start, n);
      };
    }
    case 'array':
    case 'vec': {
      const info = ELEMENTS[node.element];
      const fixed = node.kind === 'array' ? node.length : -1;
      const read = ctx.view ? aliasElements : copyElements;
      return (dv, by, o, len, base) => {
        const at = base + offset;
        const start = dv.getUint32(at, true);
        const n = fixed >= 0 ? fixed : dv.getUint32(at + 4, true);
        if (start + n * info.bytes > len) {
          throw pastEnd(where, typeName, path, at, start, n * info.bytes, len);
        }
        return read(info, dv, by, o + start, n);
      };
    }
    case 'struct':
      return ctx.view ? structViewReader(ctx, node, undefined) : structReader(ctx, node, undefined);
    case 'optional': {
      const inner = reader(ctx, node.inner);
      return (dv, by, o, len, base) => {
        const flag = dv.getUint8(base + offset);
        if (flag === 1) return inner(dv, by, o, len, base);
        if (flag !== 0) {
          throw badValue(
            where,
            'INVALID_PRESENCE',
            typeName,
            path,
            base + offset,
            `presence byte ${flag} is not 0 or 1`,
          );
        }
        return undefined;
      };
    }
    case 'union': {
      const block = unionReader(ctx, node);
      return (dv, by, o, len, base) =>
        block(dv, by, o, len, dv.getUint32(base + offset, true), base + offset);
    }
  }
}

export function structReader(
  ctx: ReadContext,
  node: StructPlan,
  tag: [string, string] | undefined,
): Reader {
  const names = node.fields.map((field) => field.name);
  const readers = node.fields.map((field) => reader(ctx, field.node));
  return (dv, by, o, len, base) => {
    const out: Value = {};
    if (tag !== undefined) out[tag[0]] = tag[1];
    for (let i = 0; i < readers.length; i++) out[names[i]!] = readers[i]!(dv, by, o, len, base);
    return out;
  };
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The state a composed view carries; getters on the per-struct prototype read through it. */
class ComposedView {
  /** Field names (tag first for a union variant), set on each per-struct subclass. */
  declare readonly $fields: readonly string[];
  readonly $dv: DataView;
  readonly $by: Uint8Array;
  readonly $o: number;
  readonly $len: number;
  readonly $b: number;

  constructor(dv: DataView, by: Uint8Array, o: number, len: number, b: number) {
    this.$dv = dv;
    this.$by = by;
    this.$o = o;
    this.$len = len;
    this.$b = b;
  }

  /** What JSON.stringify and console.log show: the fields, not the buffer behind them. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of this.$fields) out[name] = (this as unknown as Record<string, unknown>)[name];
    return out;
  }

  [INSPECT](): Record<string, unknown> {
    return this.toJSON();
  }
}

export function structViewReader(
  ctx: ReadContext,
  node: StructPlan,
  tag: [string, string] | undefined,
): Reader {
  const View = class extends ComposedView {};
  const fields = node.fields.map((field) => field.name);
  if (tag !== undefined) fields.unshift(tag[0]);
  Object.defineProperty(View.prototype, '$fields', { value: fields });
  if (tag !== undefined) {
    const value = tag[1];
    Object.defineProperty(View.prototype, tag[0], { get: () => value });
  }
  for (const field of node.fields) {
    const read = reader(ctx, field.node);
    Object.defineProperty(View.prototype, field.name, {
      get(this: ComposedView) {
        return read(this.$dv, this.$by, this.$o, this.$len, this.$b);
      },
    });
  }
  return (dv, by, o, len, base) => new View(dv, by, o, len, base);
}

/** Reads the union block at body offset `uo`; `at` is the slot (for error messages). */
export function unionReader(
  ctx: ReadContext,
  node: UnionPlan,
): (dv: DataView, by: Uint8Array, o: number, len: number, uo: number, at: number) => unknown {
  const { typeName, where } = ctx;
  const variants = node.variants.map((variant) => ({
    size: variant.blockSize,
    read: ctx.view
      ? structViewReader(ctx, variant.body, [node.tag, variant.name])
      : structReader(ctx, variant.body, [node.tag, variant.name]),
  }));
  return (dv, by, o, len, uo, at) => {
    if (uo + UNION_TAG_BYTES > len) {
      throw pastEnd(where, typeName, node.path, at, uo, UNION_TAG_BYTES, len);
    }
    const tag = dv.getUint8(o + uo);
    const variant = variants[tag];
    if (variant === undefined) {
      throw badValue(
        where,
        'UNKNOWN_TAG',
        typeName,
        node.path,
        o + uo,
        `variant index ${tag} is not below ${variants.length}`,
      );
    }
    if (uo + variant.size > len)
      throw pastEnd(where, typeName, node.path, at, uo, variant.size, len);
    return variant.read(dv, by, o, len, o + uo + UNION_TAG_BYTES);
  };
}
