/**
 * The pieces that join an ActorCluster to other processes (ActorClusterOptions.external),
 * without a network: the split of a node's link, the worker -> main relay record, and the check
 * that keeps shared large-message blocks inside the process.
 */
import { MpscRing } from '@zactor/ringbuffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referencesBlock } from '../src/cluster/gateway/foreign-batch.js';
import type { BatchBytes, NodeLink, PublishResult } from '../src/cluster/link/node-link.js';
import { RelayLink } from '../src/cluster/link/relay-link.js';
import { SplitLink } from '../src/cluster/link/split-link.js';
import { RECORD_RELAY } from '../src/cluster/wire/envelope-layout.js';
import { RecordBuilder } from './record-builder.js';

/** A link that records where each publish went. */
class RecordingLink implements NodeLink {
  readonly published: number[] = [];
  constructor(private readonly room: number) {}
  batchCapacity(): number {
    return this.room;
  }
  publish(node: number): PublishResult {
    this.published.push(node);
    return 'published';
  }
}

function batchOf(words: number[]): BatchBytes {
  const f64 = Float64Array.from(words);
  return { bytes: new Uint8Array(f64.buffer), f64 };
}

describe('SplitLink', () => {
  it('sends the indices of its process through the local link and every other through the external one', () => {
    const local = new RecordingLink(64);
    const external = new RecordingLink(1024);
    const link = new SplitLink(local, external, 4, 6);
    expect([3, 4, 6, 7].map((n) => link.batchCapacity(n))).toEqual([1024, 64, 64, 1024]);
    const batch = batchOf([1]);
    for (const node of [0, 4, 5, 6, 9, 5]) link.publish(node, batch, 8);
    expect(local.published).toEqual([4, 5, 6, 5]);
    expect(external.published).toEqual([0, 9]);
  });
});

describe('RelayLink', () => {
  it('publishes each batch as one record of type RECORD_RELAY + destination, bytes unchanged, in order', () => {
    const ring = MpscRing.create({ capacityBytes: 1024 });
    const relay = new RelayLink(ring, 4096, 16);
    // The ring's record size bounds the relay's batches too.
    expect(relay.batchCapacity(3)).toBe(ring.maxRecordBytes & ~7);
    expect(relay.batchCapacity(16)).toBe(0);
    expect(relay.publish(9, batchOf([1.5, 2.5, 3.5]), 16)).toBe('published');
    expect(relay.publish(2, batchOf([7]), 8)).toBe('published');
    const seen: [number, number[]][] = [];
    ring.drain((typeId, view, offset, length) => {
      const words: number[] = [];
      for (let at = offset; at < offset + length; at += 8) words.push(view.getFloat64(at, true));
      seen.push([typeId, words]);
    });
    expect(seen).toEqual([
      [RECORD_RELAY + 9, [1.5, 2.5]],
      [RECORD_RELAY + 2, [7]],
    ]);
  });

  it("answers 'full' when the main thread's ring has no room, publishing nothing", () => {
    const ring = MpscRing.create({ capacityBytes: 64 });
    const relay = new RelayLink(ring, 4096, 16);
    const batch = batchOf([1]);
    let published = 0;
    while (relay.publish(1, batch, 8) === 'published') published++;
    let records = 0;
    ring.drain(() => {
      records++;
    });
    expect(published).toBeGreaterThan(0);
    expect(records).toBe(published);
  });
});

describe('referencesBlock', () => {
  it('finds a block reference anywhere in a run of envelopes, and none in a run without one', () => {
    const envelope = fc.oneof(
      fc.record({ kind: fc.constant('number' as const), value: fc.double({ noNaN: true }) }),
      fc.record({ kind: fc.constant('user' as const), bytes: fc.uint8Array({ maxLength: 40 }) }),
      fc.record({ kind: fc.constant('block' as const), offset: fc.nat(1 << 20) }),
    );
    fc.assert(
      fc.property(fc.array(envelope, { maxLength: 12 }), (envelopes) => {
        const builder = new RecordBuilder();
        for (const e of envelopes) {
          if (e.kind === 'number') builder.number(e.value, 1, -1);
          else if (e.kind === 'user') builder.user(0, e.bytes, 1, -1);
          else builder.block(e.offset * 8, 64, 1, -1);
        }
        const { view, length } = builder.record();
        expect(referencesBlock(view, 0, length)).toBe(envelopes.some((e) => e.kind === 'block'));
      }),
      { seed: 19 },
    );
  });
});
