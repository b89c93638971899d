import type { KV } from '@nats-io/kv';
import { RemoteError } from '../errors.js';
import type { MemberInfo } from './member-table.js';

/** How long a slot outlives its node's last refresh (a crashed node's index is free after it). */
export const SLOT_TTL_MS = 30_000;
/** How often a node rewrites its slot. */
export const SLOT_REFRESH_MS = 5_000;

const encoder = new TextEncoder();

function slotKey(node: number): string {
  return `n${node}`;
}

/** A slot's value, or undefined when it is not one (a deleted key, or foreign bytes). */
function slotValue(node: number, bytes: Uint8Array): MemberInfo | undefined {
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    if (typeof value.name !== 'string' || typeof value.incarnation !== 'number') return undefined;
    return { node, name: value.name, incarnation: value.incarnation };
  } catch {
    return undefined;
  }
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

  private constructor(kv: KV, self: MemberInfo) {
    this.kv = kv;
    this.self = self;
  }

  /** The live slots (other nodes' and this one's), read once. */
  static async read(kv: KV, maxNodes: number): Promise<MemberInfo[]> {
    const found: MemberInfo[] = [];
    const keys = await kv.keys();
    for await (const key of keys) {
      const node = Number(key.slice(1));
      if (!key.startsWith('n') || !Number.isInteger(node) || node < 0 || node >= maxNodes) continue;
      const entry = await kv.get(key);
      if (entry === null || entry.operation !== 'PUT') continue;
      const info = slotValue(node, entry.value);
      if (info !== undefined) found.push(info);
    }
    return found;
  }

  /**
   * Claims a free index for `name`, starting at a random one (so a restarted node seldom gets
   * its old index back and old refs stay dead). Throws RemoteError `NAME_TAKEN` or `NO_SLOT`.
   */
  static async claim(
    kv: KV,
    name: string,
    incarnation: number,
    maxNodes: number,
    live: readonly MemberInfo[],
  ): Promise<MemberSlots> {
    if (live.some((member) => member.name === name)) {
      throw new RemoteError(
        'RemoteNode.start',
        'NAME_TAKEN',
        `a live node of this cluster is already named '${name}'`,
      );
    }
    const taken = new Set(live.map((member) => member.node));
    const start = Math.floor(Math.random() * maxNodes);
    for (let i = 0; i < maxNodes; i++) {
      const node = (start + i) % maxNodes;
      if (taken.has(node)) continue;
      const self = { node, name, incarnation };
      try {
        await kv.create(slotKey(node), encoder.encode(JSON.stringify(self)));
        return new MemberSlots(kv, self);
      } catch {
        // Taken meanwhile (or still held by a crashed node until its slot expires): the next.
      }
    }
    throw new RemoteError(
      'RemoteNode.start',
      'NO_SLOT',
      `all ${maxNodes} node indices of this cluster are taken (raise maxNodes on every node)`,
    );
  }

  /** Rewrites this node's slot so it does not expire. */
  async refresh(): Promise<void> {
    const key = slotKey(this.self.node);
    await this.kv.put(key, encoder.encode(JSON.stringify(this.self)));
  }

  /** Frees this node's index (a clean stop). */
  async release(): Promise<void> {
    await this.kv.delete(slotKey(this.self.node));
  }
}
