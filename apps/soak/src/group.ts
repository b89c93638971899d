/**
 * The soak's `group`: a set of sinks under a lenient supervisor. Sinks count the load they
 * receive and throw on a random few (a restart follows; the message thrown on is counted as
 * failed). On a timer the group stops one sink and spawns a new one in its slot (churn): a
 * stopped sink's counts move to the group's retired totals in its postStop, and load still
 * addressed to it becomes dead letters ('stopped').
 *
 * Fault mode (`restartFailPerMillion` > 0): a sink's constructor throws on some restarts, so
 * the sink stops (`RESTART_FAILED`) with what it held dead-lettered; the group watches its
 * sinks and puts a new one in the slot of one that stopped that way. A sink whose restart failed
 * runs no `postStop`, so its counts stay with the live ones (they are summed all the same).
 */
import {
  Actor,
  type ActorBehavior,
  type ActorContext,
  type AnyActorRef,
  OneForOneStrategy,
  Terminated,
} from '@zactor/actor-core';
import { type LoadMessage, mulberry32 } from './load.js';

export interface GroupArgs {
  readonly sinks: number;
  readonly seed: number;
  /** Failures per million load messages. */
  readonly failPerMillion: number;
  /** Stop one sink and spawn a new one this often (0: never). */
  readonly churnEveryMs: number;
  /** Restarts per million whose constructor throws (fault mode; default 0). */
  readonly restartFailPerMillion?: number;
}

/** What a group reports: counts of every sink it ever had. */
export interface GroupReport {
  readonly ok: number;
  readonly failed: number;
  readonly churned: number;
  /** Sinks whose constructor threw on a restart (they stopped and were replaced). */
  readonly restartFailures: number;
}

export type GroupMessage = 'refs' | 'churn' | 'finish' | 'report' | Terminated;

/** Sinks may fail often over hours: a restart must never turn into a stop. */
const lenient = new OneForOneStrategy({ maxRestarts: 1_000_000_000, withinMs: 1000 });

interface Counts {
  ok: number;
  failed: number;
}

export function group(args: GroupArgs): ActorBehavior<GroupMessage> {
  const random = mulberry32(args.seed);
  const restartFail = args.restartFailPerMillion ?? 0;
  const slots: AnyActorRef[] = [];
  const retired = { ok: 0, failed: 0 };
  const live = new Set<Counts>();
  let churned = 0;
  let restartFailures = 0;
  let parent: ActorContext<unknown> | undefined;
  let self: ActorContext<GroupMessage> | undefined;

  const newSink = (): AnyActorRef => {
    const counts: Counts = { ok: 0, failed: 0 };
    live.add(counts);
    let built = 0;
    class Sink extends Actor<LoadMessage> {
      constructor() {
        super();
        if (built++ > 0 && restartFail > 0 && random() * 1e6 < restartFail) {
          restartFailures++;
          throw new Error('soak: constructor fails on restart (on purpose)');
        }
      }
      receive(): void {
        if (random() * 1e6 < args.failPerMillion) {
          counts.failed++;
          throw new Error('soak: random failure (on purpose)');
        }
        counts.ok++;
      }
      override postStop(): void {
        live.delete(counts);
        retired.ok += counts.ok;
        retired.failed += counts.failed;
      }
    }
    const ref = parent!.spawn(Sink);
    if (restartFail > 0) self?.watch(ref);
    return ref;
  };

  return {
    preStart(ctx) {
      self = ctx;
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
      if (message instanceof Terminated) {
        // A sink that stopped on its own (its restart failed) gets a successor in its slot;
        // one the group churned was replaced already.
        const i = slots.findIndex((s) => s.id === message.ref.id);
        if (i >= 0) slots[i] = newSink();
        return;
      }
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
          ctx.reply({ ok, failed, churned, restartFailures } satisfies GroupReport);
          return;
        }
      }
    },
  };
}
