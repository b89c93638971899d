/**
 * The soak cluster: the module every thread of the soak loads (ActorCluster's `module`).
 *
 * - `group`: a set of sinks under a lenient supervisor. Sinks count the load they receive and
 *   throw on a random few (a restart follows; the message thrown on is counted as failed). On
 *   a timer the group stops one sink and spawns a new one in its slot (churn): a stopped sink's
 *   counts move to the group's retired totals in its postStop, and load still addressed to it
 *   becomes dead letters ('stopped').
 * - `driver`: steady paced load. Every tick it tells `burst` load messages to sinks picked at
 *   random over every group (so same-worker and cross-worker), mixing numbers, registered
 *   `tick` structs and fallback `note` objects, and every few ticks asks an `echo`. It refreshes
 *   its sink list from the groups once a second, so some sends hit stopped sinks.
 * - `echo`: answers asks. `probe`: this worker's heap after GC and its dead-letter tally.
 */
import {
  type ActorBehavior,
  type ActorContext,
  type AnyActorRef,
  defineCluster,
  OneForOneStrategy,
} from '@zactor/actor-core';
import { t } from '@zactor/serializer';
import {
  BLOB_BYTES,
  heapAfterGc,
  type LoadDeadLetters,
  type LoadMessage,
  mulberry32,
  tallyLoadDeadLetters,
} from './load.js';

export interface GroupArgs {
  readonly sinks: number;
  readonly seed: number;
  /** Failures per million load messages. */
  readonly failPerMillion: number;
  /** Stop one sink and spawn a new one this often (0: never). */
  readonly churnEveryMs: number;
}

/** What a group reports: counts of every sink it ever had. */
export interface GroupReport {
  readonly ok: number;
  readonly failed: number;
  readonly churned: number;
}

export interface DriverArgs {
  readonly seed: number;
  readonly burst: number;
  readonly tickMs: number;
  /** One ask every this many ticks (0: none). */
  readonly askEvery: number;
}

export interface DriverReport {
  /** Load tells made (whatever they returned). */
  readonly sent: number;
  /** Tells that returned false (already a dead letter on the driver's node). */
  readonly refused: number;
  /** Tells that threw (e.g. the `fail` ring policy). */
  readonly thrown: number;
  readonly asks: number;
  readonly asksAnswered: number;
  readonly asksFailed: number;
}

export interface ProbeReport {
  readonly heapAfterGcBytes: number;
  readonly deadLetters: LoadDeadLetters;
}

type GroupMessage = 'refs' | 'churn' | 'finish' | 'report';
type DriverMessage =
  | { readonly start: { readonly groups: AnyActorRef[]; readonly echoes: AnyActorRef[] } }
  | { readonly sinks: AnyActorRef[] }
  | 'tick'
  | 'refresh'
  | 'finish';

/** Sinks may fail often over hours: a restart must never turn into a stop. */
const lenient = new OneForOneStrategy({ maxRestarts: 1_000_000_000, withinMs: 1000 });

let tally: LoadDeadLetters | undefined;

function group(args: GroupArgs): ActorBehavior<GroupMessage> {
  const random = mulberry32(args.seed);
  const slots: AnyActorRef[] = [];
  const retired = { ok: 0, failed: 0 };
  const live = new Set<{ ok: number; failed: number }>();
  let churned = 0;
  let parent: ActorContext<unknown> | undefined;

  const newSink = (): AnyActorRef => {
    const counts = { ok: 0, failed: 0 };
    live.add(counts);
    const sink: ActorBehavior<LoadMessage> = {
      receive() {
        if (random() * 1e6 < args.failPerMillion) {
          counts.failed++;
          throw new Error('soak: random failure (on purpose)');
        }
        counts.ok++;
      },
      postStop() {
        live.delete(counts);
        retired.ok += counts.ok;
        retired.failed += counts.failed;
      },
    };
    return parent!.spawn(sink);
  };

  return {
    preStart(ctx) {
      ctx.spawn(
        {
          preStart(inner) {
            parent = inner;
            for (let i = 0; i < args.sinks; i++) slots.push(newSink());
          },
          receive() {},
        },
        { supervisor: lenient },
      );
      if (args.churnEveryMs > 0) ctx.timers.startPeriodicTimer('churn', 'churn', args.churnEveryMs);
    },
    receive(message, ctx) {
      switch (message) {
        case 'refs':
          ctx.reply(slots.slice());
          return;
        case 'churn': {
          const i = Math.floor(random() * slots.length);
          ctx.stop(slots[i]!);
          slots[i] = newSink();
          churned++;
          return;
        }
        case 'finish':
          ctx.timers.cancel('churn');
          ctx.reply('finished');
          return;
        case 'report': {
          let ok = retired.ok;
          let failed = retired.failed;
          for (const c of live) {
            ok += c.ok;
            failed += c.failed;
          }
          ctx.reply({ ok, failed, churned } satisfies GroupReport);
          return;
        }
      }
    },
  };
}

