/**
 * The actor kinds of the cross-worker scenarios (suites/actors/cluster.ts). Every cluster
 * thread loads this module: pool workers through the scheduler, the main thread through
 * ActorCluster.start. Messages on the hot paths are plain numbers (they cross as a bare f64);
 * set-up messages carry refs through the fallback codec.
 */
import { type ActorContext, type AnyActorRef, defineCluster } from '@zactor/actor-core';
import { t } from '@zactor/serializer';

const PING = 0;
const PONG = 1;

type Setup = { readonly partner: AnyActorRef; readonly reportTo: AnyActorRef };

/** A large message: a registered schema, so it is encoded straight into a shared block. */
type Blob = { readonly type: 'blob'; readonly seq: number; readonly data: Uint8Array };

export default defineCluster({
  messages: { blob: t.struct({ seq: t.u32, data: t.bytes }) },
  actors: {
    /** Answers each ping to the client it was introduced to; counts the pings it got. */
    echo: () => {
      let client: AnyActorRef | null = null;
      let pings = 0;
      return (message: number | Setup | 'count', ctx: ActorContext<unknown>) => {
        if (typeof message === 'number') {
          pings++;
          client!.tell(PONG);
        } else if (message === 'count') ctx.reply(pings);
        else client = message.partner;
      };
    },
    /** Keeps `inFlight` pings out until it has sent `perPair`, then reports its pong count. */
    client: (p: { perPair: number; inFlight: number }) => {
      let echo: AnyActorRef | null = null;
      let reportTo: AnyActorRef | null = null;
      let sent = 0;
      let received = 0;
      return (message: number | Setup) => {
        if (typeof message === 'number') {
          received++;
          if (sent < p.perPair) {
            sent++;
            echo!.tell(PING);
          } else if (received === p.perPair) reportTo!.tell(received);
          return;
        }
        echo = message.partner;
        reportTo = message.reportTo;
        for (; sent < p.inFlight && sent < p.perPair; sent++) echo.tell(PING);
      };
    },
    /**
     * Round trips to its partner, one at a time, paced: the next ping leaves `intervalNs` after
     * the previous one (at once when the pong came later). RTTs go to the shared `out` array.
     */
    pacedPinger: (p: {
      samples: number;
      warmup: number;
      intervalNs: number;
      out: SharedArrayBuffer;
    }) => {
      const out = new Float64Array(p.out);
      let echo: AnyActorRef | null = null;
      let reportTo: AnyActorRef | null = null;
      let sentAt = 0;
      let n = 0;
      return (message: number | Setup, ctx: ActorContext<unknown>) => {
        if (typeof message !== 'number') {
          echo = message.partner;
          reportTo = message.reportTo;
          sentAt = performance.now();
          echo.tell(PING, ctx.self);
          return;
        }
        const now = performance.now();
        if (n >= p.warmup) out[n - p.warmup] = (now - sentAt) * 1e6;
        n++;
        if (n === p.samples + p.warmup) {
          reportTo!.tell(p.samples);
          return;
        }
        const next = sentAt + p.intervalNs / 1e6;
        let t = now;
        while (t < next) t = performance.now();
        sentAt = t;
        echo!.tell(PING, ctx.self);
      };
    },
    /** Its worker's event-loop utilisation between 'start' and 'stop' (replied to 'stop'). */
    eluProbe: () => {
      let since = performance.eventLoopUtilization();
      return (message: 'start' | 'stop', ctx: ActorContext<string>) => {
        if (message === 'start') {
          since = performance.eventLoopUtilization();
          ctx.reply(0);
        } else ctx.reply(performance.eventLoopUtilization(since).utilization);
      };
    },
    /** Replies to the sender of each number (the paced pinger's partner). */
    replier: () => (_message: number, ctx: ActorContext<number>) => ctx.reply(PONG),
    /**
     * Runs `pairs` ping-pong pairs inside its own worker and reports the deliveries; asked
     * 'rate' afterwards, replies its own msg/s, timed on this worker from 'go' to the last
     * delivery (the main thread's clock would add the report's trip and its own scheduling).
     */
    localPairs: (p: { pairs: number; inFlight: number; perPair: number }) => {
      let rate = 0;
      return (message: 'go' | 'rate', ctx: ActorContext<unknown>) => {
        if (message === 'rate') {
          ctx.reply(rate);
          return;
        }
        const reportTo = ctx.sender!;
        const start = performance.now();
        let delivered = 0;
        let finished = 0;
        for (let i = 0; i < p.pairs; i++) {
          let sent = 0;
          let received = 0;
          let echo: AnyActorRef | null = null;
          const client = ctx.spawn<number | AnyActorRef>((m) => {
            if (typeof m !== 'number') {
              echo = m;
              for (; sent < p.inFlight; sent++) echo.tell(PING);
              return;
            }
            delivered++;
            received++;
            if (sent < p.perPair) {
              sent++;
              echo!.tell(PING);
            } else if (received === p.perPair && ++finished === p.pairs) {
              rate = delivered / ((performance.now() - start) / 1000);
              reportTo.tell(delivered);
            }
          });
          const e = ctx.spawn<number>(() => {
            delivered++;
            client.tell(PONG);
          });
          client.tell(e);
        }
      };
    },
    /** Counts numbers; once it has `expect`, tells the count to whoever introduced itself. */
    tally: (p: { expect: number }) => {
      let count = 0;
      let reportTo: AnyActorRef | null = null;
      return (message: number | { reportTo: AnyActorRef }) => {
        if (typeof message !== 'number') {
          reportTo = message.reportTo;
          return;
        }
        if (++count === p.expect) reportTo!.tell(count);
      };
    },
    /**
     * A fan-out target: counts what it gets, checking each round's number comes in order, and
     * tells its (local) `sum` how many it got once it has all `rounds` (a round out of order
     * before that is reported as -1, which the sum passes on as the run's count).
     */
    target: (p: { tally: number; rounds: number }) => {
      const { tally, rounds } = p;
      let seen = 0;
      return (round: number, ctx: ActorContext<number>) => {
        if (round !== seen) {
          ctx.system.resolve(tally)!.tell(-1);
          return;
        }
        if (++seen === rounds) ctx.system.resolve(tally)!.tell(seen);
      };
    },
    /** Adds the numbers it gets; once the sum is `expect`, tells it to whoever introduced itself. */
    sum: (p: { expect: number }) => {
      let total = 0;
      let reportTo: AnyActorRef | null = null;
      return (message: number | { reportTo: AnyActorRef }) => {
        if (typeof message !== 'number') {
          reportTo = message.reportTo;
          return;
        }
        if (message < 0) reportTo!.tell(message);
        else if ((total += message) === p.expect) reportTo!.tell(total);
      };
    },
    /** Tells every id in `ids` one number, `rounds` times, when told 'go'. */
    broadcaster: (p: { ids: SharedArrayBuffer; rounds: number }) => {
      const ids = new Float64Array(p.ids);
      return (_go: string, ctx: ActorContext<string>) => {
        const refs = Array.from(ids, (id) => ctx.system.resolve(id)!);
        for (let r = 0; r < p.rounds; r++) for (const ref of refs) ref.tell(r);
      };
    },
    /** A fan-in source: sends `count` numbers to `sink` when told 'go'. */
    source: (p: { sink: number; count: number }) => (_go: string, ctx: ActorContext<string>) => {
      const sink = ctx.system.resolve(p.sink)!;
      for (let i = 0; i < p.count; i++) sink.tell(i);
    },
    /**
     * Streams `count` blobs of `bytes` bytes to `to` with at most `window` unacknowledged, then
     * reports to `reportTo` the bytes the sink acknowledged.
     */
    blobSource: (p: { count: number; bytes: number; window: number }) => {
      const data = new Uint8Array(p.bytes).fill(7);
      let to: AnyActorRef | null = null;
      let reportTo: AnyActorRef | null = null;
      let sent = 0;
      let acked = 0;
      let bytes = 0;
      return (message: number | Setup, ctx: ActorContext<unknown>) => {
        if (typeof message !== 'number') {
          to = message.partner;
          reportTo = message.reportTo;
          for (; sent < Math.min(p.window, p.count); sent++)
            to.tell({ type: 'blob', seq: sent, data } satisfies Blob, ctx.self);
          return;
        }
        bytes += message;
        if (++acked === p.count) reportTo!.tell(bytes);
        else if (sent < p.count)
          to!.tell({ type: 'blob', seq: sent++, data } satisfies Blob, ctx.self);
      };
    },
    /** Acknowledges each blob to its sender with the bytes it carried (checks the order). */
    blobSink: () => {
      let next = 0;
      return (message: Blob, ctx: ActorContext<Blob>) => {
        if (message.seq !== next++) throw new Error(`blob ${message.seq} out of order`);
        ctx.reply(message.data.byteLength);
      };
    },
    /** Tells 'go' to every id in `ids` (local sources), when told 'go'. */
    trigger: (p: { ids: SharedArrayBuffer }) => (_go: string, ctx: ActorContext<string>) => {
      for (const id of new Float64Array(p.ids)) ctx.system.resolve(id)!.tell('go');
    },
  },
});
