#!/usr/bin/env node
/**
 * Installing single packages must keep working: for every package under packages/ (found by
 * listing the folder, so a new package is checked without an edit here) this
 *
 * 1. builds and packs it as `pnpm pack` does for a release (`.pnpmfile.cjs` shapes the manifest);
 * 2. checks the packed manifest and files: no `@zactor/source` condition, no `scripts`, no
 *    `devDependencies`, no `workspace:`/`catalog:` range, caret ranges for third-party
 *    dependencies, `license`, `repository` and `bugs` set, LICENSE, README and the `exports`
 *    targets in the tarball, no `@internal` declaration in its `.d.ts` files;
 * 3. installs it with npm into its own scratch project under os.tmpdir(), from the tarballs
 *    of only the @zactor packages it depends on (third-party ones come from the registry), and
 *    checks that no other @zactor package came along;
 * 4. runs its README's examples there with tsx, and type-checks the TypeScript ones with tsc
 *    against the installed declarations.
 *
 * README examples are its ```ts blocks that start with an `import`, each run on its own, and
 * runs of blocks whose first line names a file (`// worker.js`, `// actors.ts: ...`), written
 * under those names and run from the one named main.* (else the last that is not marked
 * `(background)`; see readme-services.mjs for those, and for the NATS server a package's
 * examples may need). Other ```ts blocks are excerpts of those and are not run.
 *
 * The public API of each package is its packed `dist/index.d.ts` without comments, checked in
 * as `packages/<dir>/etc/index.api.d.ts` so that any change to it shows in review: a difference
 * fails the check until the file is updated with `--update-api` (a new package gets its first
 * report the same way).
 *
 * Usage: node scripts/pack-install-check.mjs [--keep] [--update-api] [package-dir-name ...]
 * Exits 1 when any check fails, listing each failure.
 */
import { execFile as execFileCb } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startBackground, startServices } from './readme-services.mjs';

const execFile = promisify(execFileCb);
const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const tsxCli = join(root, 'node_modules/tsx/dist/cli.mjs');
const tscCli = require.resolve('typescript/bin/tsc');
const ts = require('typescript');
const nodeTypes = join(root, 'node_modules/@types');
/** A README example that does not end within this is a failure (workers left running). */
const EXAMPLE_TIMEOUT_MS = 60_000;

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const updateApi = args.includes('--update-api');
const only = args.filter((a) => !a.startsWith('--'));

const failures = [];
const fail = (pkg, message) => failures.push(`${pkg}: ${message}`);

/** Runs a command; resolves with its output, or rejects with the output in the message. */
async function run(file, argv, options = {}) {
  try {
    const { stdout, stderr } = await execFile(file, argv, {
      maxBuffer: 64 << 20,
      ...options,
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const out = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(`${[file, ...argv].join(' ')} failed (${error.code ?? error.signal}):\n${out}`);
  }
}

/** The packages to check: every non-private package.json under packages/. */
function workspacePackages() {
  const dirs = readdirSync(join(root, 'packages')).filter((d) =>
    existsSync(join(root, 'packages', d, 'package.json')),
  );
  return dirs
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
    }))
    .filter((p) => p.manifest.private !== true);
}

/** The file name `pnpm pack` gives a package's tarball. */
function tarballName(manifest) {
  return `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`;
}

/** Every string target in an `exports` value. */
function exportTargets(value) {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(exportTargets);
}

/** Every key in an `exports` value (conditions and subpaths), at any depth. */
function exportKeys(value) {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...exportKeys(v)]);
}

/** A declaration file's API: its declarations as TypeScript prints them, without comments. */
function apiOf(dts) {
  const file = ts.createSourceFile(
    'index.d.ts',
    dts,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.TS,
  );
  return ts.createPrinter({ removeComments: true }).printFile(file);
}

