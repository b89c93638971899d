import { describe, expect, it } from 'vitest';
import { runTsWorker, seededRandom } from '../src/index.js';

describe('runTsWorker', () => {
  it('runs a TypeScript worker and its TypeScript imports', async () => {
    const result = await runTsWorker<{ doubled: number; first: number }>(
      new URL('./fixtures/echo-worker.ts', import.meta.url),
      { value: 21 },
    );
    expect(result).toEqual({ doubled: 42, first: seededRandom(21)() });
  });

  it('rejects instead of hanging when the worker throws', async () => {
    await expect(
      runTsWorker(new URL('./fixtures/crash-worker.ts', import.meta.url)),
    ).rejects.toThrow(/deliberate failure/);
  });
});

describe('seededRandom', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });
});
