import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseCpuList } from './cpu-list.js';

/** One logical cpu (a hardware thread) as the kernel reports it. */
export interface CpuInfo {
  readonly cpu: number;
  /** The NUMA node whose memory is local to this cpu (0 when the machine reports no nodes). */
  readonly node: number;
  /** Physical package (socket) id. */
  readonly packageId: number;
  /**
   * The physical core, named by its lowest-numbered hardware thread, so it is unique across
   * packages (the kernel's `core_id` is only unique within one package).
   */
  readonly core: number;
  /** Hardware threads sharing this cpu's core, this cpu included, ascending. */
  readonly siblings: readonly number[];
  /** Whether this process may run on the cpu (its affinity mask includes it). */
  readonly allowed: boolean;
}

/** A NUMA node and its online cpus. */
export interface NumaNode {
  readonly node: number;
  readonly cpus: readonly number[];
}

/**
 * The machine as far as scheduling cares. Plain data, so it can be posted to a worker.
 * `source` says where it came from: `sysfs`, or `fallback` (one node of
 * `os.availableParallelism()` cpus) with `reason` when `/sys` could not be read.
 */
export interface Topology {
  readonly source: 'sysfs' | 'fallback';
  readonly reason?: string;
  readonly nodes: readonly NumaNode[];
  /** Every online cpu, ascending by cpu number. */
  readonly cpus: readonly CpuInfo[];
  /** The online cpus this process may use, ascending. Never empty. */
  readonly allowedCpus: readonly number[];
  /** Number of physical cores among the online cpus. */
  readonly coreCount: number;
  /** Whether any core has more than one hardware thread. */
  readonly smt: boolean;
}

