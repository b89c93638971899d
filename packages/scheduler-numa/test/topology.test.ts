import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  affinitySupport,
  currentAffinity,
  formatCpuList,
  nodeOfCpu,
  parseCpuList,
  readTopology,
  SchedulerError,
} from '../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const read = (name: string, status = 'status') =>
  readTopology({ sysRoot: fixture(name), statusPath: `${fixture(name)}/${status}` });

describe('parseCpuList and formatCpuList', () => {
  it('reads single cpus, ranges and strided ranges, sorted and without duplicates', () => {
    expect(parseCpuList('0-3,8-11\n')).toEqual([0, 1, 2, 3, 8, 9, 10, 11]);
    expect(parseCpuList(' 5,1,1,2 ')).toEqual([1, 2, 5]);
    expect(parseCpuList('0-10:4')).toEqual([0, 4, 8]);
    expect(parseCpuList('')).toEqual([]);
  });

  it('writes the shortest range list and round-trips', () => {
    expect(formatCpuList([5, 0, 1, 2, 7, 8])).toBe('0-2,5,7-8');
    expect(parseCpuList(formatCpuList([3, 9, 10, 11]))).toEqual([3, 9, 10, 11]);
  });

  it('throws a SchedulerError for text that is not a cpu list', () => {
    expect(() => parseCpuList('0-a')).toThrow(SchedulerError);
    expect(() => parseCpuList('4-2')).toThrow(/bad range/);
  });
});

describe('readTopology on fixture machines', () => {
  it('reads a one-node machine with four plain cores', () => {
    const topology = read('one-node');
    expect(topology.source).toBe('sysfs');
    expect(topology.nodes).toEqual([{ node: 0, cpus: [0, 1, 2, 3] }]);
    expect(topology.coreCount).toBe(4);
    expect(topology.smt).toBe(false);
    expect(topology.allowedCpus).toEqual([0, 1, 2, 3]);
    expect(topology.cpus[2]).toEqual({
      cpu: 2,
      node: 0,
      packageId: 0,
      core: 2,
      siblings: [2],
      allowed: true,
    });
  });

  it('reads a two-node machine whose cpus alternate between the nodes', () => {
    const topology = read('two-node');
    expect(topology.nodes).toEqual([
      { node: 0, cpus: [0, 2] },
      { node: 1, cpus: [1, 3] },
    ]);
    expect(topology.cpus.map((c) => [c.cpu, c.node, c.packageId])).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 0, 0],
      [3, 1, 1],
    ]);
    expect(nodeOfCpu(topology, 3)).toBe(1);
    expect(nodeOfCpu(topology, 9)).toBe(-1);
  });

  it('reads SMT siblings and counts physical cores, not hardware threads', () => {
    const topology = read('smt');
    expect(topology.smt).toBe(true);
    expect(topology.coreCount).toBe(2);
    expect(topology.cpus.map((c) => [c.cpu, c.core, c.siblings])).toEqual([
      [0, 0, [0, 2]],
      [1, 1, [1, 3]],
      [2, 0, [0, 2]],
      [3, 1, [1, 3]],
    ]);
  });

  it('marks the cpus outside Cpus_allowed_list as not allowed', () => {
    const topology = read('two-node', 'status-restricted');
    expect(topology.allowedCpus).toEqual([1, 2, 3]);
    expect(topology.cpus[0]!.allowed).toBe(false);
  });

  it('puts every cpu on node 0 when the kernel has no node directory', () => {
    const topology = read('no-numa');
    expect(topology.source).toBe('sysfs');
    expect(topology.nodes).toEqual([{ node: 0, cpus: [0, 1] }]);
  });

  it('falls back to one node of availableParallelism() cpus when /sys is missing', () => {
    const topology = readTopology({ sysRoot: '/nonexistent', statusPath: '/nonexistent' });
    expect(topology.source).toBe('fallback');
    expect(topology.reason).toMatch(/cannot read \/nonexistent/);
    expect(topology.nodes).toHaveLength(1);
    expect(topology.allowedCpus).toHaveLength(availableParallelism());
  });

  it('reads this machine and agrees with the affinity mask where affinity works', () => {
    const topology = readTopology();
    expect(topology.allowedCpus.length).toBeGreaterThan(0);
    expect(topology.nodes.flatMap((n) => n.cpus).sort((a, b) => a - b)).toEqual(
      topology.cpus.map((c) => c.cpu),
    );
    if (affinitySupport().supported) {
      const mask = currentAffinity()!;
      expect(topology.allowedCpus.every((cpu) => mask.includes(cpu))).toBe(true);
    }
  });
});
