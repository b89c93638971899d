/**
 * pnpm hooks of the workspace. `beforePacking` shapes the manifest that `pnpm pack` and
 * `pnpm publish` put in a package's tarball (the package.json on disk stays as it is). pnpm has
 * already turned `workspace:` and `catalog:` ranges into versions when it runs; this hook then:
 *
 * - drops `scripts` and `devDependencies` (the build, test and bench tooling of this repository,
 *   including the private @zactor/testing, mean nothing to an installed package);
 * - drops the `@zactor/source` export condition, which points at `src/`, not shipped;
 * - widens third-party versions pinned exactly by the catalog (`2.1.3`) to caret ranges
 *   (`^2.1.3`), so an application's other packages can share one copy; the workspace's own
 *   lockfile still pins what the tests run against.
 *
 * scripts/pack-install-check.mjs checks the result for every package under packages/.
 */
const SOURCE_CONDITION = '@zactor/source';
const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/** `exports` without the source condition, at any depth. */
function withoutSourceCondition(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== SOURCE_CONDITION) out[key] = withoutSourceCondition(inner);
  }
  return out;
}

/** Third-party exact versions as caret ranges; our own packages keep pnpm's `^x.y.z`. */
function caretRanges(deps) {
  if (deps === undefined) return undefined;
  const out = {};
  for (const [name, range] of Object.entries(deps)) {
    out[name] = !name.startsWith('@zactor/') && EXACT_VERSION.test(range) ? `^${range}` : range;
  }
  return out;
}

function beforePacking(pkg) {
  delete pkg.scripts;
  delete pkg.devDependencies;
  if (pkg.exports !== undefined) pkg.exports = withoutSourceCondition(pkg.exports);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    if (pkg[field] !== undefined) pkg[field] = caretRanges(pkg[field]);
  }
  return pkg;
}

module.exports = { hooks: { beforePacking } };
