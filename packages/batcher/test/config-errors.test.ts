import { describe, expect, it } from 'vitest';
import {
  AdaptiveBatcher,
  type AdaptiveBatcherOptions,
  BatchAccumulator,
  type BatchAccumulatorOptions,
  BatcherError,
  type BatcherErrorCode,
  BatchProcessor,
  type BatchProcessorOptions,
  FixedBatcher,
  ManualClock,
} from '../src/index.js';
import { ArraySource } from './support/array-source.js';

function expectBatcherError(make: () => unknown, code: BatcherErrorCode, where: string): void {
  let caught: unknown;
  try {
    make();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BatcherError);
  const error = caught as BatcherError;
  expect(error.code).toBe(code);
  expect(error.message.startsWith(`@zactor/batcher/${where}: `)).toBe(true);
}

// Options are built loosely on purpose: the point is what happens to JavaScript callers.
type Loose<T> = { [K in keyof T]?: unknown };

describe('AdaptiveBatcher configuration', () => {
  const valid: AdaptiveBatcherOptions = { minSize: 2, maxSize: 64, targetLatencyMs: 1 };
  const make = (patch: Loose<AdaptiveBatcherOptions>) => () =>
    new AdaptiveBatcher({ ...valid, ...patch } as AdaptiveBatcherOptions);
  const where = 'AdaptiveBatcher.constructor';

  it.each([
    ['minSize', 0],
    ['minSize', -1],
    ['minSize', 1.5],
    ['minSize', Number.NaN],
    ['minSize', '4'],
    ['minSize', undefined],
    ['maxSize', 0],
    ['maxSize', 2.5],
    ['maxSize', Number.POSITIVE_INFINITY],
    ['initialSize', 0],
    ['initialSize', 3.5],
  ])('rejects %s = %s as INVALID_SIZE', (name, value) => {
    expectBatcherError(make({ [name]: value }), 'INVALID_SIZE', where);
  });

  it('rejects minSize greater than maxSize as INVALID_RANGE', () => {
    expectBatcherError(make({ minSize: 65, maxSize: 64 }), 'INVALID_RANGE', where);
  });

  it.each([1, 65])('rejects initialSize %s outside [minSize, maxSize] as INVALID_RANGE', (size) => {
    expectBatcherError(make({ initialSize: size }), 'INVALID_RANGE', where);
  });

  it.each([
    ['targetLatencyMs', 0],
    ['targetLatencyMs', -1],
    ['targetLatencyMs', Number.NaN],
    ['targetLatencyMs', Number.POSITIVE_INFINITY],
    ['targetLatencyMs', undefined],
    ['targetLatencyMs', '1'],
    ['targetThroughput', 0],
    ['targetThroughput', -100],
    ['targetThroughput', Number.NaN],
    ['targetThroughput', Number.POSITIVE_INFINITY],
  ])('rejects %s = %s as INVALID_TARGET', (name, value) => {
    expectBatcherError(make({ [name]: value }), 'INVALID_TARGET', where);
  });

  it.each([
    ['smoothing', 0],
    ['smoothing', 1.01],
    ['smoothing', Number.NaN],
    ['tolerance', -0.01],
    ['tolerance', 1],
    ['gain', 0],
    ['gain', 1.5],
    ['maxDecrease', 0],
    ['maxDecrease', 1],
    ['outlierClip', 0.99],
    ['outlierClip', Number.NaN],
  ])('rejects %s = %s as INVALID_OPTION', (name, value) => {
    expectBatcherError(make({ [name]: value }), 'INVALID_OPTION', where);
  });

  it('rejects a missing options object as INVALID_OPTION', () => {
    expectBatcherError(
      () => new AdaptiveBatcher(undefined as unknown as AdaptiveBatcherOptions),
      'INVALID_OPTION',
      where,
    );
  });

  it('accepts the edges of every range', () => {
    const batcher = new AdaptiveBatcher({
      minSize: 1,
      maxSize: 1,
      initialSize: 1,
      targetLatencyMs: Number.MIN_VALUE,
      targetThroughput: Number.MAX_VALUE,
      smoothing: 1,
      tolerance: 0,
      gain: 1,
      maxDecrease: 0.001,
      outlierClip: 1,
    });
    expect(batcher.size).toBe(1);
  });
});

