import { deserialize, serialize } from 'node:v8';
import { Packr } from 'msgpackr';
import { BenchError } from '../../errors.js';
import { consume } from '../../harness/blackhole.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
} from '../../harness/scenario.js';
import {
  type Medium,
  medium,
  mediumCodec,
  mediumForJson,
  type Small,
  small,
  smallCodec,
  smallForJson,
} from './messages.js';

/**
 * Encode-then-decode round trips of one message. Each implementation x message has its own loop
 * function, so no call site inside a timed loop sees more than one codec (a shared loop would be
 * polymorphic and slow everyone unequally). ZActor encodes into a preallocated DataView (that is
 * its API); the peers return fresh strings or Buffers (theirs).
 */

type RoundTripParams = { readonly messages: number };

const SIZE = 'encoded size';

function check(ok: boolean, what: string): void {
  if (!ok) throw new BenchError('serializer', 'BAD_ROUND_TRIP', `${what} did not round-trip`);
}

function timed(p: RoundTripParams, start: number, size: number, sum: number): RunResult {
  const seconds = (performance.now() - start) / 1000;
  consume(sum);
  return { operations: p.messages, seconds, extra: { [SIZE]: size } };
}

const view = new DataView(new ArrayBuffer(4096));

// --- small ------------------------------------------------------------------------------------

function zactorSmall(p: RoundTripParams): RunResult {
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    size = smallCodec.encode(small, view, 0);
    sum += smallCodec.decode(view, 0, size).id;
  }
  const r = timed(p, start, size, sum);
  check(sum === small.id * p.messages, 'ZActor codec');
  return r;
}

function zactorViewSmall(p: RoundTripParams): RunResult {
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    size = smallCodec.encode(small, view, 0);
    const v = smallCodec.view(view, 0, size);
    // A lazy view decodes on access: read every field, as a decoder would.
    sum += v.id + v.price + v.qty + v.side + (v.ts === small.ts ? 0 : 1);
  }
  const r = timed(p, start, size, sum);
  check(sum === (small.id + small.price + small.qty + small.side) * p.messages, 'ZActor view');
  return r;
}

function jsonSmall(p: RoundTripParams): RunResult {
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    const text = JSON.stringify(smallForJson);
    size = text.length;
    sum += (JSON.parse(text) as Small).id;
  }
  const r = timed(p, start, size, sum);
  check(sum === small.id * p.messages, 'JSON');
  return r;
}

function v8Small(p: RoundTripParams): RunResult {
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    const bytes = serialize(small);
    size = bytes.length;
    sum += (deserialize(bytes) as Small).id;
  }
  const r = timed(p, start, size, sum);
  check(sum === small.id * p.messages, 'v8.serialize');
  return r;
}

function msgpackrSmall(p: RoundTripParams): RunResult {
  const packr = new Packr({ useRecords: false });
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    const bytes = packr.pack(small);
    size = bytes.length;
    sum += (packr.unpack(bytes) as Small).id;
  }
  const r = timed(p, start, size, sum);
  check(sum === small.id * p.messages, 'msgpackr');
  return r;
}

function msgpackrRecordsSmall(p: RoundTripParams): RunResult {
  const packr = new Packr({ structures: [] });
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    const bytes = packr.pack(small);
    size = bytes.length;
    sum += (packr.unpack(bytes) as Small).id;
  }
  const r = timed(p, start, size, sum);
  check(sum === small.id * p.messages, 'msgpackr records');
  return r;
}

// --- medium -----------------------------------------------------------------------------------

function zactorMedium(p: RoundTripParams): RunResult {
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    size = mediumCodec.encode(medium, view, 0);
    sum += mediumCodec.decode(view, 0, size).prices.length;
  }
  const r = timed(p, start, size, sum);
  check(sum === 32 * p.messages, 'ZActor codec');
  return r;
}

function zactorViewMedium(p: RoundTripParams): RunResult {
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    size = mediumCodec.encode(medium, view, 0);
    const v = mediumCodec.view(view, 0, size);
    const prices = v.prices;
    let s = v.id + v.side + v.note.length + (v.ts === medium.ts ? 0 : 1);
    for (let k = 0; k < prices.length; k++) s += prices[k]!;
    sum += s;
  }
  const r = timed(p, start, size, sum);
  check(Number.isFinite(sum) && sum > 0, 'ZActor view');
  return r;
}

