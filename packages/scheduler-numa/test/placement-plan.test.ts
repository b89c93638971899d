import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cpuOrder, planPlacement, readTopology, SchedulerError } from '../src/index.js';

const read = (name: string, status = 'status') => {
  const root = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  return readTopology({ sysRoot: root, statusPath: `${root}/${status}` });
};
const cpusOf = (order: { cpu: number }[]) => order.map((o) => o.cpu);

describe('planPlacement', () => {
  it('spreads consecutive workers over the nodes before filling one', () => {
    const plan = planPlacement(read('two-node'), 4, 'spread');
    expect(plan).toEqual([
      { workerIndex: 0, cpu: 0, node: 0 },
      { workerIndex: 1, cpu: 1, node: 1 },
      { workerIndex: 2, cpu: 2, node: 0 },
      { workerIndex: 3, cpu: 3, node: 1 },
    ]);
  });

  it('fills one node before the next when compact', () => {
    expect(cpusOf(cpuOrder(read('two-node'), 'compact'))).toEqual([0, 2, 1, 3]);
  });

  it('uses SMT siblings only after every core has a worker when spreading', () => {
    expect(cpusOf(cpuOrder(read('smt'), 'spread'))).toEqual([0, 1, 2, 3]);
  });

  it('keeps SMT siblings together when compact', () => {
    expect(cpusOf(cpuOrder(read('smt'), 'compact'))).toEqual([0, 2, 1, 3]);
  });

  it('hands out only allowed cpus, and repeats the order for more workers than cpus', () => {
    const plan = planPlacement(read('two-node', 'status-restricted'), 5);
    expect(plan.map((s) => s.cpu)).toEqual([2, 1, 3, 2, 1]);
  });

  it('rejects a worker count that is not a positive integer', () => {
    expect(() => planPlacement(read('one-node'), 0)).toThrow(SchedulerError);
    expect(() => planPlacement(read('one-node'), 1.5)).toThrow(/count \(1.5\)/);
  });
});
