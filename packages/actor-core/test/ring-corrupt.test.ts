/**
 * Hostile or corrupt bytes in a node's inbox (issue 18 item 3), one forgery at a time: every
 * record goes through the real inbound path of a ClusterNode (onRecord, then afterDrain runs the
 * actors), in one thread. A bad record is counted once, skipped, and the records after it are
 * still delivered; system messages a node has no business sending are dropped. The seeded mix
 * of good and bad records is in ring-corrupt-fuzz.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isDormant } from '../src/actor-ref.js';
import { Inbound, type InboundCorruption, type InboundHost } from '../src/cluster/node/inbound.js';
import { RemoteCell, type RemoteTransport } from '../src/cluster/node/remote-cell.js';
import { RemoteChild } from '../src/cluster/supervision/remote-child.js';
import { RECORD_ENVELOPES } from '../src/cluster/wire/envelope-layout.js';
import { encodeErrorBody } from '../src/cluster/wire/error-body.js';
import {
  CHILD_FAILED,
  CHILD_STARTED,
  CODEC_UNREGISTERED,
  ON_NODE_2,
  OTHER_ON_PARENT_NODE,
  PARENT,
  RESTART,
  RESUME,
  records,
  STOP,
  SUSPEND,
  setup,
  TURN_MODES,
  WATCH,
} from './inbound-fixture.js';
import type { RecordBuilder } from './record-builder.js';

describe.each(TURN_MODES)('%s turns', (_mode, direct) => {
  describe('forged system messages', () => {
    it('drops a Suspend for an actor whose parent is local, and the actor keeps receiving', () => {
      const { feed, spawn, corrupt } = setup(direct);
      const { id, sink } = spawn();
      feed(records().system(SUSPEND, id, OTHER_ON_PARENT_NODE));
      feed(records().number(1, id, -1));
      expect(sink).toEqual([1]);
      expect(corrupt()).toBe(1);
    });

    it('drops Resume and Restart from a node that is not the parent', () => {
      const { feed, spawn, corrupt } = setup(direct);
      const { id, sink } = spawn();
      feed(records().system(RESUME, id, ON_NODE_2));
      feed(records().system(RESTART, id, ON_NODE_2, encodeErrorBody(new Error('forged'), 512)));
      feed(records().number(2, id, -1));
      expect(sink).toEqual([2]);
      expect(corrupt()).toBe(2);
    });

    it('obeys Suspend, Resume and Restart for a remote child only from its parent', () => {
      const { feed, spawn, corrupt } = setup(direct);
      const { id, sink } = spawn(true);
      for (const sender of [-1, OTHER_ON_PARENT_NODE, ON_NODE_2]) {
        feed(records().system(SUSPEND, id, sender));
      }
      feed(records().number(1, id, -1));
      expect(sink).toEqual([1]);
      expect(corrupt()).toBe(3);
      feed(records().system(SUSPEND, id, PARENT));
      feed(records().number(2, id, -1));
      expect(sink).toEqual([1]);
      feed(records().system(RESUME, id, PARENT));
      expect(sink).toEqual([1, 2]);
      feed(records().system(RESTART, id, PARENT, encodeErrorBody(new Error('boom'), 512)));
      expect(sink).toEqual([1, 2, 'restarted']);
      expect(corrupt()).toBe(3);
    });

    it('obeys Stop from any node, as ref.stop() may come from whoever holds the ref', () => {
      const { node, feed, spawn, corrupt } = setup(direct);
      const { id, sink } = spawn();
      feed(records().system(STOP, id, -1));
      feed(records().number(1, id, -1));
      expect(sink).toEqual([]);
      expect(node.system.lookup(id)).toBeUndefined();
      expect(corrupt()).toBe(0);
    });
  });

  describe('the directives a parent sends its remote child', () => {
    it('name the parent as their sender, which is what the child node checks', () => {
      const { node, spawn } = setup(direct);
      const parent = node.refOf(spawn().id).cell;
      const sent: [number, unknown][] = [];
      const transport: RemoteTransport = {
        system: node.system,
        sendUser: () => true,
        sendSystem: (_target, kind, from) => void sent.push([kind, from]),
        pin: () => {},
      };
      const child = new RemoteChild(new RemoteCell(transport, ON_NODE_2), null, parent);
      child.suspend();
      child.sendSystem(RESUME, null);
      child.sendSystem(RESTART, null, new Error('boom'));
      child.sendSystem(STOP, null);
      expect(sent).toEqual([
        [SUSPEND, parent],
        [RESUME, parent],
        [RESTART, parent],
        [STOP, null],
      ]);
    });
  });

  describe('system envelopes whose body does not fit their kind', () => {
    it('counts and drops each of them', () => {
      const { feed, spawn, corrupt } = setup(direct);
      const { id, sink } = spawn(true);
      feed(records().system(STOP, id, -1, new Uint8Array(8)));
      feed(records().system(WATCH, id, ON_NODE_2, new Uint8Array(16)));
      feed(records().system(CHILD_STARTED, id, ON_NODE_2));
      const lying = encodeErrorBody(new Error('boom'), 512);
      new DataView(lying.buffer).setUint32(0, 0xfffffff0, true);
      feed(records().system(RESTART, id, PARENT, lying));
      feed(records().system(RESTART, id, PARENT, new Uint8Array(8)));
      feed(records().system(CHILD_FAILED, id, ON_NODE_2, new Uint8Array(4)));
      feed(records().system(200, id, ON_NODE_2));
      feed(records().number(1, id, -1));
      expect(sink).toEqual([1]);
      expect(corrupt()).toBe(7);
    });
  });

  describe('ids that name no actor of this node', () => {
    it('counts a user envelope for another node or with a target or sender that is no actor id', () => {
      const { feed, spawn, corrupt } = setup(direct);
      const { id, sink } = spawn();
      feed(records().number(1, ON_NODE_2, -1));
      for (const bad of [Number.NaN, -5, 1.5, 2 ** 60, Number.POSITIVE_INFINITY]) {
        feed(records().number(2, bad, -1));
        feed(records().number(3, id, bad));
      }
      feed(records().number(4, id, ON_NODE_2));
      expect(sink).toEqual([4]);
      expect(corrupt()).toBe(11);
    });
  });

  describe('a body that decodes to undefined', () => {
    it('is refused as undecodable, not delivered nor dead-lettered, and wakes no dormant actor', () => {
      const { node, feed, spawn, corrupt } = setup(direct);
      const { id, sink } = spawn();
      const idle = (): void => {};
      node.system.spawn<number>(idle);
      // Spawned like the one before it: dormant, with no cell yet.
      const dormant = node.system.spawn<number>(idle);
      expect(isDormant(dormant)).toBe(true);
      const dead: unknown[] = [];
      node.system.events.subscribe((e) => dead.push(e), ['dead-letter']);
      // The fallback codec's frame of undefined, which a sender never writes (a tell of undefined
      // throws there).
      const view = new DataView(new ArrayBuffer(64));
      const fallback = node.codec.registry.fallback as unknown as {
        encode(value: unknown, view: DataView, offset: number): number;
      };
      const frame = new Uint8Array(view.buffer, 0, fallback.encode(undefined, view, 0));
      expect(node.codec.decode(view, 0, frame.length)).toBeUndefined();
      feed(records().user(0, frame, id, -1));
      feed(records().user(0, frame, dormant.id, -1));
      feed(records().number(5, id, -1));
      expect(sink).toEqual([5]);
      expect(dead).toEqual([]);
      expect(corrupt()).toBe(2);
      expect(isDormant(dormant)).toBe(true);
    });
  });

  describe('forged references to large-message blocks', () => {
    it('frees and reads no block for a reference that names none in use or overruns it', () => {
      const { node, store, feed, spawn, corrupt } = setup(direct);
      const { id, sink } = spawn();
      const message = { text: 'x'.repeat(200) };
      const block = store.alloc(300);
      const written = node.codec.encode(message, store.view, block, block + 300);
      const free = store.alloc(300);
      store.free(free);
      for (const [offset, length] of [
        [block + 8, written], // inside a block, not its start
        [free, written], // a free block
        [block, 1025], // more than the block holds
        [store.buffer.byteLength + 1024, written], // past the blocks
        [3, written], // in the allocator's header
      ] as const) {
        feed(records().block(offset, length, id, -1));
        expect(store.outstanding()).toBe(1);
      }
      expect(corrupt()).toBe(5);
      // Already taken (a record handled again after its consumer died): skipped, no fault.
      feed(records().block(0xffffffff, written, id, -1));
      expect(corrupt()).toBe(5);
      expect(sink).toEqual([]);
      // The real reference still works: the forged ones left the block alone.
      feed(records().block(block, written, id, -1));
      expect(sink).toEqual([message]);
      expect(store.outstanding()).toBe(0);
      expect(corrupt()).toBe(5);
    });
  });

  describe('counting', () => {
    it('counts a record once however many bad envelopes it holds, and delivers the good ones', () => {
      const { feed, spawn, corrupt } = setup(direct);
      const { id, sink } = spawn();
      feed(
        records()
          .number(1, id, -1)
          .system(SUSPEND, id, ON_NODE_2)
          .user(CODEC_UNREGISTERED, new Uint8Array(24).fill(0x77), id, -1)
          .number(2, id, -1),
      );
      expect(sink).toEqual([1, 2]);
      expect(corrupt()).toBe(1);
    });
  });

  describe('where a bad record came from', () => {
    it('reports the first bad record once, naming the inbox and the sending node, then counts', () => {
      const { node, store, spawn } = setup(direct);
      const { id } = spawn();
      const reports: InboundCorruption[] = [];
      const host: InboundHost = {
        nodeId: 1,
        nodeCount: 3,
        system: node.system,
        codec: node.codec,
        childSpawns: node.childSpawns,
        refOf: (ref) => node.refOf(ref),
        pin: (cell) => node.pin(cell),
        reportCorrupt: (report) => reports.push(report),
      };
      const inbound = new Inbound(host, store);
      const feed = (record: RecordBuilder, typeId = RECORD_ENVELOPES, extra = 0) => {
        const { view, length } = record.record(extra);
        inbound.onBatch(typeId, view, 0, length);
      };
      // The refused envelope names its sender: node 2.
      feed(records().number(1, id, -1).system(SUSPEND, id, ON_NODE_2));
      // A whole record refused: its first envelope names node 0.
      feed(records().number(2, id, OTHER_ON_PARENT_NODE), 7);
      // Framing lost after a good envelope from node 0: the first envelope names it.
      feed(records().number(3, id, PARENT).number(4, id, -1).patch32(36, 0xffffffe8));
      // Nothing to read a sender from: a misaligned record of no envelope at all.
      feed(records(), RECORD_ENVELOPES, 4);
      expect(inbound.corrupt).toBe(4);
      expect([0, 1, 2, -1].map((n) => inbound.corruptFrom(n))).toEqual([2, 0, 1, 1]);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ node: 1, from: 2, reason: 'forged-directive' });
      expect(reports[0]!.error).toMatchObject({ code: 'RING_CORRUPT' });
      expect(reports[0]!.error.message).toContain('node 1 refused a record from node 2');
      expect(inbound.firstCorruption).toBe(reports[0]);
    });
  });
});
