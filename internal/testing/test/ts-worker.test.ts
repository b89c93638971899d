import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

  it('runs the text a source has now, not a cached transform of an earlier one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zactor-ts-worker-'));
    try {
      const file = join(dir, 'answer.ts');
      const source = (value: number) =>
        `import { parentPort } from 'node:worker_threads';\n` +
        `const answer: number = ${value};\nparentPort?.postMessage(answer);\n`;
      writeFileSync(file, source(1));
      expect(await runTsWorker<number>(pathToFileURL(file))).toBe(1);
      expect(await runTsWorker<number>(pathToFileURL(file))).toBe(1);
      writeFileSync(file, source(2));
      expect(await runTsWorker<number>(pathToFileURL(file))).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects with the position of a syntax error in a source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zactor-ts-worker-'));
    try {
      const file = join(dir, 'broken.ts');
      writeFileSync(file, 'const x: number = ;\n');
      await expect(runTsWorker(pathToFileURL(file))).rejects.toThrow(/broken\.ts:1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
