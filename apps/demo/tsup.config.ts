import { defineConfig } from 'tsup';

export default defineConfig({
  // The workers load the cluster module by URL, so it is an entry of its own next to cli.js; so is
  // the second process of --remote. @zactor/testing/nats-server (a dev dependency: the launcher)
  // is bundled in.
  entry: {
    cli: 'src/cli.ts',
    'exchange-cluster': 'src/exchange-cluster.ts',
    'market-data-process': 'src/remote/market-data-process.ts',
  },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
});
