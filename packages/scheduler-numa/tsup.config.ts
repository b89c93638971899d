import { defineConfig } from 'tsup';

export default defineConfig({
  // worker-entry is the module every pool worker starts from; the pool loads it by URL
  // (dist/worker-entry.js), so it is built as its own entry rather than exported.
  entry: ['src/index.ts', 'src/worker-entry.ts'],
  format: ['esm', 'cjs'],
  // Declarations marked @internal stay out of the published .d.ts (checked by
  // scripts/pack-install-check.mjs).
  dts: { entry: 'src/index.ts', compilerOptions: { stripInternal: true } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  // The CommonJS build needs import.meta.url (to find worker-entry.js and to load koffi).
  shims: true,
});
