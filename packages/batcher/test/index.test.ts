import { describe, expect, it } from 'vitest';
import * as batcher from '../src/index.js';

describe('@zactor/batcher', () => {
  it('exports exactly its documented runtime API', () => {
    expect(Object.keys(batcher).sort()).toEqual([
      'AdaptiveBatcher',
      'BatchAccumulator',
      'BatchProcessor',
      'BatcherError',
      'FixedBatcher',
      'ManualClock',
      'SystemClock',
    ]);
  });
});
