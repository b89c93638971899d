/**
 * The composed back end: the same plan turned into a tree of small closures instead of source
 * text. It needs no `new Function`, so it works under `--disallow-code-generation-from-strings`
 * or a CSP, and it doubles as an independent implementation the tests compare the generated
 * back end against byte for byte. It is slower: every field is an indirect call and decoded
 * objects are built key by key.
 */
import { BytesCache } from './bytes-cache.js';
import { type CodecFunctions, WHERE_DECODE, WHERE_VIEW } from './codec-functions.js';
import { badValue, pastEnd, truncated } from './decode-errors.js';
import { aliasElements, copyBytes, copyElements, ELEMENTS, writeElements } from './elements.js';
import { badArrayLength, badOffset, badTag } from './encode-errors.js';
import { REF_HIGH_MAX } from './layout.js';
import type { MessagePlan, PlanNode, StructPlan, UnionPlan } from './plan.js';
import { readUtf8, utf8Length, writeUtf8 } from './utf8.js';

type Value = Record<string, unknown>;

/** Mutable cursor of one encode call. */
interface EncodeState {
  dv: DataView;
  by: Uint8Array;
  o: number;
  lim: number;
  p: number;
}

/** Writes `value` in the frame at absolute `base`; false when it does not fit. */
type Writer = (value: unknown, base: number, s: EncodeState) => boolean;
/** Adds the tail bytes of `value` to `p`. */
type Sizer = (value: unknown, p: number) => number;
/** Reads a value in the frame at absolute `base` of the body at `o` (length `len`). */
type Reader = (dv: DataView, by: Uint8Array, o: number, len: number, base: number) => unknown;

type ScalarNode = PlanNode & { kind: 'scalar' };

type DataViewSetter = (this: DataView, at: number, value: unknown, littleEndian: boolean) => void;
type DataViewGetter = (this: DataView, at: number, littleEndian: boolean) => unknown;

function scalarSetter(node: ScalarNode): (dv: DataView, at: number, value: unknown) => void {
  if (node.scalar === 'bool') return (dv, at, value) => dv.setUint8(at, value ? 1 : 0);
  const set = (DataView.prototype as unknown as Record<string, DataViewSetter>)[
    ELEMENTS[node.scalar].set
  ]!;
  return (dv, at, value) => set.call(dv, at, value, true);
}

