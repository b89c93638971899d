import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsxCli = join(
  dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
  'dist/cli.mjs',
);
const main = fileURLToPath(new URL('./fixtures/ts-cluster/main.ts', import.meta.url));
// Sibling packages from source, as in the tests themselves: no build needed.
const source = '--conditions=@zactor/source';
/** Kills a hung child; the test's own bound is longer, so the kill and its report come first. */
const CHILD_BOUND_MS = 120_000;
const TEST_BOUND_MS = 150_000;

/**
 * Runs `node ...args` from the package directory (where `tsx` resolves, as in a user's project)
 * without NODE_OPTIONS; resolves with its exit code and output. The child is killed in any case.
 */
async function runNode(args: readonly string[]): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, args, { cwd: packageDir, env });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const bound = setTimeout(() => child.kill('SIGKILL'), CHILD_BOUND_MS);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    return { code, out };
  } finally {
    clearTimeout(bound);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

const reply = 'reply {"text":"HI!","worker":0}';

describe('a cluster module written in TypeScript', () => {
  it(
    'runs on the workers when the main thread runs under node --import tsx',
    async () => {
      const { code, out } = await runNode([source, '--import', 'tsx', main, './actors.ts']);
      expect(out).toContain(reply);
      expect(code).toBe(0);
    },
    TEST_BOUND_MS,
  );

  it(
    'runs when named ./actors.js, as the README writes it, under the tsx CLI',
    async () => {
      const { code, out } = await runNode([tsxCli, source, main, './actors.js']);
      expect(out).toContain(reply);
      expect(code).toBe(0);
    },
    TEST_BOUND_MS,
  );

  it(
    'fails with TS_LOADER_MISSING, saying what to run, when the main thread has no loader',
    async () => {
      const plain = fileURLToPath(new URL('./fixtures/ts-cluster/plain-main.mjs', import.meta.url));
      const { code, out } = await runNode([plain]);
      expect(out).toContain('failed TS_LOADER_MISSING: @zactor/actor-core/ActorCluster.start: ');
      expect(out).toContain('node --import tsx main.ts');
      expect(code).toBe(0);
    },
    TEST_BOUND_MS,
  );
});
