import { defineConfig } from 'tsup';

export default defineConfig({
  // soak-cluster is the module every cluster worker loads by URL, so it is its own entry.
  entry: ['src/cli.ts', 'src/soak-cluster.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
});
