import { SchedulerError } from './errors.js';

/**
 * The kernel's cpu list format, as in `/sys/devices/system/node/node0/cpulist` or the
 * `Cpus_allowed_list` line of `/proc/self/status`: comma-separated cpus and inclusive ranges,
 * e.g. `0-3,8-11`, optionally with a stride (`0-10:2`). Returns the cpus sorted, without
 * duplicates. An empty (or blank) list is valid and yields `[]`.
 */
export function parseCpuList(text: string): number[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const cpus = new Set<number>();
  for (const part of trimmed.split(',')) {
    const match = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part.trim());
    if (match === null) {
      throw new SchedulerError(
        'cpu-list.parseCpuList',
        'INVALID_CPU_LIST',
        `cannot parse "${text}"`,
      );
    }
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    const stride = match[3] === undefined ? 1 : Number(match[3]);
    if (last < first || stride < 1) {
      throw new SchedulerError(
        'cpu-list.parseCpuList',
        'INVALID_CPU_LIST',
        `bad range in "${text}"`,
      );
    }
    for (let cpu = first; cpu <= last; cpu += stride) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** The inverse of {@link parseCpuList}: `[0, 1, 2, 5]` becomes `0-2,5`. */
export function formatCpuList(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i]!;
    let last = first;
    while (i + 1 < sorted.length && sorted[i + 1] === last + 1) last = sorted[++i]!;
    parts.push(first === last ? `${first}` : `${first}-${last}`);
    i++;
  }
  return parts.join(',');
}
