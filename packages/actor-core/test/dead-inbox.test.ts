import { MpscRing } from '@zactor/ringbuffer';
import { describe, expect, it } from 'vitest';
import { RECORD_ENVELOPES } from '../src/cluster/wire/envelope-layout.js';
import type { SystemEvent } from '../src/index.js';
import { records, setup, TURN_MODES } from './inbound-fixture.js';

/*
 * A worker killed in the middle of a record (an actor's turn, run as the record was read, never
 * ends) leaves the record unreleased in its ring; the main thread then drains that ring as a
 * dead inbox. What the worker had handed on must not be dead-lettered a second time.
 */

/** A ring holding `bytes` as one envelope record, as a dead worker's inbox would. */
function inboxOf(bytes: Uint8Array): MpscRing {
  const ring = MpscRing.create({ capacityBytes: 4096 });
  const at = ring.tryClaim(RECORD_ENVELOPES, bytes.length);
  ring.bytes.set(bytes, at);
  ring.commit(at);
  return ring;
}

describe.each(TURN_MODES)(
  'a record read again after its consumer died in it (%s turns)',
  (_mode, direct) => {
    it('dead-letters only the envelopes the consumer had not handed on', () => {
      const { node, spawn, spawnSpy } = setup(direct);
      const first = spawn();
      const last = spawn();
      let record: { view: DataView<ArrayBufferLike>; length: number } | undefined;
      let snapshot: Uint8Array | undefined;
      // The record's bytes as they are while the second envelope's actor runs: what a ring would
      // hold if the thread died in that turn.
      const middle = spawnSpy(() => {
        const { view, length } = record!;
        snapshot = new Uint8Array(view.buffer, view.byteOffset, length).slice();
      });
      record = records()
        .number(1, first.id, -1)
        .number(2, middle.id, -1)
        .number(3, last.id, -1)
        .record();
      node.onRecord(RECORD_ENVELOPES, record.view, 0, record.length, direct);
      node.afterDrain();
      expect([first.sink, middle.sink, last.sink]).toEqual([[1], [2], [3]]);

      const dead: SystemEvent[] = [];
      node.system.events.subscribe((e) => dead.push(e), ['dead-letter']);
      const lost = node.losses.drainDeadInbox(inboxOf(snapshot!));
      // Direct turns: the third envelope was not read yet when the second's turn ran. Queued
      // turns: every envelope was handed on before any actor ran.
      const unread = direct ? [3] : [];
      expect(lost).toMatchObject({ records: 1, messages: unread.length });
      expect(dead.map((e) => (e as { message: unknown }).message)).toEqual(unread);
    });

    it('reads a record whose envelopes are all taken as complete, counting nothing corrupt', () => {
      const { node, spawn, corrupt } = setup(direct);
      const target = spawn();
      const { view, length } = records().number(1, target.id, -1).number(2, target.id, -1).record();
      node.onRecord(RECORD_ENVELOPES, view, 0, length, direct);
      node.afterDrain();
      expect(target.sink).toEqual([1, 2]);
      // The same bytes again, as a successor consumer would find them: nothing more, no fault.
      node.onRecord(RECORD_ENVELOPES, view, 0, length, direct);
      node.afterDrain();
      expect(target.sink).toEqual([1, 2]);
      expect(corrupt()).toBe(0);
    });

    it('dead-letters a large message left in the inbox, frees its block, and counts nothing received', () => {
      const { node, store, spawn } = setup(direct);
      const target = spawn();
      const message = { text: 'z'.repeat(200) };
      const block = store.alloc(300);
      const written = node.codec.encode(message, store.view, block, block + 300);
      const { view, length } = records().block(block, written, target.id, -1).record();
      const dead: SystemEvent[] = [];
      node.system.events.subscribe((e) => dead.push(e), ['dead-letter']);
      const lost = node.losses.drainDeadInbox(
        inboxOf(new Uint8Array(view.buffer, view.byteOffset, length)),
      );
      expect(lost).toMatchObject({ records: 1, messages: 1, largeMessages: 1 });
      expect(dead.map((e) => (e as { message: unknown }).message)).toEqual([message]);
      expect(store.outstanding()).toBe(0);
      expect(node.counters().largeMessagesIn).toBe(0);
      expect(target.sink).toEqual([]);
    });
  },
);