export interface ReadTopologyOptions {
  /** Root of sysfs; tests point it at a fixture directory. Default `/sys`. */
  readonly sysRoot?: string;
  /**
   * A file in the format of `/proc/self/status`; its `Cpus_allowed_list` line gives the cpus
   * this process may use. Default `/proc/self/status`. When it cannot be read, every online
   * cpu counts as allowed.
   */
  readonly statusPath?: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readInt(path: string, fallback: number): number {
  const text = readText(path);
  const value = text === undefined ? Number.NaN : Number.parseInt(text.trim(), 10);
  return Number.isFinite(value) ? value : fallback;
}

function readAllowed(statusPath: string): number[] | undefined {
  const status = readText(statusPath);
  const line = status?.split('\n').find((l) => l.startsWith('Cpus_allowed_list:'));
  if (line === undefined) return undefined;
  try {
    return parseCpuList(line.slice('Cpus_allowed_list:'.length));
  } catch {
    return undefined;
  }
}

/** Online node numbers: `node/online` when present, else the `nodeN` directories. */
function readNodeIds(nodeDir: string): number[] {
  const online = readText(join(nodeDir, 'online'));
  if (online !== undefined) return parseCpuList(online);
  try {
    return readdirSync(nodeDir)
      .map((name) => /^node(\d+)$/.exec(name)?.[1])
      .filter((id): id is string => id !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    return [];
  }
}

function finish(
  source: Topology['source'],
  cpus: CpuInfo[],
  nodes: NumaNode[],
  reason?: string,
): Topology {
  let allowedCpus = cpus.filter((c) => c.allowed).map((c) => c.cpu);
  if (allowedCpus.length === 0) {
    // An affinity mask that names no online cpu means the status file lied or was for another
    // machine; scheduling on every online cpu is the only usable answer.
    cpus = cpus.map((c) => ({ ...c, allowed: true }));
    allowedCpus = cpus.map((c) => c.cpu);
  }
  const cores = new Set(cpus.map((c) => c.core));
  const topology: Topology = {
    source,
    nodes,
    cpus,
    allowedCpus,
    coreCount: cores.size,
    smt: cpus.some((c) => c.siblings.length > 1),
  };
  return reason === undefined ? topology : { ...topology, reason };
}

function fallbackTopology(reason: string, allowed: number[] | undefined): Topology {
  const count = availableParallelism();
  const cpus: CpuInfo[] = [];
  for (let cpu = 0; cpu < count; cpu++) {
    cpus.push({
      cpu,
      node: 0,
      packageId: 0,
      core: cpu,
      siblings: [cpu],
      allowed: allowed === undefined || allowed.includes(cpu),
    });
  }
  return finish('fallback', cpus, [{ node: 0, cpus: cpus.map((c) => c.cpu) }], reason);
}

/**
 * Reads the NUMA nodes, cores, SMT siblings and allowed cpus from sysfs. Synchronous and meant
 * to be called once at start-up. Never throws for a missing or partial sysfs: it falls back to
 * one node of `os.availableParallelism()` cpus and says why in `reason`.
 */
export function readTopology(options: ReadTopologyOptions = {}): Topology {
  const sysRoot = options.sysRoot ?? '/sys';
  const allowed = readAllowed(options.statusPath ?? '/proc/self/status');
  const cpuDir = join(sysRoot, 'devices/system/cpu');
  const onlineText = readText(join(cpuDir, 'online'));
  if (onlineText === undefined) {
    return fallbackTopology(`cannot read ${join(cpuDir, 'online')}`, allowed);
  }
  let online: number[];
  try {
    online = parseCpuList(onlineText);
  } catch {
    return fallbackTopology(`cannot parse ${join(cpuDir, 'online')}`, allowed);
  }
  if (online.length === 0) return fallbackTopology(`no online cpu in ${cpuDir}`, allowed);

  const nodeDir = join(sysRoot, 'devices/system/node');
  const nodeOfCpu = new Map<number, number>();
  const nodes: NumaNode[] = [];
  for (const node of readNodeIds(nodeDir)) {
    const list = readText(join(nodeDir, `node${node}`, 'cpulist'));
    let cpus: number[] = [];
    try {
      cpus = list === undefined ? [] : parseCpuList(list).filter((c) => online.includes(c));
    } catch {
      cpus = [];
    }
    for (const cpu of cpus) nodeOfCpu.set(cpu, node);
    // Memory-only nodes (no cpus) exist on some machines; a scheduler has nothing to put there.
    if (cpus.length > 0) nodes.push({ node, cpus });
  }
  const orphans = online.filter((cpu) => !nodeOfCpu.has(cpu));
  if (orphans.length > 0) {
    // No node directory (non-NUMA kernel) or cpus no node claims: they share node 0.
    const first = nodes.find((n) => n.node === 0);
    const merged = [...(first?.cpus ?? []), ...orphans].sort((a, b) => a - b);
    for (const cpu of orphans) nodeOfCpu.set(cpu, 0);
    if (first === undefined) nodes.unshift({ node: 0, cpus: merged });
    else nodes[nodes.indexOf(first)] = { node: 0, cpus: merged };
  }
  nodes.sort((a, b) => a.node - b.node);

  const cpus: CpuInfo[] = online.map((cpu) => {
    const topo = join(cpuDir, `cpu${cpu}`, 'topology');
    const siblingText =
      readText(join(topo, 'thread_siblings_list')) ?? readText(join(topo, 'core_cpus_list'));
    let siblings = [cpu];
    try {
      if (siblingText !== undefined) {
        const parsed = parseCpuList(siblingText).filter((c) => online.includes(c));
        if (parsed.includes(cpu)) siblings = parsed;
      }
    } catch {
      siblings = [cpu];
    }
    return {
      cpu,
      node: nodeOfCpu.get(cpu) ?? 0,
      packageId: readInt(join(topo, 'physical_package_id'), 0),
      core: siblings[0]!,
      siblings,
      allowed: allowed === undefined || allowed.includes(cpu),
    };
  });
  return finish('sysfs', cpus, nodes);
}

/** The node of `cpu` in `topology`, or -1 when the cpu is not online there. */
export function nodeOfCpu(topology: Topology, cpu: number): number {
  for (const info of topology.cpus) if (info.cpu === cpu) return info.node;
  return -1;
}
