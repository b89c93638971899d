import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNodeChild, tsxCli } from '@zactor/testing';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
/** Kills a hung child; the test's own bound is longer, so the kill and its report come first. */
const CHILD_BOUND_MS = 120_000;
const TEST_BOUND_MS = 150_000;

/** `tsc --noEmit -p <project>` in the example's directory: its exit code and output. */
function compile(project: string) {
  return runNodeChild([tsc, '--noEmit', '-p', project], dir, CHILD_BOUND_MS);
}

describe('the typed-cluster example', () => {
  it(
    'runs under tsx: the main thread and a worker ask a ponger on another worker',
    async () => {
      const { code, out } = await runNodeChild(
        [tsxCli, '--conditions=@zactor/source', 'main.ts'],
        dir,
        CHILD_BOUND_MS,
      );
      const lines = out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown);
      expect(lines).toEqual([
        { from: 'main', pong: { seq: 1, worker: 1, greeting: 'hello' } },
        { from: 'relay', relayed: { via: 0, pong: { seq: 2, worker: 1, greeting: 'hello' } } },
      ]);
      expect(code).toBe(0);
    },
    TEST_BOUND_MS,
  );

  it(
    'compiles, and every line marked @ts-expect-error is a compile error without its mark',
    async () => {
      const clean = await compile('tsconfig.json');
      expect(clean.out).toBe('');
      expect(clean.code).toBe(0);

      // The same file without the directives, next to actors.ts so its imports resolve.
      const source = readFileSync(join(dir, 'type-errors.ts'), 'utf8').split('\n');
      const expected = source.flatMap((line, i) =>
        line.trim().startsWith('// @ts-expect-error') ? [i + 2] : [],
      );
      expect(expected.length).toBeGreaterThanOrEqual(8);
      const name = `type-errors-unmarked-${process.pid}`;
      const project = `tsconfig.${name}.json`;
      try {
        writeFileSync(
          join(dir, `${name}.ts`),
          source.map((l) => l.replace(/\/\/ @ts-expect-error.*/, '// unmarked')).join('\n'),
        );
        writeFileSync(
          join(dir, project),
          JSON.stringify({ extends: './tsconfig.json', include: [], files: [`${name}.ts`] }),
        );
        const unmarked = await compile(project);
        const failing = [...unmarked.out.matchAll(new RegExp(`${name}\\.ts\\((\\d+),`, 'g'))].map(
          (m) => Number(m[1]),
        );
        expect([...new Set(failing)]).toEqual(expected);
        expect(unmarked.code).not.toBe(0);
      } finally {
        rmSync(join(dir, `${name}.ts`), { force: true });
        rmSync(join(dir, project), { force: true });
      }
    },
    TEST_BOUND_MS,
  );
});