function driver(args: DriverArgs) {
  const random = mulberry32(args.seed);
  const blob = new Uint8Array(BLOB_BYTES).fill(args.seed & 0xff);
  let groups: AnyActorRef[] = [];
  let echoes: AnyActorRef[] = [];
  let sinks: AnyActorRef[] = [];
  let n = 0;
  let ticks = 0;
  let sent = 0;
  let refused = 0;
  let thrown = 0;
  let asks = 0;
  let asksAnswered = 0;
  let asksFailed = 0;
  let pendingAsks = 0;
  let finishTo: AnyActorRef | null = null;

  const finishIfDone = (): void => {
    if (finishTo === null || pendingAsks !== 0) return;
    finishTo.tell({
      sent,
      refused,
      thrown,
      asks,
      asksAnswered,
      asksFailed,
    } satisfies DriverReport);
    finishTo = null;
  };

  const refresh = (ctx: ActorContext<DriverMessage>): void => {
    const self = ctx.self;
    Promise.all(groups.map((g) => ctx.system.ask<unknown, AnyActorRef[]>(g, 'refs'))).then(
      (lists) => self.tell({ sinks: lists.flat() }),
      () => {},
    );
  };

  return (message: DriverMessage, ctx: ActorContext<DriverMessage>): void => {
    if (message === 'tick') {
      if (sinks.length === 0) return;
      for (let i = 0; i < args.burst; i++) {
        const sink = sinks[Math.floor(random() * sinks.length)]!;
        const shape = random();
        const load: LoadMessage =
          shape < 0.6
            ? n
            : shape < 0.9
              ? { type: 'tick', n: n >>> 0 }
              : shape < 0.9995
                ? { kind: 'note', n, text: 'soak' }
                : { type: 'blob', n: n >>> 0, data: blob };
        n++;
        sent++;
        try {
          if (!sink.tell(load)) refused++;
        } catch {
          thrown++;
        }
      }
      if (args.askEvery > 0 && ++ticks % args.askEvery === 0 && echoes.length > 0) {
        const echo = echoes[Math.floor(random() * echoes.length)]!;
        asks++;
        pendingAsks++;
        ctx.system.ask(echo, { ask: n }, { timeoutMs: 10_000 }).then(
          () => {
            asksAnswered++;
            pendingAsks--;
            finishIfDone();
          },
          () => {
            asksFailed++;
            pendingAsks--;
            finishIfDone();
          },
        );
      }
    } else if (message === 'refresh') {
      refresh(ctx);
    } else if (message === 'finish') {
      ctx.timers.cancelAll();
      sinks = [];
      finishTo = ctx.sender;
      finishIfDone();
    } else if ('sinks' in message) {
      // A refresh that lands after 'finish' must not restart the load.
      if (finishTo === null && ctx.timers.isActive('tick')) sinks = message.sinks;
    } else {
      groups = message.start.groups;
      echoes = message.start.echoes;
      ctx.timers.startPeriodicTimer('tick', 'tick', args.tickMs);
      ctx.timers.startPeriodicTimer('refresh', 'refresh', 1000);
      refresh(ctx);
    }
  };
}

export default defineCluster({
  messages: { tick: t.struct({ n: t.u32 }), blob: t.struct({ n: t.u32, data: t.bytes }) },
  setup(node) {
    tally = tallyLoadDeadLetters(node.system);
  },
  actors: {
    group,
    driver,
    echo: () => (message: { ask: number }, ctx: ActorContext<unknown>) =>
      ctx.reply({ echo: message.ask }),
    probe: () => (message: 'sample' | 'deadLetters', ctx: ActorContext<unknown>) => {
      ctx.reply({
        heapAfterGcBytes: message === 'sample' ? heapAfterGc() : 0,
        deadLetters: tally ?? { byReason: {}, total: 0, other: 0 },
      } satisfies ProbeReport);
    },
  },
});
