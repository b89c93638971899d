import type { AnyCell } from './actor-cell.js';
import type { AnyActorRef } from './actor-ref.js';
import type { CellExtras } from './cell-extras.js';
import { DormantChildren, type DormantSlots } from './dormant-children.js';
import type { SupervisedChild } from './supervision.js';

/*
 * A parent's record of its children on its own thread, kept in its `CellExtras`: the live ones
 * (alive and not stopping) in an intrusive doubly linked list through the children's
 * `prevSibling`/`nextSibling` (no per-child set entry), the named ones among them by name, and
 * the count of those not yet terminated (`liveChildren`, which the stop path waits on). Dormant
 * children (no cell yet, cell-factory.ts) are counted there too and listed in `dormant`; a stop
 * (and a restart's default `preRestart`) stops them without cells, and whatever else enumerates
 * the children (`ctx.children`, an all-for-one stop or restart) wakes them first.
 * Children on other workers are the `remote` record's (the `ForeignChildren` role).
 */

/** Registers a new child at the head of the list. */
export function adoptChild<M>(extras: CellExtras<M>, child: AnyCell, name: string | null): void {
  linkFirst(extras, child);
  if (name !== null) extras.names.set(name, child);
  extras.liveChildren++;
}

/** Puts `child` at the head of the list of cells. */
function linkFirst<M>(extras: CellExtras<M>, child: AnyCell): void {
  const first = extras.firstChild;
  child.nextSibling = first;
  if (first !== null) first.prevSibling = child;
  extras.firstChild = child;
}

/** Registers a new dormant child: counted, and listed (by slot) until it wakes or stops. */
export function adoptDormantChild<M>(
  extras: CellExtras<M>,
  ref: AnyActorRef,
  slots: DormantSlots,
  parent: object,
): void {
  if (extras.dormant === null) extras.dormant = new DormantChildren(slots, parent);
  extras.dormant.add(ref);
  extras.liveChildren++;
}

/** A dormant child woke: it joins the list of cells (it is counted already). */
export function adoptWokenChild<M>(extras: CellExtras<M>, child: AnyCell): void {
  linkFirst(extras, child);
  // Null while `wakeDormantChildren` runs (it wakes them all). Kept when empty: a parent that
  // spawns and tells child after child would otherwise make a list for each.
  extras.dormant?.woke(child.ref);
}

/** Wakes every dormant child (they join the list of cells). */
function wakeDormantChildren<M>(extras: CellExtras<M>): void {
  const dormant = extras.dormant!;
  extras.dormant = null;
  dormant.drain(wake);
}

function wake(ref: AnyActorRef): void {
  ref.target.system.cells.wakeDormant(ref);
}

/** Takes a child out of the live list (its stop has begun); its name is free again. Idempotent. */
export function forgetChild<M>(extras: CellExtras<M>, child: AnyCell): void {
  const linked = extras.firstChild === child || child.prevSibling !== null;
  if (!linked) return;
  const prev = child.prevSibling;
  const next = child.nextSibling;
  if (prev === null) extras.firstChild = next;
  else prev.nextSibling = next;
  if (next !== null) next.prevSibling = prev;
  child.prevSibling = null;
  child.nextSibling = null;
  const name = child.givenName;
  if (name !== null && extras.names.get(name) === child) extras.names.delete(name);
}

/** Whether `name` is taken by a live child here or by a child (or spawn) on another worker. */
export function hasChildNamed<M>(extras: CellExtras<M> | null, name: string): boolean {
  if (extras === null) return false;
  return extras.names.has(name) || extras.remote?.hasName(name) === true;
}

/**
 * Live children on this thread, dormant ones woken first (they have cells then) unless `wake`
 * is false (what is asked of them concerns only children with cells).
 */
export function childCellsOf<M>(extras: CellExtras<M> | null, wake = true): AnyCell[] {
  const cells: AnyCell[] = [];
  if (wake && extras != null && extras.dormant !== null && extras.dormant.count !== 0) {
    wakeDormantChildren(extras);
  }
  for (let c = extras?.firstChild ?? null; c !== null; c = c.nextSibling) cells.push(c);
  return cells;
}

/** Live children here and on other workers, for supervision. */
export function supervisedChildrenOf<M>(extras: CellExtras<M> | null): SupervisedChild[] {
  const cells: SupervisedChild[] = childCellsOf(extras);
  const remote = extras?.remote;
  return remote === null || remote === undefined ? cells : cells.concat(remote.running());
}
