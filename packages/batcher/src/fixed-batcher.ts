import type { Batcher } from './batcher.js';
import { requireSize } from './validate.js';

/** A {@link Batcher} that always answers the same size: the baseline for comparisons. */
export class FixedBatcher implements Batcher {
  readonly size: number;
  readonly maxSize: number;

  constructor(size: number) {
    this.size = requireSize('FixedBatcher.constructor', 'size', size);
    this.maxSize = size;
  }

  record(_items: number, _elapsedMs: number, _latencyMs: number): number {
    return this.size;
  }
}

FixedBatcher satisfies new (
  size: number,
) => Batcher;
