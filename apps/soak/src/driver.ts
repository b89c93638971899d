/**
 * The soak's `driver`: steady paced load. Every tick it tells `burst` load messages to sinks
 * picked at random over every group (so same-worker and cross-worker), mixing numbers,
 * registered `tick` structs and fallback `note` objects (1 in 2,000 a large `blob`), and every
 * few ticks asks an `echo`. It refreshes its sink list from the groups once a second, so some
 * sends hit stopped sinks. In fault mode a share of the load goes to the victims of the hung
 * worker (victims.ts), counted apart, whose list the main thread replaces after each restart.
 */
import type { ActorContext, AnyActorRef } from '@zactor/actor-core';
import { BLOB_BYTES, type LoadMessage, mulberry32 } from './load.js';

export interface DriverArgs {
  readonly seed: number;
  readonly burst: number;
  readonly tickMs: number;
  /** One ask every this many ticks (0: none). */
  readonly askEvery: number;
  /** Fault mode: the share of load told to victims (see victims.ts) while there are some. */
  readonly victimShare?: number;
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
  /** Of `sent`, `refused` and `thrown`: those told to victims. */
  readonly victim: { readonly sent: number; readonly refused: number; readonly thrown: number };
}

type DriverMessage =
  | { readonly start: { readonly groups: AnyActorRef[]; readonly echoes: AnyActorRef[] } }
  | { readonly sinks: AnyActorRef[] }
  | { readonly victims: AnyActorRef[] }
  | 'tick'
  | 'refresh'
  | 'finish';

export function driver(args: DriverArgs) {
  const random = mulberry32(args.seed);
  const blob = new Uint8Array(BLOB_BYTES).fill(args.seed & 0xff);
  let groups: AnyActorRef[] = [];
  let echoes: AnyActorRef[] = [];
  let sinks: AnyActorRef[] = [];
  let victims: AnyActorRef[] = [];
  const victimShare = args.victimShare ?? 0;
  const victim = { sent: 0, refused: 0, thrown: 0 };
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
      victim,
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
        const toVictim = victims.length !== 0 && random() < victimShare;
        const sink = toVictim
          ? victims[Math.floor(random() * victims.length)]!
          : sinks[Math.floor(random() * sinks.length)]!;
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
        if (toVictim) victim.sent++;
        try {
          if (!sink.tell(load)) {
            refused++;
            if (toVictim) victim.refused++;
          }
        } catch {
          thrown++;
          if (toVictim) victim.thrown++;
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
      victims = [];
      finishTo = ctx.sender;
      finishIfDone();
    } else if ('victims' in message) {
      if (finishTo === null && ctx.timers.isActive('tick')) victims = message.victims;
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
