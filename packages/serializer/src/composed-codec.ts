/**
 * The composed back end: the same plan turned into a tree of small closures instead of source
 * text. It needs no `new Function`, so it works under `--disallow-code-generation-from-strings`
 * or a CSP, and it doubles as an independent implementation the tests compare the generated
 * back end against byte for byte. It is slower: every field is an indirect call and decoded
 * objects are built key by key.
 */
import { BytesCache } from './bytes-cache.js';
import { type CodecFunctions, WHERE_DECODE, WHERE_VIEW } from './codec-functions.js';
import { type Reader, structReader, structViewReader, unionReader } from './composed-readers.js';
import {
  checkObject,
  type EncodeState,
  type Sizer,
  sizer,
  structWriter,
  unionBlockWriter,
  unionSizer,
  type Value,
} from './composed-writers.js';
import { truncated } from './decode-errors.js';
import { badOffset } from './encode-errors.js';
import type { MessagePlan } from './plan.js';

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
            checkObject(typeName, '', 'struct', value);
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
      const lim = end !== undefined && end <= dv.byteLength ? end : dv.byteLength;
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
