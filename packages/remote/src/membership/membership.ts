import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { RemoteError } from '../errors.js';
import type { RemoteEvents } from '../remote-events.js';
import type { ClusterSubjects } from '../subjects.js';
import type { FrameSender } from '../wire/remote-frame.js';
import { encodeMemberMessage, type MemberMessage, parseMemberMessage } from './member-message.js';
import type { MemberChange, MemberInfo, MemberTable } from './member-table.js';

/**
 * What membership changes do to the local nodes (ClusterNode's loss and return of a node), one
 * node index at a time: a member's process holds `span` indices (an ActorCluster: its pool
 * workers and its main thread), each lost or back on its own.
 */
export interface MembershipHost {
  /**
   * Index `node` is lost: its member is down or left, or (`worker-died`) it is a pool worker of
   * a live member that died. Its watchers get Terminated, asks fail (`NODE_DOWN`/`WORKER_DIED`).
   */
  nodeDown(node: number, how: 'down' | 'left' | 'worker-died'): void;
  /** Index `node` is up (again): refs to its actors work. */
  nodeUp(node: number): void;
  /** Any sign of life from index `node` through the server (a heartbeat, a join, a frame). */
  heard(node: number): void;
}

export interface MembershipParts {
  readonly nc: NatsConnection;
  readonly subjects: ClusterSubjects;
  readonly self: FrameSender & { readonly name: string };
  readonly maxNodes: number;
  readonly heartbeatMs: number;
  readonly table: MemberTable;
  readonly host: MembershipHost;
  readonly events: RemoteEvents;
  /** This process's node indices (from `self.node`). */
  readonly span: number;
  /** Offsets of this process's indices that are down now (pool workers that died). */
  readonly localDown: () => readonly number[];
}

/** The shape a member's messages announce: its indices and which of them are down. */
interface BlockShape {
  readonly span: number;
  readonly down: readonly number[];
}

const ONE: BlockShape = { span: 1, down: [] };

/**
 * A node's membership: it announces itself (join, then a heartbeat every `heartbeatMs`, a
 * leave at a clean stop), listens to the others, and sweeps the member table for silent nodes
 * as often as it beats. Every change goes to the host (so the local ClusterNode ends watches
 * and asks) and then to the events. A peer with another codec fingerprint or `maxNodes` is
 * refused once per incarnation (`peer-rejected`), never added.
 *
 * Thread contract: the node's own thread (NATS callbacks and timers run there).
 */
export class Membership {
  private readonly parts: MembershipParts;
  private subscription: Subscription | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly rejected = new Set<string>();
  /** Per live member (its first index): whether each of its indices is up here. */
  private readonly blocks = new Map<number, boolean[]>();

  constructor(parts: MembershipParts) {
    this.parts = parts;
  }

  /** Starts listening, seeds the table with the slots read at start, and announces this node. */
  start(known: readonly MemberInfo[]): void {
    const { nc, subjects, heartbeatMs } = this.parts;
    const now = performance.now();
    for (const member of known) {
      this.apply(this.parts.table.heard(member, now));
      this.shape(member.node, { span: member.span ?? 1, down: [] });
    }
    this.subscription = nc.subscribe(subjects.members, {
      callback: (error, msg) => {
        if (error === null) this.onMessage(msg.data);
      },
    });
    this.say('join');
    this.timer = setInterval(() => {
      this.say('beat');
      this.apply(this.parts.table.sweep(performance.now()));
    }, heartbeatMs);
    this.timer.unref?.();
  }

  /** A frame from `node` is a sign of life too (it may come before its first heartbeat). */
  heardFrame(node: number, incarnation: number): void {
    const { table, host } = this.parts;
    const now = performance.now();
    if (!table.touch(node, incarnation, now)) {
      this.apply(table.heard({ node, name: '', incarnation }, now));
    }
    const span = this.blocks.get(node)?.length ?? 1;
    for (let off = 0; off < span; off++) host.heard(node + off);
  }

