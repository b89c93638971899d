/**
 * Import-structure rules, checked by `pnpm check:deps` (part of `pnpm test`).
 *
 * Type-only imports (`import type { X }`) are read too (`tsPreCompilationDeps: true`), so the
 * layering rule sees them; the cycle rule leaves them out through `dependencyTypesNot:
 * ['type-only']` on the rule's `to` and `viaOnly`: a cycle that only closes through types does
 * not exist at runtime (the module graph a bundle or Node loads has no such edge).
 *
 * One blind spot: dependency-cruiser also calls `import { type X }` (every name marked `type`)
 * type-only, but under `verbatimModuleSyntax` TypeScript keeps it as `import {} from`, a runtime
 * edge. Biome's `useImportType` warns about such imports; write them as `import type`.
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      comment:
        'A module must not reach itself through runtime imports (type-only imports are ignored). ' +
        'Break the cycle: move the shared part to a module of its own, or import it as a type.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/' },
      to: {
        circular: true,
        dependencyTypesNot: ['type-only'],
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
    {
      name: 'actor-core-local-not-cluster',
      comment:
        'The local core of actor-core (src/*.ts) names nothing of the cluster layer, not even a ' +
        'type: the cluster plugs in through roles the core defines (ForeignChildren, ' +
        'RemoteRefResolver, spawnDetached). Only index.ts re-exports the cluster API.',
      severity: 'error',
      from: {
        path: '^packages/actor-core/src/[^/]+\\.ts$',
        pathNot: '^packages/actor-core/src/index\\.ts$',
      },
      to: { path: '^packages/actor-core/src/cluster/' },
    },
  ],
  options: {
    includeOnly: '^packages/[^/]+/src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      // Workspace packages resolve to their sources, as in the tests (see tsconfig.base.json).
      conditionNames: ['@zactor/source', 'import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.js'],
    },
    cache: false,
  },
};
