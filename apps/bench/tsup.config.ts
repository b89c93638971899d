import { defineConfig } from 'tsup';

export default defineConfig({
  // Each worker module is its own entry, so the built CLI starts dist/workers/<name>.js.
  entry: ['src/cli.ts', 'src/workers/*.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  // Only reached when running from source (see src/harness/worker-launcher.ts).
  external: ['@zactor/testing'],
  // ...except the nats-server launcher, which the remote suite needs in the built CLI too, and
  // the seeded generator of the balancing suite's task costs (node builtins only: they bundle).
  noExternal: ['@zactor/testing/nats-server', '@zactor/testing/seeded-random'],
});