/** The checked-in API report of the package in `dir` against its packed `dist/index.d.ts`. */
async function checkApiReport(name, dir, tarball, files) {
  if (!files.includes('package/dist/index.d.ts')) return;
  const api = apiOf(await run('tar', ['-xzOf', tarball, 'package/dist/index.d.ts']));
  const report = join(root, 'packages', dir, 'etc/index.api.d.ts');
  if (updateApi) {
    mkdirSync(join(root, 'packages', dir, 'etc'), { recursive: true });
    writeFileSync(report, api);
    return;
  }
  if (!existsSync(report)) {
    fail(
      name,
      `no API report (packages/${dir}/etc/index.api.d.ts): run this script with --update-api ${dir}`,
    );
  } else if (readFileSync(report, 'utf8') !== api) {
    fail(
      name,
      `its public API (dist/index.d.ts) differs from packages/${dir}/etc/index.api.d.ts: review the change, then run this script with --update-api ${dir}`,
    );
  }
}

/** Step 2: the packed manifest and files of one package. */
async function checkTarball(name, dir, tarball) {
  const files = (await run('tar', ['-tzf', tarball])).split('\n').filter(Boolean);
  const manifest = JSON.parse(await run('tar', ['-xzOf', tarball, 'package/package.json']));
  if (exportKeys(manifest.exports).includes('@zactor/source'))
    fail(name, 'exports keep the @zactor/source condition');
  if (manifest.scripts !== undefined)
    fail(name, `scripts are published: ${Object.keys(manifest.scripts).join(', ')}`);
  if (manifest.devDependencies !== undefined) fail(name, 'devDependencies are published');
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|catalog):/.test(range)) fail(name, `${field}.${dep} is ${range}`);
      else if (!range.startsWith('^')) fail(name, `${field}.${dep} is ${range}, not a caret range`);
    }
  }
  for (const field of ['license', 'repository', 'bugs']) {
    if (manifest[field] === undefined) fail(name, `no ${field} field`);
  }
  for (const file of ['package/LICENSE', 'package/README.md']) {
    if (!files.includes(file)) fail(name, `${file.slice(8)} is not in the tarball`);
  }
  for (const target of [...exportTargets(manifest.exports), manifest.main, manifest.types]) {
    if (target === undefined || target === './package.json') continue;
    if (!files.includes(`package/${target.replace(/^\.\//, '')}`))
      fail(name, `${target} is not in the tarball`);
  }
  for (const file of files.filter((f) => /\.d\.c?ts$/.test(f))) {
    const text = await run('tar', ['-xzOf', tarball, file]);
    if (text.includes('@internal')) fail(name, `${file.slice(8)} declares @internal members`);
  }
  await checkApiReport(name, dir, tarball, files);
  return manifest;
}