function writer(typeName: string, node: PlanNode): Writer {
  const offset = node.offset;
  switch (node.kind) {
    case 'scalar': {
      const set = scalarSetter(node);
      return (value, base, s) => {
        set(s.dv, base + offset, value);
        return true;
      };
    }
    case 'ref':
      return (value, base, s) => {
        const r = value as number;
        s.dv.setUint32(base + offset, r >>> 0, true);
        s.dv.setUint32(base + offset + 4, (r / 4294967296) >>> 0, true);
        return true;
      };
    case 'utf8':
      return (value, base, s) => {
        const str = value as string;
        if (s.o + s.p + 3 * str.length > s.lim && s.o + s.p + utf8Length(str) > s.lim) return false;
        const written = writeUtf8(s.by, s.o + s.p, str);
        s.dv.setUint32(base + offset, s.p, true);
        s.dv.setUint32(base + offset + 4, written, true);
        s.p += written;
        return true;
      };
    case 'bytes':
      return (value, base, s) => {
        const bytes = value as Uint8Array;
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
      const path = node.path;
      return (value, base, s) => {
        const source = value as ArrayLike<number | bigint>;
        const n = source.length;
        if (fixed >= 0 && n !== fixed) throw badArrayLength(typeName, path, fixed, n);
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
      return (value, base, s) => fields(value as Value, base, s);
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

function structWriter(
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
function unionBlockWriter(
  typeName: string,
  node: UnionPlan,
): (value: Value, q: number, s: EncodeState) => boolean {
  const variants = new Map(
    node.variants.map((variant) => [
      variant.name,
      {
        index: variant.index,
        size: 1 + variant.body.size,
        body: structWriter(typeName, variant.body),
      },
    ]),
  );
  return (value, q, s) => {
    const variant = variants.get(value[node.tag] as string);
    if (variant === undefined) throw badTag(typeName, node.path, node.tag, value[node.tag]);
    if (s.o + q + variant.size > s.lim) return false;
    s.dv.setUint8(s.o + q, variant.index);
    s.p = q + variant.size;
    return variant.body(value, s.o + q + 1, s);
  };
}

function sizer(typeName: string, node: PlanNode): Sizer {
  switch (node.kind) {
    case 'scalar':
    case 'ref':
      return (_value, p) => p;
    case 'utf8':
      return (value, p) => p + utf8Length(value as string);
    case 'bytes':
      return (value, p) => p + (value as Uint8Array).length;
    case 'array':
    case 'vec': {
      const k = ELEMENTS[node.element].bytes;
      return (value, p) => ((p + k - 1) & -k) + (value as ArrayLike<unknown>).length * k;
    }
    case 'struct': {
      const fields = structSizer(typeName, node);
      return (value, p) => fields(value as Value, p);
    }
    case 'optional': {
      const inner = sizer(typeName, node.inner);
      return (value, p) => (value === undefined || value === null ? p : inner(value, p));
    }
    case 'union':
      return unionSizer(typeName, node);
  }
}

function structSizer(typeName: string, node: StructPlan): (value: Value, p: number) => number {
  const names = node.fields.map((field) => field.name);
  const sizers = node.fields.map((field) => sizer(typeName, field.node));
  return (value, p) => {
    for (let i = 0; i < sizers.length; i++) p = sizers[i]!(value[names[i]!], p);
    return p;
  };
}

function unionSizer(typeName: string, node: UnionPlan): Sizer {
  const variants = new Map(
    node.variants.map((variant) => [
      variant.name,
      { size: 1 + variant.body.size, body: structSizer(typeName, variant.body) },
    ]),
  );
  return (value, p) => {
    const v = value as Value;
    const variant = variants.get(v[node.tag] as string);
    if (variant === undefined) throw badTag(typeName, node.path, node.tag, v[node.tag]);
    return variant.body(v, p + variant.size);
  };
}

interface ReadContext {
  readonly typeName: string;
  readonly where: string;
  readonly view: boolean;
}

function reader(ctx: ReadContext, node: PlanNode): Reader {
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

function structReader(
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

function structViewReader(
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
function unionReader(
  ctx: ReadContext,
  node: UnionPlan,
): (dv: DataView, by: Uint8Array, o: number, len: number, uo: number, at: number) => unknown {
  const { typeName, where } = ctx;
  const variants = node.variants.map((variant) => ({
    size: 1 + variant.body.size,
    read: ctx.view
      ? structViewReader(ctx, variant.body, [node.tag, variant.name])
      : structReader(ctx, variant.body, [node.tag, variant.name]),
  }));
  return (dv, by, o, len, uo, at) => {
    if (uo + 1 > len) throw pastEnd(where, typeName, node.path, at, uo, 1, len);
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
    return variant.read(dv, by, o, len, o + uo + 1);
  };
}

/** Builds the codec functions from closures (see the file header). */
export function composeCodecFunctions(plan: MessagePlan, typeName: string): CodecFunctions {
  const rootSize = plan.kind === 'struct' ? plan.size : 0;
  const encBytes = new BytesCache();
  const decBytes = new BytesCache();
  const viewBytes = new BytesCache();

  const size: Sizer = plan.kind === 'struct' ? sizer(typeName, plan) : unionSizer(typeName, plan);
  const write =
    plan.kind === 'struct'
      ? (() => {
          const fields = structWriter(typeName, plan);
          return (value: Value, s: EncodeState) => {
            s.p = plan.size;
            return fields(value, s.o, s);
          };
        })()
      : (() => {
          const block = unionBlockWriter(typeName, plan);
          return (value: Value, s: EncodeState) => block(value, 0, s);
        })();

  const readFor = (view: boolean): Reader => {
    const ctx = { typeName, where: view ? WHERE_VIEW : WHERE_DECODE, view };
    if (plan.kind === 'struct') {
      return view ? structViewReader(ctx, plan, undefined) : structReader(ctx, plan, undefined);
    }
    const block = unionReader(ctx, plan);
    return (dv, by, o, len) => block(dv, by, o, len, 0, o);
  };
  const read = readFor(false);
  const readView = readFor(true);

  const entry = (
    where: string,
    cache: BytesCache,
    body: Reader,
  ): ((dv: DataView, o: number, end?: number) => unknown) => {
    return (dv, o, end) => {
      const lim = end === undefined ? dv.byteLength : end;
      if (!(o >= 0 && lim <= dv.byteLength && o + rootSize <= lim)) {
        throw truncated(where, typeName, '', o, rootSize, lim - o);
      }
      return body(dv, cache.of(dv), o, lim - o, o);
    };
  };

  return {
    sizeOf: (value) => (plan.kind === 'struct' ? size(value, plan.size) : size(value, 0)),
    encode(value, dv, o, end) {
      const lim = end === undefined || end > dv.byteLength ? dv.byteLength : end;
      if (!(o >= 0)) throw badOffset(typeName, o);
      if (o + rootSize > lim) return -1;
      // A fresh cursor per call keeps this re-entrant; this back end is not the fast path.
      const state: EncodeState = { dv, by: encBytes.of(dv), o, lim, p: 0 };
      return write(value as Value, state) ? state.p : -1;
    },
    decode: entry(WHERE_DECODE, decBytes, read),
    view: entry(WHERE_VIEW, viewBytes, readView),
  };
}
