import { SchedulerError } from './errors.js';
import type { Topology } from './topology.js';

/**
 * `spread` puts consecutive workers on different nodes, then different cores, and only uses a
 * core's second hardware thread once every core has one worker (throughput: each worker gets
 * its own caches and memory bandwidth). `compact` fills one core's threads, then the next core,
 * then the next node (locality: workers that talk a lot share caches).
 */
export type PlacementMode = 'spread' | 'compact';

/** Where one worker of a pool runs. */
export interface WorkerSlot {
  readonly workerIndex: number;
  readonly cpu: number;
  readonly node: number;
}

/** Allowed cpus grouped node → core → hardware threads, each level ascending. */
function group(topology: Topology): { node: number; cores: number[][] }[] {
  const byNode = new Map<number, Map<number, number[]>>();
  for (const info of topology.cpus) {
    if (!info.allowed) continue;
    let cores = byNode.get(info.node);
    if (cores === undefined) byNode.set(info.node, (cores = new Map()));
    let threads = cores.get(info.core);
    if (threads === undefined) cores.set(info.core, (threads = []));
    threads.push(info.cpu);
  }
  return [...byNode.entries()]
    .sort(([a], [b]) => a - b)
    .map(([node, cores]) => ({
      node,
      cores: [...cores.entries()].sort(([a], [b]) => a - b).map(([, threads]) => threads),
    }));
}

/** The order in which `mode` hands out the allowed cpus of `topology`. */
export function cpuOrder(topology: Topology, mode: PlacementMode): { cpu: number; node: number }[] {
  const nodes = group(topology);
  const order: { cpu: number; node: number }[] = [];
  if (mode === 'compact') {
    for (const { node, cores } of nodes) {
      for (const threads of cores) for (const cpu of threads) order.push({ cpu, node });
    }
    return order;
  }
  const maxCores = Math.max(0, ...nodes.map((n) => n.cores.length));
  const maxThreads = Math.max(0, ...nodes.flatMap((n) => n.cores.map((c) => c.length)));
  for (let thread = 0; thread < maxThreads; thread++) {
    for (let core = 0; core < maxCores; core++) {
      for (const { node, cores } of nodes) {
        const cpu = cores[core]?.[thread];
        if (cpu !== undefined) order.push({ cpu, node });
      }
    }
  }
  return order;
}

/**
 * Assigns `count` workers to the allowed cpus of `topology` in `mode` order; when there are
 * more workers than cpus the order repeats.
 */
export function planPlacement(
  topology: Topology,
  count: number,
  mode: PlacementMode = 'spread',
): WorkerSlot[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new SchedulerError(
      'placement-plan.planPlacement',
      'INVALID_WORKER_COUNT',
      `count (${count}) must be a positive integer`,
    );
  }
  const order = cpuOrder(topology, mode);
  const slots: WorkerSlot[] = [];
  for (let workerIndex = 0; workerIndex < count; workerIndex++) {
    const { cpu, node } = order[workerIndex % order.length]!;
    slots.push({ workerIndex, cpu, node });
  }
  return slots;
}
