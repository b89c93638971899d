/** One node of the cluster as this node knows it. */
export interface MemberInfo {
  /** Its index: the `worker` part of its actors' ids. */
  readonly node: number;
  readonly name: string;
  /** A random number per start of the node: a restarted node is a new incarnation. */
  readonly incarnation: number;
  /** Its process's node indices: `node`..`node + span - 1` (default 1: one thread). */
  readonly span?: number;
}

/** How a member changed (what `MemberTable` reports, and the membership events say). */
export type MemberChange =
  | { readonly type: 'member-up'; readonly member: MemberInfo; readonly rejoined: boolean }
  | { readonly type: 'member-down'; readonly member: MemberInfo; readonly silentMs: number }
  | { readonly type: 'member-left'; readonly member: MemberInfo };

interface Entry {
  info: MemberInfo;
  lastSeen: number;
  up: boolean;
}

/**
 * Who is in the cluster, from this node's point of view: every node it heard from (a
 * heartbeat, a join, a frame, or the slot table read at start), whether it is up, and when it
 * was last heard. Pure bookkeeping with an injected clock, so the membership rules are tested
 * without a network: a node is up from the first sign of it; it is down once silent for
 * `downAfterMs`; a node that speaks again with the same incarnation is up again (as Erlang
 * nodes reconnect); a new incarnation on the same index replaces the old one (the old one is
 * reported down first, so its watchers and asks end).
 *
 * Thread contract: the node's own thread.
 */
export class MemberTable {
  private readonly entries = new Map<number, Entry>();
  private readonly self: number;
  private readonly downAfterMs: number;

  constructor(self: number, downAfterMs: number) {
    this.self = self;
    this.downAfterMs = downAfterMs;
  }

  /** A sign of life from `info` at `now`: the changes it makes (none for a known live node). */
  heard(info: MemberInfo, now: number): MemberChange[] {
    if (info.node === this.self) return [];
    const entry = this.entries.get(info.node);
    if (entry === undefined) {
      this.entries.set(info.node, { info, lastSeen: now, up: true });
      return [{ type: 'member-up', member: info, rejoined: false }];
    }
    const changes: MemberChange[] = [];
    if (entry.info.incarnation !== info.incarnation) {
      if (entry.up) {
        changes.push({ type: 'member-down', member: entry.info, silentMs: now - entry.lastSeen });
      }
      entry.info = info;
      entry.up = false;
    } else if (entry.info.name !== info.name && info.name !== '') {
      entry.info = info;
    }
    entry.lastSeen = now;
    if (!entry.up) {
      entry.up = true;
      changes.push({
        type: 'member-up',
        member: entry.info,
        rejoined: changes.length === 0,
      });
    }
    return changes;
  }

  /**
   * The common sign of life, a frame from a node known up with this incarnation: `lastSeen`
   * moves, nothing changes, nothing is allocated. False when it is not such a node (then
   * `heard` has the changes to make).
   */
  touch(node: number, incarnation: number, now: number): boolean {
    const entry = this.entries.get(node);
    if (entry === undefined || !entry.up || entry.info.incarnation !== incarnation) return false;
    entry.lastSeen = now;
    return true;
  }

  /** Node `node` said it leaves (incarnation must match): the change, if it was up. */
  left(node: number, incarnation: number): MemberChange | undefined {
    const entry = this.entries.get(node);
    if (entry === undefined || entry.info.incarnation !== incarnation || !entry.up)
      return undefined;
    entry.up = false;
    return { type: 'member-left', member: entry.info };
  }

  /** The nodes silent for `downAfterMs` at `now`, now marked down. */
  sweep(now: number): MemberChange[] {
    const changes: MemberChange[] = [];
    for (const entry of this.entries.values()) {
      const silentMs = now - entry.lastSeen;
      if (entry.up && silentMs >= this.downAfterMs) {
        entry.up = false;
        changes.push({ type: 'member-down', member: entry.info, silentMs });
      }
    }
    return changes;
  }

  /** Whether `node` is an index of a live member (its first or any of its span). */
  isUp(node: number): boolean {
    return this.ownerOf(node) !== undefined;
  }

  /** The live member whose indices hold `node`. */
  ownerOf(node: number): MemberInfo | undefined {
    const exact = this.entries.get(node);
    if (exact !== undefined) return exact.up ? exact.info : undefined;
    for (const entry of this.entries.values()) {
      const { info } = entry;
      if (entry.up && node > info.node && node < info.node + (info.span ?? 1)) return info;
    }
    return undefined;
  }

  /** The incarnation this node knows for `node` (up or down), or undefined. */
  incarnationOf(node: number): number | undefined {
    return this.entries.get(node)?.info.incarnation;
  }

  /** The live member named `name`. */
  byName(name: string): MemberInfo | undefined {
    for (const entry of this.entries.values()) {
      if (entry.up && entry.info.name === name) return entry.info;
    }
    return undefined;
  }

  /** The live members, by index. */
  members(): MemberInfo[] {
    return [...this.entries.values()]
      .filter((entry) => entry.up)
      .map((entry) => entry.info)
      .sort((a, b) => a.node - b.node);
  }
}
