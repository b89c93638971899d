/**
 * Members that hold several node indices (an ActorCluster's pool workers and main thread): the
 * member table answers for every index of a block, and member messages carry the block's span
 * and its dead workers, checked like every other field from the network.
 */
import { describe, expect, it } from 'vitest';
import { encodeMemberMessage, parseMemberMessage } from '../src/membership/member-message.js';
import { MemberTable } from '../src/membership/member-table.js';

const base = {
  type: 'beat' as const,
  node: 4,
  name: 'pricers',
  incarnation: 7,
  cluster: 1,
  fingerprint: 2,
  maxNodes: 16,
};
const encode = (fields: Record<string, unknown>) =>
  new TextEncoder().encode(JSON.stringify({ v: 1, ...base, ...fields }));

describe('member blocks', () => {
  it('counts every index of a live block as up, and none once it is down', () => {
    const table = new MemberTable(0, 500);
    table.heard({ node: 4, name: 'pricers', incarnation: 7, span: 3 }, 0);
    expect([3, 4, 5, 6, 7].map((n) => table.isUp(n))).toEqual([false, true, true, true, false]);
    expect(table.ownerOf(6)?.name).toBe('pricers');
    table.sweep(500);
    expect([4, 5, 6].map((n) => table.isUp(n))).toEqual([false, false, false]);
    expect(table.ownerOf(5)).toBeUndefined();
  });

  it('carries span and down through a member message; old messages without them are one index', () => {
    const round = parseMemberMessage(encodeMemberMessage({ ...base, span: 3, down: [1] }));
    expect(round).toMatchObject({ node: 4, span: 3, down: [1] });
    expect(parseMemberMessage(encode({}))).toMatchObject({ span: 1, down: [] });
  });

  it('refuses a span out of range or a down offset outside the span', () => {
    for (const bad of [
      { span: 0 },
      { span: 257 },
      { span: 1.5 },
      { span: 2, down: [2] },
      { span: 3, down: [-1] },
      { span: 3, down: 'x' },
    ]) {
      expect(parseMemberMessage(encode(bad))).toBeUndefined();
    }
  });
});
