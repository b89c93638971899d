import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTsWorker, seededRandom } from '../src/index.js';

/** Runs `body` with a new temporary folder, removed afterwards whatever happens. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zactor-ts-worker-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
    await inTempDir(async (dir) => {
      const file = join(dir, 'answer.ts');
      const source = (value: number) =>
        `import { parentPort } from 'node:worker_threads';\n` +
        `const answer: number = ${value};\nparentPort?.postMessage(answer);\n`;
      writeFileSync(file, source(1));
      expect(await runTsWorker<number>(pathToFileURL(file))).toBe(1);
      expect(await runTsWorker<number>(pathToFileURL(file))).toBe(1);
      writeFileSync(file, source(2));
      expect(await runTsWorker<number>(pathToFileURL(file))).toBe(2);
    });
  });

  it('names the TypeScript line of an error thrown at run time', async () => {
    await inTempDir(async (dir) => {
      const file = join(dir, 'thrower.ts');
      // Types and blank lines before the throw: the transform's line differs from the source's.
      writeFileSync(
        file,
        'interface Shape {\n  readonly side: number;\n}\n\ntype Area = number;\n\n' +
          'const area = (s: Shape): Area => s.side * s.side;\n\n' +
          "if (area({ side: 2 }) === 4) throw new Error('at line 9');\n",
      );
      const failure = await runTsWorker(pathToFileURL(file)).catch((e: Error) => e);
      expect(String((failure as Error).stack)).toMatch(/thrower\.ts:9:/);
    });
  });

  it('resolves `./x.js` to x.ts, and `./x` to x.ts or x/index.ts, as the sources may write', async () => {
    await inTempDir(async (dir) => {
      mkdirSync(join(dir, 'folder'));
      writeFileSync(join(dir, 'one.ts'), 'export const one: number = 1;\n');
      writeFileSync(join(dir, 'two.ts'), 'export const two: number = 2;\n');
      writeFileSync(join(dir, 'folder', 'index.ts'), 'export const three: number = 3;\n');
      writeFileSync(
        join(dir, 'main.ts'),
        "import { parentPort } from 'node:worker_threads';\n" +
          "import { one } from './one.js';\nimport { two } from './two';\n" +
          "import { three } from './folder';\nparentPort?.postMessage(one + two + three);\n",
      );
      expect(await runTsWorker<number>(pathToFileURL(join(dir, 'main.ts')))).toBe(6);
    });
  });

  it('rejects with the position of a syntax error in a source', async () => {
    await inTempDir(async (dir) => {
      const file = join(dir, 'broken.ts');
      writeFileSync(file, 'const x: number = ;\n');
      await expect(runTsWorker(pathToFileURL(file))).rejects.toThrow(/broken\.ts:1/);
    });
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
