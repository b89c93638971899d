import { fileURLToPath } from 'node:url';
import { runNodeChild, tsxCli } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import {
  bootstrapSource,
  importsIn,
  splitNodeOptions,
  workersInheritHooks,
} from '../src/inherited-loader.js';
import {
  isTypeScriptModule,
  isUnknownTypeScriptExtension,
  typeScriptLoaderInSight,
} from '../src/typescript-module-check.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const main = fileURLToPath(new URL('./ts-loader/main.ts', import.meta.url));
const mainThreadOnly = fileURLToPath(new URL('./ts-loader/main-thread-only.mjs', import.meta.url));
// Sibling packages from source, as in the tests themselves: no build needed.
const source = '--conditions=@zactor/source';
/** Kills a hung child; the test's own bound is longer, so the kill and its report come first. */
const CHILD_BOUND_MS = 120_000;
const TEST_BOUND_MS = 150_000;

/** Runs `node ...args` from the package directory, where `tsx` resolves as in a user's project. */
function runNode(args: readonly string[]) {
  return runNodeChild(args, packageDir, CHILD_BOUND_MS);
}

describe('TypeScript worker modules', () => {
  it(
    'run in the pool when the main thread runs under node --import tsx',
    async () => {
      const { code, out } = await runNode([source, '--import', 'tsx', main, './square-worker.ts']);
      expect(out).toContain('square 49');
      expect(code).toBe(0);
    },
    TEST_BOUND_MS,
  );

  it(
    'run when named with .js, which tsx resolves to the .ts file as on the main thread',
    async () => {
      const { code, out } = await runNode([source, '--import', 'tsx', main, './square-worker.js']);
      expect(out).toContain('square 49');
      expect(code).toBe(0);
    },
    TEST_BOUND_MS,
  );

  it(
    'run in the pool when the main thread runs under the tsx CLI',
    async () => {
      const { code, out } = await runNode([tsxCli, source, main, './square-worker.ts']);
      expect(out).toContain('square 49');
      expect(code).toBe(0);
    },
    TEST_BOUND_MS,
  );

  it(
    'fail with TS_LOADER_MISSING, saying what to run, when only the main thread registered a loader',
    async () => {
      const { code, out } = await runNode([source, mainThreadOnly]);
      expect(out).toMatch(
        /error TS_LOADER_MISSING @zactor\/scheduler-numa\/WorkerPool\.start: .*square-worker\.ts is TypeScript/,
      );
      expect(out).toContain('node --import tsx main.ts');
      expect(out).toContain('workerFactory');
      expect(code).toBe(1);
    },
    TEST_BOUND_MS,
  );
});

describe('the main thread loader a worker inherits', () => {
  it('reads --import values in both spellings, NODE_OPTIONS quoting included', () => {
    expect(importsIn(['--import', 'tsx', '--import=./a.mjs', '--require', 'x'])).toEqual([
      'tsx',
      './a.mjs',
    ]);
    expect(importsIn(splitNodeOptions('--import "/a b/c.mjs" --import=tsx'))).toEqual([
      '/a b/c.mjs',
      'tsx',
    ]);
    expect(splitNodeOptions(undefined)).toEqual([]);
  });

  it('replays preloads only on Node lines whose workers do not inherit hooks', () => {
    expect(workersInheritHooks('20.20.2')).toBe(false);
    expect(workersInheritHooks('22.1.0')).toBe(false);
    expect(workersInheritHooks('22.2.0')).toBe(true);
    expect(workersInheritHooks('24.0.0')).toBe(true);
  });

  it('registers tsx through its API and imports other preloads again, before the entry', () => {
    const source = bootstrapSource(
      ['tsx', 'file:///p/node_modules/tsx/dist/loader.mjs', './otel.mjs'],
      new URL('file:///p/entry.js'),
    );
    expect(source).toContain('(await import("tsx/esm/api")).register();');
    expect(source).toContain(
      '(await import("file:///p/node_modules/tsx/dist/esm/api/index.mjs")).register();',
    );
    expect(source.indexOf('"./otel.mjs"')).toBeLessThan(source.indexOf('"file:///p/entry.js"'));
  });

  it('tells TypeScript modules, loaders in sight and Node refusing a .ts file apart', () => {
    expect(isTypeScriptModule('file:///p/actors.ts')).toBe(true);
    expect(isTypeScriptModule('file:///p/actors.mts?x=1')).toBe(true);
    expect(isTypeScriptModule('file:///p/actors.js')).toBe(false);
    expect(typeScriptLoaderInSight([], {})).toBe(false);
    expect(typeScriptLoaderInSight(['--import=tsx'], {})).toBe(true);
    expect(typeScriptLoaderInSight([], { typescript: 'strip' })).toBe(true);
    const refused = Object.assign(new TypeError('Unknown file extension ".ts" for /p/a.ts'), {
      code: 'ERR_UNKNOWN_FILE_EXTENSION',
    });
    expect(isUnknownTypeScriptExtension(refused)).toBe(true);
    expect(isUnknownTypeScriptExtension(new Error('Cannot find module /p/a.js'))).toBe(false);
  });
});
