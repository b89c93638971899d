/**
 * piscina's worker for the skewed-load scenario (suites/balancing): runs one task with the same
 * work as ZActor's `skewTask` and returns where it ran and how long the work took.
 */
import { threadId } from 'node:worker_threads';
import { burn } from '../suites/balancing/skew-work.js';

export interface SkewTaskInput {
  readonly units: number;
  readonly loopsPerUnit: number;
}

export interface SkewTaskOutput {
  readonly thread: number;
  /** Milliseconds the work took. */
  readonly ms: number;
  readonly mix: number;
}

export default function skewTask(task: SkewTaskInput): SkewTaskOutput {
  const start = performance.now();
  const mix = burn(task.units, task.loopsPerUnit);
  return { thread: threadId, ms: performance.now() - start, mix };
}
