import { ActorCell } from '../../actor-cell.js';
import type { AnyActorRef } from '../../actor-ref.js';
import type { AnyTarget } from '../../actor-target.js';
import { SysKind } from '../../system-message.js';
import { RemoteCell } from '../node/remote-cell.js';

/** The parent id of each linked remote child of this thread (see `remoteParentOf`). */
const remoteParents = new WeakMap<AnyTarget, number>();

/**
 * The id of `cell`'s parent when `cell` is a running child of an actor on another node, else
 * -1. The inbound accepts the supervision directives (Suspend, Resume, Restart) for a cell only
 * from that id: no other actor, on any node, has any business sending them.
 */
export function remoteParentOf(cell: AnyTarget): number {
  return remoteParents.get(cell) ?? -1;
}

/**
 * The cell of an actor whose parent lives on another worker. Here it is a top-level cell (under
 * the system's `remote` guardian, so a shutdown stops it), but it reports to its real parent:
 * `fail` sends `ChildFailed` with the error to the parent's worker and waits suspended for the
 * directive; its end sends `ChildTerminated`. It told the parent `ChildStarted` before its
 * `preStart` ran, so the parent knows it before any failure. When the parent's worker dies, the
 * parent's stand-in stops it (see `RemoteCell.markDead`).
 *
 * Thread contract: like every cell, used on its own thread only.
 */
export class RemoteChildCell<M> extends ActorCell<M> {
  private remoteParent: AnyTarget | null = null;
  private parentPath = '';

  /**
   * Links the cell to its parent and tells the parent it runs (`token` names the spawn request).
   * A parent known to be gone (its worker died) gets nothing: the child stops at once.
   */
  link(parent: AnyTarget, parentPath: string, token: number): void {
    this.remoteParent = parent;
    this.parentPath = parentPath;
    if (!(parent instanceof RemoteCell) || parent.dead) {
      this.requestStop();
      return;
    }
    parent.adoptLocal(this);
    remoteParents.set(this, parent.ref.id);
    parent.sendSystem(SysKind.ChildStarted, this, undefined, token);
  }

  override get parent(): AnyActorRef | null {
    return this.remoteParent === null ? null : this.remoteParent.ref;
  }

  /** The parent's path (as the parent's worker names it), then this child's name. */
  override get path(): string {
    return `${this.parentPath}/${this.name}`;
  }

  protected override get supervisor(): AnyTarget | null {
    return this.remoteParent;
  }

  protected override finishStop(): void {
    super.finishStop();
    remoteParents.delete(this);
    const parent = this.remoteParent;
    if (parent instanceof RemoteCell) {
      parent.dropLocal(this);
      parent.sendSystem(SysKind.ChildTerminated, this);
    }
  }
}
