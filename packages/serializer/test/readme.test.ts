import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runTsWorker } from '@zactor/testing';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const source = pathToFileURL(fileURLToPath(new URL('../src/index.ts', import.meta.url))).href;

/** The README's ```ts blocks, importing this package's sources instead of the built package. */
function examples(): string[] {
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) =>
    match[1]!.replaceAll("from '@zactor/serializer'", `from ${JSON.stringify(source)}`),
  );
}

describe('README', () => {
  it('runs its API tour from start to end', async () => {
    const blocks = examples();
    expect(blocks.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'zactor-serializer-readme-'));
    try {
      for (const [i, block] of blocks.entries()) {
        const file = join(dir, `example-${i}.mts`);
        // The worker posts once the example's top level has run without throwing.
        writeFileSync(
          file,
          `${block}\nimport { parentPort as __port } from 'node:worker_threads';\n__port?.postMessage('done');\n`,
        );
        const result = await runTsWorker<string>(pathToFileURL(file), undefined, { stdout: true });
        expect(result).toBe('done');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
