import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './scripts/slow-first-sequencer.js';

// CI asks for a JSON report as well, to print one closing 'N passed, N failed' line.
const jsonReport = process.env.VITEST_JSON_REPORT;

// Tests read sibling packages from source: every package's `exports` has a
// "@zactor/source" condition that points at src/index.ts, so a change in one
// package is seen by the tests of another without a rebuild.
// The rest are Vite's default server conditions.
const conditions = ['@zactor/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'internal/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
    ],
    pool: 'forks',
    maxWorkers: 2,
    // Each fork runs file after file on one module graph instead of a fresh process per file:
    // the suite's import time went from 86 s to 16 s and the test phase from ~340 s to ~273 s
    // (2026-12-05, under coverage on 2 cores). Files must not rely on another file's module
    // state; one run alone (`vitest run <file>`) is isolated as before.
    isolate: false,
    // ... and a file that leaves a worker thread or a child process running fails
    // (internal/testing).
    setupFiles: ['internal/testing/src/leak-check.ts'],
    sequence: { sequencer: SlowFirstSequencer },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // `vitest run --coverage` (the root `test` script) measures the test processes here;
    // scripts/coverage-report.mjs adds the worker threads and child processes from the run's
    // NODE_V8_COVERAGE output (vitest's provider cannot see them) and checks the threshold.
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      reporter: [['json', { file: 'coverage-final.json' }]],
      reportsDirectory: 'coverage/vitest',
    },
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
  },
});
