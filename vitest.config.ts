import { defineConfig } from 'vitest/config';

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
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
  },
});