function jsonMedium(p: RoundTripParams): RunResult {
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    const text = JSON.stringify(mediumForJson);
    size = text.length;
    sum += (JSON.parse(text) as Medium).prices.length;
  }
  const r = timed(p, start, size, sum);
  check(sum === 32 * p.messages, 'JSON');
  return r;
}

function v8Medium(p: RoundTripParams): RunResult {
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    const bytes = serialize(medium);
    size = bytes.length;
    sum += (deserialize(bytes) as Medium).prices.length;
  }
  const r = timed(p, start, size, sum);
  check(sum === 32 * p.messages, 'v8.serialize');
  return r;
}

function msgpackrMedium(p: RoundTripParams): RunResult {
  const packr = new Packr({ useRecords: false });
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    const bytes = packr.pack(medium);
    size = bytes.length;
    sum += (packr.unpack(bytes) as Medium).prices.length;
  }
  const r = timed(p, start, size, sum);
  check(sum === 32 * p.messages, 'msgpackr');
  return r;
}

function msgpackrRecordsMedium(p: RoundTripParams): RunResult {
  const packr = new Packr({ structures: [] });
  let sum = 0;
  let size = 0;
  const start = performance.now();
  for (let i = 0; i < p.messages; i++) {
    const bytes = packr.pack(medium);
    size = bytes.length;
    sum += (packr.unpack(bytes) as Medium).prices.length;
  }
  const r = timed(p, start, size, sum);
  check(sum === 32 * p.messages, 'msgpackr records');
  return r;
}

// --- scenarios --------------------------------------------------------------------------------

function impl(
  name: string,
  role: Implementation['role'],
  run: (p: RoundTripParams) => RunResult,
): Implementation<RoundTripParams> {
  return { name, role, run };
}

const RULE =
  'one operation = one message encoded and decoded back with every field read (ZActor: into a reused DataView; lazy view: fields read from the bytes); encoded size in bytes alongside';

export const smallRoundTrip: Scenario = defineScenario<RoundTripParams>({
  suite: 'serializer',
  name: 'small message round trip',
  countingRule: `${RULE}; message {id u32, price f64, qty f64, side u8, ts i64}`,
  kind: 'throughput',
  unit: 'msg/s',
  sizes: { tiny: { messages: 1_000 }, quick: { messages: 20_000 }, full: { messages: 20_000 } },
  scaleKey: 'messages',
  extraMetrics: [{ metric: SIZE, unit: 'B', better: 'lower' }],
  operations: (p) => p.messages,
  implementations: () => [
    impl('ZActor codec', 'zactor', zactorSmall),
    impl('ZActor lazy view', 'zactor', zactorViewSmall),
    impl('JSON', 'peer', jsonSmall),
    impl('v8.serialize', 'peer', v8Small),
    impl('msgpackr', 'peer', msgpackrSmall),
    impl('msgpackr records', 'peer', msgpackrRecordsSmall),
  ],
});

export const mediumRoundTrip: Scenario = defineScenario<RoundTripParams>({
  suite: 'serializer',
  name: 'medium message round trip',
  countingRule: `${RULE}; message {id u32, note utf8 (200 chars), prices f64[32], side u8, ts i64}`,
  kind: 'throughput',
  unit: 'msg/s',
  sizes: { tiny: { messages: 500 }, quick: { messages: 5_000 }, full: { messages: 5_000 } },
  scaleKey: 'messages',
  extraMetrics: [{ metric: SIZE, unit: 'B', better: 'lower' }],
  operations: (p) => p.messages,
  implementations: () => [
    impl('ZActor codec', 'zactor', zactorMedium),
    impl('ZActor lazy view', 'zactor', zactorViewMedium),
    impl('JSON', 'peer', jsonMedium),
    impl('v8.serialize', 'peer', v8Medium),
    impl('msgpackr', 'peer', msgpackrMedium),
    impl('msgpackr records', 'peer', msgpackrRecordsMedium),
  ],
});