  /** Index `node` belongs to a live member and is up here. */
  isUp(node: number): boolean {
    for (const [base, flags] of this.blocks) {
      if (node >= base && node < base + flags.length) return flags[node - base] === true;
    }
    return false;
  }

  /** Says this process's state now (a local worker died or runs again). */
  beatNow(): void {
    this.say('beat');
  }

  /** Says leave and stops listening and beating. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.subscription === null) return;
    this.say('leave');
    this.subscription.unsubscribe();
    this.subscription = null;
  }

  private say(type: MemberMessage['type']): void {
    const { nc, subjects, self, maxNodes } = this.parts;
    if (nc.isClosed()) return;
    nc.publish(
      subjects.members,
      encodeMemberMessage({
        type,
        node: self.node,
        name: self.name,
        incarnation: self.incarnation,
        cluster: self.clusterHash,
        fingerprint: self.fingerprint,
        maxNodes,
        span: this.parts.span,
        down: this.parts.localDown(),
      }),
    );
  }

  private onMessage(bytes: Uint8Array): void {
    const message = parseMemberMessage(bytes);
    const { self, maxNodes, table } = this.parts;
    if (message === undefined || message.cluster !== self.clusterHash) return;
    if (message.node === self.node && message.incarnation === self.incarnation) return;
    if (message.fingerprint !== self.fingerprint || message.maxNodes !== maxNodes) {
      this.reject(message);
      return;
    }
    if (message.node >= maxNodes) return;
    if (message.type === 'leave') {
      const change = table.left(message.node, message.incarnation);
      if (change !== undefined) this.apply([change]);
      return;
    }
    const { node, name, incarnation, span } = message;
    if (node + span > maxNodes) return;
    this.apply(table.heard({ node, name, incarnation, span }, performance.now()));
    this.shape(node, message);
    for (let off = 0; off < span; off++) this.parts.host.heard(node + off);
    // A newcomer learns this node now rather than a heartbeat later: it may have read the slots
    // before this node claimed its own, and subscribed after this node's join.
    if (message.type === 'join') this.say('beat');
  }

  /**
   * Brings the indices of the live member at `base` to `shape`: each index up unless it is
   * listed down; an index that changes goes to the host.
   */
  private shape(base: number, shape: BlockShape): void {
    const flags = this.blocks.get(base);
    if (flags === undefined) return;
    const { host } = this.parts;
    for (let off = 0; off < shape.span; off++) {
      const up = !shape.down.includes(off);
      if ((flags[off] === true) === up) continue;
      const was = flags[off] === true;
      flags[off] = up;
      if (up) host.nodeUp(base + off);
      else if (was) host.nodeDown(base + off, 'worker-died');
    }
  }

  private reject(message: MemberMessage): void {
    const key = `${message.node}/${message.incarnation}`;
    if (this.rejected.has(key)) return;
    this.rejected.add(key);
    const { self, maxNodes } = this.parts;
    const why =
      message.maxNodes !== maxNodes
        ? `it was started with maxNodes ${message.maxNodes}, this node with ${maxNodes}`
        : `its message definitions differ (codec fingerprint ${message.fingerprint.toString(16)}, ours ${self.fingerprint.toString(16)})`;
    this.parts.events.publish({
      type: 'peer-rejected',
      node: message.node,
      name: message.name,
      error: new RemoteError(
        'Membership',
        'INCOMPATIBLE_PEER',
        `node '${message.name}' is refused: ${why}`,
      ),
    });
  }

  private apply(changes: readonly MemberChange[]): void {
    const { host, events } = this.parts;
    for (const change of changes) {
      const base = change.member.node;
      if (change.type === 'member-up') {
        this.blocks.set(base, []);
        this.shape(base, ONE);
      } else {
        const how = change.type === 'member-left' ? 'left' : 'down';
        const flags = this.blocks.get(base) ?? [];
        this.blocks.delete(base);
        for (let off = 0; off < flags.length; off++) if (flags[off]) host.nodeDown(base + off, how);
      }
      events.publish(change);
    }
  }
}
