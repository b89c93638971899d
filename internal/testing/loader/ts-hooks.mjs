/**
 * Module hooks that let a test worker thread import the repository's TypeScript sources:
 * what tsx does for them, without tsx's start-up (~0.3 s of every worker's ~0.7 s start under
 * tsx on the 2-core machine, measured 2026-12-05; the test suite starts a few hundred workers).
 *
 * - resolve: a relative or file: specifier ending in `.js` that does not exist is retried with
 *   `.ts` (sources import `./x.js` for `./x.ts`, as `moduleResolution: Bundler` allows), one
 *   without an extension as `x.ts` or `x/index.ts`. Not supported (tsx is): JSON imports
 *   without `with { type: 'json' }`, `.cts`/`.tsx` files, `require()` of TypeScript.
 * - load: a `.ts`/`.mts` file is transformed by esbuild (types stripped, `verbatimModuleSyntax`
 *   and ES2022 class fields as in tsconfig.base.json), with an inline source map so coverage
 *   (NODE_V8_COVERAGE, scripts/coverage-report.mjs) maps it back to the source file.
 *   Transforms are cached on disk by a hash of the file's path and text, so a worker started
 *   after the first loads every source from the cache and never starts esbuild.
 *
 * Plain JavaScript: these hooks run on Node's hooks thread before any TypeScript can load.
 * Registered by internal/testing/src/ts-worker.ts in each worker it starts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPESCRIPT = /\.m?ts$/;
const JS_SPECIFIER = /\.m?js$/;
const OPTIONS = {
  loader: 'ts',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  // Coverage reads the source from its file: a map without the text is a third of the size,
  // and every test thread writes the maps of all it loaded when it exits.
  sourcesContent: false,
  tsconfigRaw: {
    compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true },
  },
};

/** The cache folder: node_modules/.cache of the repository, or the temp folder. */
function cacheFolder() {
  for (const dir of [
    fileURLToPath(new URL('../../../node_modules/.cache/zactor-ts/', import.meta.url)),
    // Per user: another user's entries are never loaded.
    join(tmpdir(), `zactor-ts-cache-${process.getuid?.() ?? 'user'}`),
  ]) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return dir;
    } catch {}
  }
  return undefined;
}

const cache = cacheFolder();
/** Part of every cache key: another esbuild or other options make new entries. */
const VERSION = `${esbuildVersion()} ${JSON.stringify(OPTIONS)}`;

/** The installed esbuild's version, read from its package.json (esbuild itself loads lazily). */
function esbuildVersion() {
  const manifest = createRequire(import.meta.url).resolve('esbuild/package.json');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}
/** esbuild, imported on the first cache miss only. */
let esbuild;

/** The first of `candidates` (specifiers relative to `parent`) that is a file, as a resolution. */
function firstExisting(candidates, parent) {
  for (const candidate of candidates) {
    if (!URL.canParse(candidate, parent)) continue;
    const url = new URL(candidate, parent);
    if (existsSync(url)) return { url: url.href, format: 'module', shortCircuit: true };
  }
  return undefined;
}

/**
 * As tsx and `moduleResolution: Bundler`: `./x.js` may be `./x.ts`; `./x` may be `./x.ts` or
 * the folder `./x` with an `index.ts`.
 */
function typescriptCandidates(specifier) {
  return JS_SPECIFIER.test(specifier)
    ? [specifier.replace(/js$/, 'ts')]
    : [`${specifier}.ts`, `${specifier}/index.ts`];
}

export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  // A source's own relative `./x.js` is its sibling `./x.ts` when that exists: one stat, and
  // the default resolver's failed lookup (a thrown error) is not paid for each import.
  const fromSource = parent?.startsWith('file:') === true && TYPESCRIPT.test(parent);
  if (fromSource && specifier.startsWith('.') && JS_SPECIFIER.test(specifier)) {
    const sibling = firstExisting(typescriptCandidates(specifier), parent);
    if (sibling !== undefined) return sibling;
  }
  try {
    return await next(specifier, context);
  } catch (error) {
    const local = specifier.startsWith('.') || specifier.startsWith('file:');
    const code = error?.code;
    if (!local || (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNSUPPORTED_DIR_IMPORT')) {
      throw error;
    }
    const found = firstExisting(typescriptCandidates(specifier), parent);
    if (found === undefined) throw error;
    return found;
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !TYPESCRIPT.test(url)) return next(url, context);
  const path = fileURLToPath(url);
  const source = readFileSync(path, 'utf8');
  const key = createHash('sha1').update(VERSION).update(path).update('\0').update(source);
  const hex = key.digest('hex');
  const file = cache === undefined ? undefined : join(cache, `${hex}.js`);
  let code;
  if (file !== undefined) {
    try {
      code = readFileSync(file, 'utf8');
    } catch {}
  }
  if (code === undefined) {
    esbuild ??= await import('esbuild');
    code = esbuild.transformSync(source, { ...OPTIONS, sourcefile: path }).code;
    if (file !== undefined) {
      // Another thread may write the same key at once: each writes its own file, then renames.
      const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      try {
        writeFileSync(partial, code);
        renameSync(partial, file);
      } catch {}
    }
  }
  return { format: 'module', source: code, shortCircuit: true };
}
