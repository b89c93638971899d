import type { AnyCell } from './actor-cell.js';
import type { Directive } from './supervisor-strategy.js';
import { SysKind } from './system-message.js';

/**
 * A parent's answer to a failed child (protoactor-go `actor/supervision.go`, Akka's
 * supervision): the strategy's decider picks a directive; one-for-one applies it to
 * the failed child, all-for-one to every child. A restart beyond the strategy's limit
 * becomes a stop; `escalate` fails the parent with the child's error (a guardian,
 * which has nobody above it, stops the child instead).
 */
export function handleChildFailure(parent: AnyCell, child: AnyCell, error: unknown): void {
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

  const targets = strategy.scope === 'all' ? parent.childCells() : [child];
  switch (directive) {
    case 'resume':
      child.sendSystem(SysKind.Resume, null);
      return;
    case 'stop':
      for (const target of targets) parent.stop(target.ref);
      return;
    case 'escalate':
      parent.fail(error, parent.current);
      return;
    case 'restart': {
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