describe('FixedBatcher configuration', () => {
  it.each([0, -3, 2.5, Number.NaN])('rejects size %s as INVALID_SIZE', (size) => {
    expectBatcherError(() => new FixedBatcher(size), 'INVALID_SIZE', 'FixedBatcher.constructor');
  });
});

describe('BatchAccumulator configuration', () => {
  const valid: BatchAccumulatorOptions<number> = { size: 4, lingerMs: 1, onFlush: () => {} };
  const make = (patch: Loose<BatchAccumulatorOptions<number>>) => () =>
    new BatchAccumulator<number>({ ...valid, ...patch } as BatchAccumulatorOptions<number>);
  const where = 'BatchAccumulator.constructor';

  it.each([0, -1, 1.5, Number.NaN, '4', null, {}, { size: 4, record: 'no' }])(
    'rejects size %s as INVALID_SIZE',
    (size) => {
      expectBatcherError(make({ size }), 'INVALID_SIZE', where);
    },
  );

  it('rejects a Batcher whose maxSize is not a size as INVALID_SIZE', () => {
    const batcher = { size: 1, maxSize: 0, record: () => 1 };
    expectBatcherError(make({ size: batcher }), 'INVALID_SIZE', where);
  });

  it.each([-1, Number.NaN, undefined, '5'])('rejects lingerMs %s as INVALID_OPTION', (lingerMs) => {
    expectBatcherError(make({ lingerMs }), 'INVALID_OPTION', where);
  });

  it.each([
    ['onFlush', undefined],
    ['onFlush', 'handler'],
    ['onStats', 42],
  ])('rejects %s = %s as INVALID_OPTION', (name, value) => {
    expectBatcherError(make({ [name]: value }), 'INVALID_OPTION', where);
  });

  it('rejects a missing options object as INVALID_OPTION', () => {
    expectBatcherError(
      () => new BatchAccumulator(null as unknown as BatchAccumulatorOptions<number>),
      'INVALID_OPTION',
      where,
    );
  });
});

describe('BatchProcessor configuration', () => {
  const valid: BatchProcessorOptions<number> = {
    source: new ArraySource<number>(),
    batcher: new FixedBatcher(4),
    handler: () => {},
  };
  const make = (patch: Loose<BatchProcessorOptions<number>>) => () =>
    new BatchProcessor<number>({ ...valid, ...patch } as BatchProcessorOptions<number>);
  const where = 'BatchProcessor.constructor';

  it.each([
    ['source', undefined],
    ['source', {}],
    ['source', { drain: 1 }],
    ['batcher', undefined],
    ['batcher', 8],
    ['batcher', { size: 1 }],
    ['handler', undefined],
    ['handler', {}],
    ['enqueuedAt', 'now'],
    ['onStats', true],
  ])('rejects %s = %o as INVALID_OPTION', (name, value) => {
    expectBatcherError(make({ [name]: value }), 'INVALID_OPTION', where);
  });

  it('rejects a batcher whose maxSize is not a size as INVALID_SIZE', () => {
    const batcher = { size: 1, maxSize: 1.5, record: () => 1 };
    expectBatcherError(make({ batcher }), 'INVALID_SIZE', where);
  });
});

describe('ManualClock arguments', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects a start time of %s', (start) => {
    expectBatcherError(() => new ManualClock(start), 'INVALID_ARGUMENT', 'ManualClock.constructor');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects advance(%s)', (ms) => {
    const clock = new ManualClock();
    expectBatcherError(() => clock.advance(ms), 'INVALID_ARGUMENT', 'ManualClock.advance');
    expect(clock.now()).toBe(0);
  });
});
