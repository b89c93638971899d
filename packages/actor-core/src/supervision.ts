import type { AnyCell } from './actor-cell.js';
import type { AnyActorRef } from './actor-ref.js';
import type { AnyTarget } from './actor-target.js';
import type { Directive, RestartStats } from './supervisor-strategy.js';
import { SysKind } from './system-message.js';

/**
 * Role: a child as its parent's strategy sees it. `ActorCell` is a child on the parent's
 * thread; `RemoteChild` is one on another worker, whose directives travel as system envelopes.
 */
export interface SupervisedChild {
  readonly ref: AnyActorRef;
  /** False once it stops (or the parent asked it to): its failures are ignored. */
  readonly isRunning: boolean;
  /** Holds its user messages until a directive (an all-for-one sibling waiting for a restart). */
  suspend(): void;
  /** The restart window the parent's strategy keeps for it. */
  restartStats(): RestartStats;
  /** @internal Delivers a directive (resume, restart with the error, stop). */
  sendSystem(kind: SysKind, from: AnyTarget | null, error?: unknown): void;
}

/**
 * A parent's answer to a failed child (protoactor-go `actor/supervision.go`, Akka's
 * supervision): the strategy's decider picks a directive; one-for-one applies it to
 * the failed child, all-for-one to every child. A restart beyond the strategy's limit
 * becomes a stop; `escalate` fails the parent with the child's error (a guardian,
 * which has nobody above it, stops the child instead). A child on another worker is handled the
 * same way through its `RemoteChild` record.
 */
export function handleChildFailure(parent: AnyCell, child: SupervisedChild, error: unknown): void {
  if (!child.isRunning) return;
  const system = parent.system;
  const strategy = parent.strategy ?? system.defaultStrategy;
  let directive: Directive;
  try {
    directive = strategy.decide(error);
  } catch {
    directive = 'escalate';
  }
  if (directive === 'escalate' && parent.parentCell === null) directive = 'stop';
  system.publishFailure(child.ref, error, directive);

  switch (directive) {
    case 'resume':
      child.sendSystem(SysKind.Resume, null);
      return;
    case 'stop':
      for (const target of targetsOf(parent, child, strategy.scope)) parent.stop(target.ref);
      return;
    case 'escalate':
      parent.fail(error, parent.current);
      return;
    case 'restart': {
      const targets = targetsOf(parent, child, strategy.scope);
      const now = performance.now();
      for (const target of targets) {
        if (target !== child) target.suspend();
        const delay = strategy.planRestart(target.restartStats(), now);
        if (delay < 0) parent.stop(target.ref);
        else if (delay === 0) target.sendSystem(SysKind.Restart, null, error);
        else setTimeout(() => target.sendSystem(SysKind.Restart, null, error), delay);
      }
      return;
    }
  }
}

/**
 * The children a directive for `child` applies to: itself, or all of them for an all-for-one
 * strategy (listing them makes dormant siblings' cells: only `stop` and `restart` ask).
 */
function targetsOf(
  parent: AnyCell,
  child: SupervisedChild,
  scope: 'one' | 'all',
): SupervisedChild[] {
  return scope === 'all' ? parent.supervisedChildren() : [child];
}
