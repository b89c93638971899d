/**
 * Actors for the fault runs (cluster-faults.test.ts); every cluster thread loads this module.
 *
 * Counting rules: a `counter` or `flaky` actor counts every number it receives in state that
 * survives a restart (a function actor's closure); a `flaky` one counts the message it throws
 * on as `failed`. A `loader` counts every tell it makes, per target, whatever `tell` returned.
 * Each worker tallies its own dead letters by recipient id and reason from the moment it starts
 * (`setup`), and the `stats` kind answers with that tally.
 */
import { seededRandom } from '@zactor/testing';
import {
  type ActorBehavior,
  type ActorContext,
  type ActorSystem,
  type AnyActorRef,
  type DeadLetterReason,
  defineCluster,
  OneForOneStrategy,
} from '../../src/index.js';

/** Dead letters of one node, by reason and by recipient id. */
export interface DeadLetterTally {
  readonly byReason: Partial<Record<DeadLetterReason, number>>;
  readonly byRecipient: Map<number, number>;
}

/** Counts the dead letters of `system` from now on. */
export function tallyDeadLetters(system: ActorSystem): DeadLetterTally {
  const tally: DeadLetterTally = { byReason: {}, byRecipient: new Map() };
  system.events.subscribe(
    (event) => {
      tally.byReason[event.reason] = (tally.byReason[event.reason] ?? 0) + 1;
      const id = event.recipient.id;
      tally.byRecipient.set(id, (tally.byRecipient.get(id) ?? 0) + 1);
    },
    ['dead-letter'],
  );
  return tally;
}

/** What `stats` answers: a tally that can cross threads. */
export interface TallyReport {
  readonly byReason: Partial<Record<DeadLetterReason, number>>;
  readonly byRecipient: [number, number][];
}

let workerTally: DeadLetterTally | undefined;

/** Plain numbers are the load: the cheapest envelope (24 + 8 bytes). */
export type Load = number;

export interface FlakyArgs {
  readonly count: number;
  readonly failPerMille: number;
  readonly seed: number;
}

/** A restart never turns into a stop: the fault runs want failures, not lost actors. */
const lenient = new OneForOneStrategy({ maxRestarts: 1_000_000_000, withinMs: 1000 });

function flaky(seed: number, failPerMille: number) {
  const random = seededRandom(seed);
  let ok = 0;
  let failed = 0;
  return (message: Load | { report: true }, ctx: ActorContext<unknown>) => {
    if (typeof message !== 'number') {
      ctx.reply({ ok, failed });
      return;
    }
    if (random() * 1000 < failPerMille) {
      failed++;
      throw new Error('flaky (on purpose)');
    }
    ok++;
  };
}

export interface CounterArgs {
  /** Counts land here too (Int32Array over it, at `index`), so they outlive the worker. */
  readonly shared?: SharedArrayBuffer;
  readonly index?: number;
}

export interface LoadOrder {
  readonly go: AnyActorRef[];
  readonly count: number;
  readonly seed: number;
  /** Tells per turn before the loader yields to its mailbox (and so to the event loop). */
  readonly chunk: number;
  /** Pause between chunks (a timer), or 0 to go on at once (a tell to itself). */
  readonly pauseMs?: number;
}

export interface LoadReport {
  /** Tells made, per index of `go`. */
  readonly sent: number[];
  /** Tells that returned false (dead-lettered at once on the loader's node). */
  readonly refused: number;
  /** Tells that threw (the `fail` ring policy). */
  readonly thrown: number;
}

