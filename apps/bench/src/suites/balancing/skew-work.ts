/**
 * The work of the skewed-load scenario, shared by every implementation (ZActor's actors and
 * piscina's workers import this same code): the seeded costs of the tasks and the CPU work one
 * task does.
 *
 * Costs are heavy-tailed: a Pareto distribution with shape `PARETO_SHAPE` (1.5: finite mean,
 * infinite variance) and minimum 1 unit, capped at `MAX_UNITS`, drawn with the tests' seeded
 * mulberry32 (`@zactor/testing`), so every implementation and every run gets the same tasks in
 * the same order.
 */
import { seededRandom } from '@zactor/testing/seeded-random';

export const PARETO_SHAPE = 1.5;
/** The largest task, in units (the cap of the tail). */
export const MAX_UNITS = 200;

/** The cost in units of each of `count` tasks (integers from 1 to MAX_UNITS). */
export function taskCosts(seed: number, count: number): Uint16Array {
  const random = seededRandom(seed);
  const costs = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    // Inverse transform: x = u^(-1/shape), u in (0, 1].
    const u = 1 - random();
    costs[i] = Math.min(MAX_UNITS, Math.floor(u ** (-1 / PARETO_SHAPE)));
  }
  return costs;
}

/** Integer mixing for `units * loopsPerUnit` rounds (about 1 ns each); returns the mix. */
export function burn(units: number, loopsPerUnit: number): number {
  let x = units | 0;
  const n = units * loopsPerUnit;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 31) + i) | 0;
  return x;
}

/**
 * Which of 2 workers' actors each task is for, in a static split: task i goes to i % 2 when
 * `hotPercent` is 0; otherwise to worker 0 with probability hotPercent / 100 (a hot partition:
 * the actors that placement put on worker 0 get most of the load), seeded apart from the costs.
 */
export function taskTargets(seed: number, count: number, hotPercent: number): Uint8Array {
  const targets = new Uint8Array(count);
  const random = seededRandom(seed ^ 0x5bd1e995);
  for (let i = 0; i < count; i++) {
    targets[i] = hotPercent === 0 ? i & 1 : random() * 100 < hotPercent ? 0 : 1;
  }
  return targets;
}

/**
 * The shortest run any scheduler could achieve on 2 workers for `costs` (a lower bound: the
 * larger of the average load and the largest task), the load of the busiest worker of the static
 * split `targets`, and the total; all in units.
 */
export function loadBounds(
  costs: Uint16Array,
  targets: Uint8Array,
): { readonly total: number; readonly balanced: number; readonly staticSplit: number } {
  const loads = [0, 0];
  let total = 0;
  let largest = 0;
  for (let i = 0; i < costs.length; i++) {
    const c = costs[i]!;
    loads[targets[i]!]! += c;
    total += c;
    if (c > largest) largest = c;
  }
  return { total, balanced: Math.max(total / 2, largest), staticSplit: Math.max(...loads) };
}
