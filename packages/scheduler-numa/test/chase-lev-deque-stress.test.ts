import { runTsWorker, stressMode, testSeed } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import { ChaseLevDeque } from '../src/index.js';
import {
  CONTROL_ABORT,
  CONTROL_WORDS,
  type DequeStressData,
  type DequeStressResult,
} from './workers/deque-stress-protocol.js';

const owner = new URL('./workers/deque-owner.ts', import.meta.url);
const thief = new URL('./workers/deque-thief.ts', import.meta.url);

async function race(options: {
  thieves: number;
  count: number;
  recordWords: number;
  initialPosition: number;
  label: string;
}) {
  const deque = ChaseLevDeque.create({
    capacity: 256,
    recordWords: options.recordWords,
    initialPosition: options.initialPosition,
  });
  const data: DequeStressData = {
    deque: deque.buffer,
    seen: new SharedArrayBuffer(options.count * 4),
    control: new SharedArrayBuffer(CONTROL_WORDS * 4),
    count: options.count,
    seed: testSeed(options.label),
    parties: options.thieves + 1,
  };
  const control = new Int32Array(data.control);
  // If any worker fails, tell the others to stop so the test fails instead of hanging.
  const abortOnFailure = (run: Promise<DequeStressResult>) =>
    run.catch((error: unknown) => {
      Atomics.store(control, CONTROL_ABORT, 1);
      throw error;
    });
  const results = await Promise.all([
    abortOnFailure(runTsWorker<DequeStressResult>(owner, data)),
    ...Array.from({ length: options.thieves }, () =>
      abortOnFailure(runTsWorker<DequeStressResult>(thief, data)),
    ),
  ]);
  const seen = new Int32Array(data.seen);
  let missing = 0;
  let repeated = 0;
  for (const times of seen) {
    if (times === 0) missing++;
    else if (times > 1) repeated++;
  }
  return { results, missing, repeated, deque };
}

const count = stressMode() ? 20_000_000 : 1_000_000;

describe('ChaseLevDeque on real workers', () => {
  it(`takes each of ${count} ids exactly once when one thief races the owner`, async () => {
    const { results, missing, repeated, deque } = await race({
      thieves: 1,
      count,
      recordWords: 1,
      initialPosition: 0,
      label: 'deque 1 thief',
    });
    expect({ missing, repeated }).toEqual({ missing: 0, repeated: 0 });
    expect(results.reduce((sum, r) => sum + r.taken, 0)).toBe(count);
    expect(deque.size()).toBe(0);
    // The start barrier makes the race real: the thief must have won some records.
    expect(results[1]!.taken).toBeGreaterThan(0);
  });

  it(`takes each of ${count} ids exactly once when three thieves race the owner across 2^31`, async () => {
    const { results, missing, repeated } = await race({
      thieves: 3,
      count,
      recordWords: 1,
      initialPosition: 2 ** 31 - count / 2,
      label: 'deque 3 thieves wrap',
    });
    expect({ missing, repeated }).toEqual({ missing: 0, repeated: 0 });
    expect(results.reduce((sum, r) => sum + r.taken, 0)).toBe(count);
  });

  it('never hands out a torn multi-word record to two racing thieves', async () => {
    const n = count / 2;
    const { results, missing, repeated } = await race({
      thieves: 2,
      count: n,
      recordWords: 4,
      initialPosition: -7,
      label: 'deque records',
    });
    expect({ missing, repeated }).toEqual({ missing: 0, repeated: 0 });
    expect(results.map((r) => r.torn)).toEqual([0, 0, 0]);
    expect(results.reduce((sum, r) => sum + r.taken, 0)).toBe(n);
  });
});
