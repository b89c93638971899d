/**
 * Hostile or corrupt bytes in a node's inbox (issue 18 item 3), at random: seeded runs of good
 * records and records with one defect each go through the real inbound path of a ClusterNode,
 * in one thread. Nothing throws, exactly the bad records are counted, every good message that
 * was not in a refused record arrives. The forgeries one at a time are in ring-corrupt.test.ts.
 */
import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECORD_ENVELOPES } from '../src/cluster/wire/envelope-layout.js';
import { encodeErrorBody } from '../src/cluster/wire/error-body.js';
import {
  CODEC_UNREGISTERED,
  ON_NODE_2,
  OTHER_ON_PARENT_NODE,
  RESTART,
  records,
  STOP,
  SUSPEND,
  setup,
  TURN_MODES,
} from './inbound-fixture.js';

/** One defect, each detectable; `good` envelopes to the recorder come before it. */
type Defect =
  | 'hostile-length'
  | 'wrapping-length'
  | 'unknown-kind'
  | 'misaligned'
  | 'record-type'
  | 'undecodable'
  | 'forged-suspend'
  | 'forged-restart'
  | 'stop-with-body'
  | 'bad-sys-kind'
  | 'foreign-target'
  | 'bad-sender'
  | 'bad-block';
const defects: Defect[] = [
  'hostile-length',
  'wrapping-length',
  'unknown-kind',
  'misaligned',
  'record-type',
  'undecodable',
  'forged-suspend',
  'forged-restart',
  'stop-with-body',
  'bad-sys-kind',
  'foreign-target',
  'bad-sender',
  'bad-block',
];

type Plan = { good: number; defect: Defect | null };

describe.each(TURN_MODES)('%s turns', (_mode, direct) => {
  describe('the inbound path under random good and bad records', () => {
    it('never throws, counts exactly the bad records and still delivers every good message', () => {
      const { node, store, feed, spawn, corrupt } = setup(direct);
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              good: fc.integer({ min: 0, max: 3 }),
              defect: fc.option(fc.constantFrom(...defects), { nil: null, freq: 2 }),
            }),
            { minLength: 1, maxLength: 30 },
          ),
          fc.nat(),
          (plans: Plan[], noise) => {
            const { id, sink } = spawn();
            const before = corrupt();
            let next = 0;
            let sent: number[] = [];
            for (const plan of plans) {
              const r = records();
              // A framing defect loses the rest of its record, so good envelopes go first.
              for (let i = 0; i < plan.good; i++) {
                sent.push(next);
                r.number(next++, id, -1);
              }
              if (plan.defect === null) {
                feed(r);
                continue;
              }
              const at = r.used;
              let typeId = RECORD_ENVELOPES;
              let extra = 0;
              switch (plan.defect) {
                case 'hostile-length':
                  r.number(0, id, -1).patch32(at + 4, 24 + (noise % 4096) * 8);
                  break;
                case 'wrapping-length':
                  r.number(0, id, -1).patch32(at + 4, 0xffffffe8 + (noise % 24));
                  break;
                case 'unknown-kind':
                  r.number(0, id, -1).patch32(at, 3 + (noise % 250));
                  break;
                case 'misaligned':
                  // The whole record is refused: its good envelopes are lost with it.
                  extra = 1 + (noise % 7);
                  sent = sent.slice(0, sent.length - plan.good);
                  break;
                case 'record-type':
                  typeId = 2 + (noise % 100);
                  sent = sent.slice(0, sent.length - plan.good);
                  break;
                case 'undecodable':
                  r.user(CODEC_UNREGISTERED, new Uint8Array(16 + (noise % 64)).fill(0x77), id, -1);
                  break;
                case 'forged-suspend':
                  r.system(SUSPEND, id, noise % 2 === 0 ? ON_NODE_2 : OTHER_ON_PARENT_NODE);
                  break;
                case 'forged-restart':
                  r.system(RESTART, id, ON_NODE_2, encodeErrorBody(new Error('forged'), 256));
                  break;
                case 'stop-with-body':
                  r.system(STOP, id, -1, new Uint8Array(8 * (1 + (noise % 4))));
                  break;
                case 'bad-sys-kind':
                  r.system(12 + (noise % 200), id, ON_NODE_2);
                  break;
                case 'foreign-target':
                  r.number(0, noise % 2 === 0 ? ON_NODE_2 : Number.NaN, -1);
                  break;
                case 'bad-sender':
                  r.number(0, id, noise % 2 === 0 ? -2 : 0.5);
                  break;
                case 'bad-block':
                  r.block(noise % store.buffer.byteLength, 64, id, -1);
                  break;
              }
              feed(r, typeId, extra);
            }
            expect(corrupt() - before).toBe(plans.filter((p) => p.defect !== null).length);
            expect(sink).toEqual(sent);
            expect(store.outstanding()).toBe(0);
            expect(node.system.lookup(id)).toBeDefined();
            sent = [];
          },
        ),
        { seed: testSeed('inbound corrupt records'), numRuns: 200 },
      );
    });
  });
});
