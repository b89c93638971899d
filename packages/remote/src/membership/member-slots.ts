import type { KV } from '@nats-io/kv';
import { RemoteError } from '../errors.js';
import type { MemberInfo } from './member-table.js';

/** How long a slot outlives its node's last refresh (a crashed node's index is free after it). */
export const SLOT_TTL_MS = 30_000;
/** How often a node rewrites its slot. */
export const SLOT_REFRESH_MS = 5_000;

const encoder = new TextEncoder();

/** What `MemberSlots.read` finds: the members, and every index some member holds. */
export interface LiveSlots {
  readonly members: readonly MemberInfo[];
  readonly taken: ReadonlySet<number>;
}

function slotKey(node: number): string {
  return `n${node}`;
}

/**
 * A slot's value: the member whose indices hold it (`base`, `span`: absent for one index), or
 * undefined when it is not one (a deleted key, or foreign bytes).
 */
function slotValue(node: number, bytes: Uint8Array): MemberInfo | undefined {
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    if (typeof value.name !== 'string' || typeof value.incarnation !== 'number') return undefined;
    const base = typeof value.base === 'number' ? value.base : node;
    const span = typeof value.span === 'number' ? value.span : 1;
    return { node: base, name: value.name, incarnation: value.incarnation, span };
  } catch {
    return undefined;
  }
}

/**
 * The members whose every index holds their slot. A block still being claimed (or one given
 * back after losing an index to another node) is not a member yet: taken as one, it would be a
 * ghost whose silence later takes down indices that another member claimed meanwhile. Such a
 * node is learnt from its join instead.
 */
function completeBlocks(slots: ReadonlyMap<number, MemberInfo>): MemberInfo[] {
  const members: MemberInfo[] = [];
  for (const [node, info] of slots) {
    if (info.node !== node) continue;
    let complete = true;
    for (let off = 1; off < (info.span ?? 1) && complete; off++) {
      const other = slots.get(node + off);
      complete =
        other !== undefined && other.node === node && other.incarnation === info.incarnation;
    }
    if (complete) members.push(info);
  }
  return members;
}

/**
 * Node indices in a JetStream key-value bucket: key `n<index>` holds the live node's name and
 * incarnation. A node claims a free index with an atomic create (two nodes cannot both win it),
 * rewrites it every SLOT_REFRESH_MS, and deletes it at a clean stop; the bucket's max age frees
 * the index of a node that crashed. Names are unique among live slots.
 *
 * Thread contract: the node's own thread; the bucket is shared with every node of the cluster
 * through the NATS server, which orders the writes to each key.
 */
export class MemberSlots {
  private readonly kv: KV;
  readonly self: MemberInfo;
  private readonly span: number;

  private constructor(kv: KV, self: MemberInfo, span: number) {
    this.kv = kv;
    this.self = self;
    this.span = span;
  }

  /**
   * The live slots, read once: every index taken (`taken`) and the members (one per process,
   * at its first index).
   */
  static async read(kv: KV, maxNodes: number): Promise<LiveSlots> {
    const slots = new Map<number, MemberInfo>();
    const keys = await kv.keys();
    for await (const key of keys) {
      const node = Number(key.slice(1));
      if (!key.startsWith('n') || !Number.isInteger(node) || node < 0 || node >= maxNodes) continue;
      const entry = await kv.get(key);
      if (entry === null || entry.operation !== 'PUT') continue;
      const info = slotValue(node, entry.value);
      if (info !== undefined) slots.set(node, info);
    }
    return { members: completeBlocks(slots), taken: new Set(slots.keys()) };
  }

  /**
   * Claims `span` consecutive free indices for `name` (a process's pool workers and main thread;
   * 1 for one thread), starting at a random one (so a restarted node seldom gets its old
   * indices back and old refs stay dead). Each index is an atomic create; a block that loses
   * one of them gives back the ones it won and tries the next. Throws RemoteError `NAME_TAKEN`
   * or `NO_SLOT`.
   */
  static async claim(
    kv: KV,
    name: string,
    incarnation: number,
    maxNodes: number,
    live: LiveSlots,
    span = 1,
  ): Promise<MemberSlots> {
    if (live.members.some((member) => member.name === name)) {
      throw new RemoteError(
        'RemoteNode.start',
        'NAME_TAKEN',
        `a live node of this cluster is already named '${name}'`,
      );
    }
    const starts = maxNodes - span + 1;
    const first = Math.floor(Math.random() * Math.max(1, starts));
    for (let i = 0; i < starts; i++) {
      const base = (first + i) % starts;
      let free = true;
      for (let off = 0; off < span && free; off++) free = !live.taken.has(base + off);
      if (!free) continue;
      const self: MemberInfo =
        span === 1 ? { node: base, name, incarnation } : { node: base, name, incarnation, span };
      const value = encoder.encode(JSON.stringify({ name, incarnation, base, span }));
      const won: number[] = [];
      try {
        for (let off = 0; off < span; off++) {
          await kv.create(slotKey(base + off), value);
          won.push(base + off);
        }
        return new MemberSlots(kv, self, span);
      } catch {
        // Taken meanwhile (or still held by a crashed node until its slot expires): the next.
        for (const node of won) await kv.delete(slotKey(node)).catch(() => undefined);
      }
    }
    throw new RemoteError(
      'RemoteNode.start',
      'NO_SLOT',
      `no ${span} free consecutive node indices of ${maxNodes} in this cluster (raise maxNodes on every node)`,
    );
  }

  /** Rewrites this node's slot so it does not expire. */
  async refresh(): Promise<void> {
    const { node, name, incarnation } = this.self;
    const value = encoder.encode(
      JSON.stringify({ name, incarnation, base: node, span: this.span }),
    );
    for (let off = 0; off < this.span; off++) await this.kv.put(slotKey(node + off), value);
  }

  /** Frees this node's indices (a clean stop). */
  async release(): Promise<void> {
    for (let off = 0; off < this.span; off++) await this.kv.delete(slotKey(this.self.node + off));
  }
}
