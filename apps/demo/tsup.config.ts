import { defineConfig } from 'tsup';

export default defineConfig({
  // The workers load the cluster module by URL, so it is an entry of its own next to cli.js.
  entry: ['src/cli.ts', 'src/exchange-cluster.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
});