/** The README's examples: [{ files: [{ name, code }], entry }]. */
function readmeExamples(readme) {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  const examples = [];
  let group = null;
  blocks.forEach((code, i) => {
    const named = /^\/\/ ([\w.-]+\.(?:[cm]?[jt]s))\b(.*)/.exec(code);
    if (named !== null) {
      group ??= { files: [] };
      group.files.push({ name: named[1], code, background: /\(background\b/.test(named[2]) });
      return;
    }
    if (group !== null) examples.push(group);
    group = null;
    if (
      /^import /m.test(code.split('\n').find((l) => l.trim() !== '' && !l.startsWith('//')) ?? '')
    ) {
      examples.push({ files: [{ name: `example-${i + 1}.ts`, code }] });
    }
  });
  if (group !== null) examples.push(group);
  for (const example of examples) {
    example.entry = (
      example.files.find((f) => /^main\./.test(f.name)) ??
      example.files.findLast((f) => !f.background)
    ).name;
  }
  return examples;
}

/** Writes and runs each README example in `dir` (its background files around its entry). */
async function runExamples(name, examples, dir, env, tsFiles) {
  for (const [i, example] of examples.entries()) {
    const exampleDir = join(dir, `readme-${i + 1}`);
    mkdirSync(exampleDir);
    for (const file of example.files) {
      writeFileSync(join(exampleDir, file.name), file.code);
      if (file.name.endsWith('.ts')) tsFiles.push(join(exampleDir, file.name));
    }
    const background = [];
    try {
      for (const file of example.files.filter((f) => f.background)) {
        background.push(await startBackground(tsxCli, file.name, exampleDir, env));
      }
      await run(process.execPath, [tsxCli, example.entry], {
        cwd: exampleDir,
        timeout: EXAMPLE_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        env,
      });
      for (const started of background.splice(0)) await started.stop();
    } catch (error) {
      fail(name, `README example ${i + 1} (${example.entry}) ${error.message}`);
    } finally {
      for (const started of background) await started.stop().catch(() => {});
    }
  }
}

/** Steps 3 and 4 for one package, in its own scratch project. */
async function installAndRun(pkg, manifests, tarballs, scratchRoot) {
  const name = pkg.manifest.name;
  const ours = new Set();
  const visit = (n) => {
    if (ours.has(n)) return;
    ours.add(n);
    for (const dep of Object.keys(manifests.get(n)?.dependencies ?? {})) {
      if (manifests.has(dep)) visit(dep);
    }
  };
  visit(name);
  const dir = join(scratchRoot, pkg.dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `scratch-${pkg.dir}`, private: true, type: 'module' }),
  );
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...[...ours].map((n) => tarballs.get(n)),
    ],
    { cwd: dir },
  );
  const installed = existsSync(join(dir, 'node_modules/@zactor'))
    ? readdirSync(join(dir, 'node_modules/@zactor')).map((d) => `@zactor/${d}`)
    : [];
  const extra = installed.filter((n) => !ours.has(n));
  if (extra.length > 0) fail(name, `installing it also brought ${extra.join(', ')}`);

  const examples = readmeExamples(
    readFileSync(join(root, 'packages', pkg.dir, 'README.md'), 'utf8'),
  );
  if (examples.length === 0) fail(name, 'its README has no runnable example');
  const tsFiles = [];
  const services = await startServices(pkg.manifest, root);
  try {
    await runExamples(name, examples, dir, services.env, tsFiles);
  } finally {
    await services.stop();
  }
  if (tsFiles.length > 0) {
    // The published declarations as a user's strict project sees them (skipLibCheck off).
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [nodeTypes],
        },
        files: tsFiles,
      }),
    );
    try {
      await run(process.execPath, [tscCli, '-p', 'tsconfig.json'], { cwd: dir });
    } catch (error) {
      fail(name, `README examples do not type-check against the packed .d.ts: ${error.message}`);
    }
  }
}

/** Runs `tasks` at most `limit` at a time. */
async function pooled(items, limit, task) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      while (queue.length > 0) await task(queue.shift());
    }),
  );
}

const started = performance.now();
const packages = workspacePackages().filter((p) => only.length === 0 || only.includes(p.dir));
const scratchRoot = mkdtempSync(join(tmpdir(), 'zactor-pack-check-'));
try {
  // Every package is packed (their @zactor dependencies come from these tarballs): build them
  // all through turbo (cached when nothing changed), which needs pnpm on its PATH.
  await run(
    'npx',
    [
      '-y',
      'pnpm@10',
      'exec',
      'turbo',
      'run',
      'build',
      '--output-logs=errors-only',
      '--filter=./packages/*',
    ],
    { cwd: root, env: { TURBO_TELEMETRY_DISABLED: '1' } },
  );
  const all = workspacePackages();
  const tarballDir = join(scratchRoot, 'tarballs');
  await run(
    'npx',
    [
      '-y',
      'pnpm@10',
      '-r',
      ...all.flatMap((p) => ['--filter', `./packages/${p.dir}`]),
      'pack',
      '--pack-destination',
      tarballDir,
    ],
    { cwd: root },
  );
  const manifests = new Map();
  const tarballs = new Map();
  for (const p of all) {
    const tarball = join(tarballDir, tarballName(p.manifest));
    tarballs.set(p.manifest.name, tarball);
    manifests.set(p.manifest.name, await checkTarball(p.manifest.name, p.dir, tarball));
  }
  await pooled(packages, 2, (p) =>
    installAndRun(p, manifests, tarballs, scratchRoot).catch((error) =>
      fail(p.manifest.name, error.message),
    ),
  );
} catch (error) {
  failures.push(error.message);
} finally {
  if (keep) console.log(`scratch projects kept in ${scratchRoot}`);
  else rmSync(scratchRoot, { recursive: true, force: true });
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`pack-install check: ${failures.length} failure(s) in ${seconds} s`);
  for (const f of failures) console.error(`- ${f}`);
  process.exit(1);
}
console.log(
  `pack-install check: ${packages.map((p) => p.manifest.name).join(', ')} packed, installed alone and ran their README examples (${seconds} s)`,
);
