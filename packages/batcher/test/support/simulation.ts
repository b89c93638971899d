import type { Batcher } from '../../src/index.js';

/** What one simulated batch reports back. */
export interface Sample {
  items: number;
  elapsedMs: number;
  latencyMs: number;
}

/** A workload: given the size asked for and the step number, how the batch went. */
export type Workload = (size: number, step: number) => Sample;

/** Runs `steps` batches and returns the size chosen after each one. */
export function simulate(batcher: Batcher, workload: Workload, steps: number): number[] {
  const sizes: number[] = [];
  for (let step = 0; step < steps; step++) {
    const sample = workload(batcher.size, step);
    sizes.push(batcher.record(sample.items, sample.elapsedMs, sample.latencyMs));
  }
  return sizes;
}

/** A standard normal deviate from a uniform source (Box-Muller). */
export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * The batch costs `fixedMs + perItemMs * items`, times (1 + noise * N(0, 1)) (never below 5%
 * of the mean); with probability `spikeChance` a pause of `spikeMs` is added on top (a GC).
 * Latency is the batch's elapsed time; `itemsAvailable` caps the batch (an emptying source).
 */
export function linearWorkload(config: {
  fixedMs: number;
  perItemMs: number | ((step: number) => number);
  noise: number;
  random: () => number;
  spikeChance?: number;
  spikeMs?: number;
  itemsAvailable?: number;
}): Workload {
  const { fixedMs, perItemMs, noise, random } = config;
  const spikeChance = config.spikeChance ?? 0;
  const spikeMs = config.spikeMs ?? 0;
  const available = config.itemsAvailable ?? Number.POSITIVE_INFINITY;
  return (size, step) => {
    const items = Math.min(size, available);
    const slope = typeof perItemMs === 'number' ? perItemMs : perItemMs(step);
    let elapsedMs = (fixedMs + slope * items) * Math.max(0.05, 1 + noise * gaussian(random));
    if (spikeChance > 0 && random() < spikeChance) elapsedMs += spikeMs;
    return { items, elapsedMs, latencyMs: elapsedMs };
  };
}

/** The last `n` entries. */
export function tail(values: readonly number[], n: number): number[] {
  return values.slice(Math.max(0, values.length - n));
}

/** How many times the sequence turns from rising to falling or back (flat steps ignored). */
export function directionChanges(values: readonly number[]): number {
  let changes = 0;
  let direction = 0;
  for (let i = 1; i < values.length; i++) {
    const step = Math.sign(values[i]! - values[i - 1]!);
    if (step === 0) continue;
    if (direction !== 0 && step !== direction) changes++;
    direction = step;
  }
  return changes;
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** (max - min) / mean: how wide the sequence swings relative to its level. */
export function relativeSpread(values: readonly number[]): number {
  return (Math.max(...values) - Math.min(...values)) / mean(values);
}
