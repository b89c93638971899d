/**
 * Actors for the large-message runs (cluster-large.test.ts); every cluster thread loads this
 * module. A `sink` logs what it receives as small summaries (kind, sequence, content hash) so
 * the test can check content and order without shipping the payloads back; a `streamer` sends
 * an interleaved stream of large and small messages to a ref when told; a `holder` blocks its
 * worker's thread on a shared flag, so the worker drains nothing until the test releases it.
 * Each worker tallies its dead letters by reason (and those whose message was large).
 */
import { t } from '@zactor/serializer';
import {
  type ActorContext,
  ActorRef,
  type AnyActorRef,
  clusterOf,
  type DeadLetterReason,
  defineCluster,
} from '../../src/index.js';

/** FNV-1a over bytes: the content check of a payload. */
export function hashBytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193) >>> 0;
  return h;
}

/** Deterministic payload bytes for `seq` (so sender and test agree without sharing them). */
export function payload(size: number, seq: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = (seq * 2654435761 + 1) >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** A 1 MiB registered-schema message: `t.bytes` travels as one tail copy. */
export interface Blob {
  readonly type: 'blob';
  readonly seq: number;
  readonly data: Uint8Array;
}

/** A ~200 KiB fallback (msgpackr) message with a ref inside. */
export interface Bulky {
  readonly seq: number;
  readonly rows: { readonly i: number; readonly label: string }[];
  readonly data: Uint8Array;
  readonly replyTo: AnyActorRef;
}

export function blob(seq: number, size = 1 << 20): Blob {
  return { type: 'blob', seq, data: payload(size, seq) };
}

export function bulky(seq: number, replyTo: AnyActorRef): Bulky {
  const rows: { i: number; label: string }[] = [];
  for (let i = 0; i < 2000; i++) rows.push({ i, label: `row ${seq}/${i}` });
  return { seq, rows, data: payload(160 * 1024, seq + 1_000_000), replyTo };
}

/** One received message, summarised: `number` for small numbers. */
export type Entry =
  | { readonly kind: 'blob'; readonly seq: number; readonly hash: number; readonly bytes: number }
  | {
      readonly kind: 'bulky';
      readonly seq: number;
      readonly hash: number;
      readonly rowsOk: boolean;
      readonly refId: number;
    }
  | { readonly kind: 'small'; readonly seq: number };

/** The interleaved stream `streamer` sends for `count`: blob, small, bulky, small, ... */
export function streamMessage(k: number, replyTo: AnyActorRef, blobSize: number): unknown {
  const seq = k >> 1;
  if ((k & 1) === 1) return seq;
  return (seq & 1) === 0 ? blob(seq, blobSize) : bulky(seq, replyTo);
}

let tally: Partial<Record<DeadLetterReason, number>> = {};
let largeDead = 0;

export interface HoldOrder {
  readonly hold: SharedArrayBuffer;
}

export default defineCluster({
  messages: {
    blob: t.struct({ seq: t.u32, data: t.bytes }),
  },
  setup(node) {
    tally = {};
    largeDead = 0;
    node.system.events.subscribe(
      (event) => {
        tally[event.reason] = (tally[event.reason] ?? 0) + 1;
        const m = event.message as { data?: unknown } | null;
        if (m !== null && typeof m === 'object' && m.data instanceof Uint8Array) largeDead++;
      },
      ['dead-letter'],
    );
  },
  actors: {
    sink: () => {
      const log: Entry[] = [];
      return (message: unknown, ctx: ActorContext<unknown>) => {
        if (typeof message === 'number') {
          log.push({ kind: 'small', seq: message });
          return;
        }
        const m = message as Partial<Blob & Bulky> & { report?: boolean };
        if (m.report === true) {
          ctx.reply(log.splice(0));
          return;
        }
        if (m.type === 'blob') {
          log.push({ kind: 'blob', seq: m.seq!, hash: hashBytes(m.data!), bytes: m.data!.length });
          return;
        }
        const rowsOk =
          Array.isArray(m.rows) &&
          m.rows.length === 2000 &&
          m.rows.every((r, i) => r.i === i && r.label === `row ${m.seq}/${i}`);
        log.push({
          kind: 'bulky',
          seq: m.seq!,
          hash: m.data instanceof Uint8Array ? hashBytes(m.data) : -1,
          rowsOk,
          refId: m.replyTo instanceof ActorRef ? m.replyTo.id : -1,
        });
      };
    },
    /** `{ to, count, blobSize }`: sends `count` stream messages to `to`, then replies their tell results. */
    streamer: () => async (message: unknown, ctx: ActorContext<unknown>) => {
      const m = message as { to: AnyActorRef; count: number; blobSize: number };
      let accepted = 0;
      let thrown = 0;
      for (let k = 0; k < m.count; k++) {
        try {
          if (m.to.tell(streamMessage(k, ctx.self, m.blobSize), ctx.self)) accepted++;
        } catch {
          thrown++;
        }
      }
      // What found no free block waits in this worker's heap: report once it is all sent.
      await clusterOf(ctx.system)?.drained();
      ctx.reply({ accepted, thrown });
    },
    /**
     * `{ to }`: tells `to` a 1 MiB blob whose `data` getter spins on its third read: the encoder
     * reads it to try the frame in the batch, to size it, then to encode it into the block it
     * has allocated, so the worker hangs holding an unpublished block (until the test kills it;
     * the test waits for that block, so a change in the reads fails it instead of passing).
     */
    stuckSender: () => (message: unknown) => {
      const bytes = payload(1 << 20, 0);
      let reads = 0;
      const stuck = {
        type: 'blob',
        seq: 0,
        get data(): Uint8Array {
          if (++reads >= 3) for (;;) {}
          return bytes;
        },
      };
      (message as { to: AnyActorRef }).to.tell(stuck);
    },
    /**
     * `{ to, other }`: like `stuckSender`, but the getter's third read (the encode into the
     * outer message's block) first tells `other`, on another node, a large blob (seq 1), then
     * spins: two sends nest, each holding a block. (A tell to `to` itself would wait for the
     * outer message: see nested-sends.ts.)
     */
    nestedSender: () => (message: unknown) => {
      const bytes = payload(1 << 20, 0);
      const { to, other } = message as { to: AnyActorRef; other: AnyActorRef };
      let reads = 0;
      const outer = {
        type: 'blob',
        seq: 0,
        get data(): Uint8Array {
          if (++reads >= 3) {
            other.tell(blob(1, 1 << 20));
            for (;;) {}
          }
          return bytes;
        },
      };
      to.tell(outer);
    },
    /**
     * `{ to, size }`: tells `to` a blob of `size` bytes whose `data` getter tells `to` the
     * number 7 on each read (a tell nested in the codec of a tell to the same worker).
     */
    getterTeller: () => (message: unknown) => {
      const { to, size } = message as { to: AnyActorRef; size: number };
      const bytes = payload(size, 0);
      const outer = {
        type: 'blob',
        seq: 0,
        get data(): Uint8Array {
          to.tell(7);
          return bytes;
        },
      };
      to.tell(outer);
    },
    /**
     * Told 'hold': blocks this worker's thread until the test stores 2 in the flag it spawned
     * the holder with (10 s at most). Asked `{ stats: true }`: the worker's dead-letter tally.
     */
    holder: (args: HoldOrder | undefined) => (message: unknown, ctx: ActorContext<unknown>) => {
      if (message === 'hold' && args !== undefined) {
        const flag = new Int32Array(args.hold);
        Atomics.store(flag, 0, 1);
        Atomics.wait(flag, 0, 1, 10_000);
        return;
      }
      ctx.reply({ tally, largeDead });
    },
  },
});
