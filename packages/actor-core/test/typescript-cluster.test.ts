import { fileURLToPath } from 'node:url';
import { runNodeChild, tsxCli } from '@zactor/testing';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const main = fileURLToPath(new URL('./fixtures/ts-cluster/main.ts', import.meta.url));
// Sibling packages from source, as in the tests themselves: no build needed.
const source = '--conditions=@zactor/source';
/** Kills a hung child; the test's own bound is longer, so the kill and its report come first. */
const CHILD_BOUND_MS = 120_000;
const TEST_BOUND_MS = 150_000;

/** Runs `node ...args` from the package directory, where `tsx` resolves as in a user's project. */
function runNode(args: readonly string[]) {
  return runNodeChild(args, packageDir, CHILD_BOUND_MS);
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
