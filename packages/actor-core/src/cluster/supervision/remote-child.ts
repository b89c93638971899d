import type { AnyActorRef } from '../../actor-ref.js';
import type { AnyTarget } from '../../actor-target.js';
import type { SupervisedChild } from '../../supervision.js';
import type { RestartStats } from '../../supervisor-strategy.js';
import { SysKind } from '../../system-message.js';
import type { RemoteCell } from '../node/remote-cell.js';

/**
 * A parent's record of one child that lives on another worker: the stand-in to reach it, and
 * the bookkeeping a local child keeps on its own cell (restart window, whether it is stopping or
 * waiting for a directive). Supervision treats it like a local child (`SupervisedChild`);
 * every directive becomes a system envelope to the child's worker.
 *
 * Thread contract: owned by the parent's cell, on the parent's thread.
 */
export class RemoteChild implements SupervisedChild, RestartStats {
  readonly target: RemoteCell<unknown>;
  readonly name: string | null;
  /**
   * The parent: the sender of every directive (Suspend, Resume, Restart), since the child's
   * node accepts them only from it (see `remoteParentOf`).
   */
  private readonly parent: AnyTarget;
  restartCount = 0;
  restartWindowStart = 0;
  /** The parent asked it to stop: failures are ignored and its name is free. */
  stopping = false;
  /** It failed and waits for a directive (resumed with its parent after an escalation). */
  suspended = false;

  constructor(target: RemoteCell<unknown>, name: string | null, parent: AnyTarget) {
    this.target = target;
    this.name = name;
    this.parent = parent;
  }

  get ref(): AnyActorRef {
    return this.target.ref;
  }

  get isRunning(): boolean {
    return !this.stopping;
  }

  suspend(): void {
    this.target.sendSystem(SysKind.Suspend, this.parent);
  }

  restartStats(): RestartStats {
    return this;
  }

  sendSystem(kind: SysKind, from: AnyTarget | null, error?: unknown): void {
    if (kind === SysKind.Resume || kind === SysKind.Restart) {
      this.suspended = false;
      this.target.sendSystem(kind, this.parent, error);
    } else this.target.sendSystem(kind, from, error);
  }
}