export default defineCluster({
  setup(node) {
    workerTally = tallyDeadLetters(node.system);
  },
  actors: {
    /**
     * `count` flaky actors under a lenient supervisor; answers any message with their refs.
     * (A kind spawned by the cluster is supervised by the worker's default strategy, which
     * stops an actor after 10 restarts in 10 s, so the lenient parent sits in between.)
     */
    flakyGroup: (args: FlakyArgs): ActorBehavior<unknown> => {
      const refs: AnyActorRef[] = [];
      return {
        preStart(ctx) {
          ctx.spawn(
            {
              preStart(inner) {
                for (let i = 0; i < args.count; i++) {
                  refs.push(inner.spawn(flaky(args.seed + i, args.failPerMille)));
                }
              },
              receive() {},
            },
            { supervisor: lenient },
          );
        },
        receive(_message, ctx) {
          ctx.reply(refs);
        },
      };
    },
    /** Counts numbers; answers `{ report: true }` with the count. */
    counter: (args: CounterArgs = {}) => {
      const shared = args.shared === undefined ? undefined : new Int32Array(args.shared);
      const index = args.index ?? 0;
      let count = 0;
      return (message: Load | { report: true }, ctx: ActorContext<unknown>) => {
        if (typeof message !== 'number') {
          ctx.reply(count);
          return;
        }
        count++;
        if (shared !== undefined) Atomics.add(shared, index, 1);
      };
    },
    /**
     * Told a LoadOrder, sends `count` numbers to targets picked at random (seeded), `chunk` per
     * turn, then answers the one who ordered with a LoadReport. With `stop` (spawn argument) it
     * also ends early once word 0 of it is non-zero.
     */
    loader: (args: { stop?: SharedArrayBuffer } = {}) => {
      // Shared memory goes in the spawn arguments (postMessage): inside a message to another
      // worker it would be encoded into the ring as bytes, a copy that nobody else writes.
      const stop = args.stop === undefined ? undefined : new Int32Array(args.stop);
      let order: LoadOrder | undefined;
      let replyTo: AnyActorRef | null = null;
      let random = Math.random;
      let sent: number[] = [];
      let done = 0;
      let refused = 0;
      let thrown = 0;
      return (message: LoadOrder | 'more', ctx: ActorContext<LoadOrder | 'more'>) => {
        if (message !== 'more') {
          order = message;
          replyTo = ctx.sender;
          random = seededRandom(message.seed);
          sent = message.go.map(() => 0);
          done = refused = thrown = 0;
        }
        const o = order!;
        const end = Math.min(o.count, done + o.chunk);
        for (; done < end; done++) {
          const i = Math.floor(random() * o.go.length);
          sent[i]!++;
          try {
            if (!o.go[i]!.tell(done)) refused++;
          } catch {
            thrown++;
          }
        }
        const stopped = stop !== undefined && Atomics.load(stop, 0) !== 0;
        if (done < o.count && !stopped) {
          if ((o.pauseMs ?? 0) > 0) ctx.timers.startSingleTimer('more', 'more', o.pauseMs!);
          else ctx.self.tell('more');
        } else replyTo?.tell({ sent, refused, thrown } satisfies LoadReport);
      };
    },
    /** Answers with this worker's dead-letter tally (counted since the worker started). */
    stats: () => (_message: unknown, ctx: ActorContext<unknown>) => {
      const t = workerTally;
      ctx.reply({
        byReason: t?.byReason ?? {},
        byRecipient: t === undefined ? [] : [...t.byRecipient],
      } satisfies TallyReport);
    },
    /**
     * Told 'spin', never returns (an endless loop: its worker's loop never turns again until the
     * thread is terminated), after setting word 0 of `flags` to 1. Told 'ignore', does nothing
     * (an ask of it waits). Anything else is answered with itself.
     */
    spinner:
      (args: { flags: SharedArrayBuffer }) => (message: unknown, ctx: ActorContext<unknown>) => {
        if (message === 'spin') {
          Atomics.store(new Int32Array(args.flags), 0, 1);
          for (;;) {}
        }
        if (message !== 'ignore') ctx.reply(message);
      },
    /**
     * Told `{ ask, message }`, asks `ask` that (60 s timeout) and answers with `{ reply }`, or
     * `{ code }` of the failure.
     */
    asker: () => (order: { ask: AnyActorRef; message: unknown }, ctx: ActorContext<unknown>) => {
      const replyTo = ctx.sender;
      order.ask.ask(order.message, { timeoutMs: 60_000 }).then(
        (reply) => replyTo?.tell({ reply }),
        (error: { code?: string }) => replyTo?.tell({ code: error.code }),
      );
    },
    /** Keeps the byte length of every Uint8Array it gets; answers anything else with them. */
    sink: () => {
      const sizes: number[] = [];
      return (message: unknown, ctx: ActorContext<unknown>) => {
        if (message instanceof Uint8Array) sizes.push(message.byteLength);
        else ctx.reply(sizes);
      };
    },
    /**
     * Told `{ turns, ms }`, keeps its worker busy: `turns` receives of `ms` of computing each
     * (a tell to itself between them), then answers with the turns done.
     */
    busy: () => {
      let left = 0;
      let done = 0;
      let ms = 0;
      let replyTo: AnyActorRef | null = null;
      return (message: { turns: number; ms: number } | 'more', ctx: ActorContext<unknown>) => {
        if (message !== 'more') {
          left = message.turns;
          ms = message.ms;
          done = 0;
          replyTo = ctx.sender;
        }
        const until = performance.now() + ms;
        while (performance.now() < until) {}
        done++;
        if (--left > 0) ctx.self.tell('more');
        else replyTo?.tell(done);
      };
    },
    /**
     * Told 'block', holds its whole worker (so nothing drains its inbound ring): sets word 0 of
     * `flags` to 1, then waits until word 1 is non-zero or `maxMs` has passed.
     */
    blocker:
      (args: { flags: SharedArrayBuffer; maxMs: number }) =>
      (message: 'block', _ctx: ActorContext<'block'>) => {
        if (message !== 'block') return;
        const flags = new Int32Array(args.flags);
        Atomics.store(flags, 0, 1);
        const deadline = performance.now() + args.maxMs;
        for (;;) {
          const left = deadline - performance.now();
          if (left <= 0 || Atomics.load(flags, 1) !== 0) return;
          Atomics.wait(flags, 1, 0, left);
        }
      },
  },
});
