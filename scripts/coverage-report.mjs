#!/usr/bin/env node
/**
 * Line and branch coverage per package under packages/, worker threads and child processes
 * included; exits 1 when a package is below the line threshold.
 *
 * Two sources, both V8 coverage:
 *  - coverage/vitest/coverage-final.json: @vitest/coverage-v8 for the test processes. Vitest runs
 *    test code through Vite's module runner, which Node's own NODE_V8_COVERAGE output cannot map
 *    back to sources, so the test processes are measured by vitest's provider.
 *  - coverage/raw/: what Node wrote under NODE_V8_COVERAGE for every thread and process of the
 *    run. Test workers load TypeScript through internal/testing's esbuild hooks, child
 *    processes that test tsx through tsx; Node records their inline source maps next to the
 *    coverage, so c8 (its Report API, v8-to-istanbul underneath) maps them to packages/*\/src,
 *    one loader's files at a time (see `loaderGroups`).
 *    Built bundles (dist/) that child processes run are not counted (see `excludeAfterRemap`).
 *
 * Merging (istanbul-lib-coverage): the two converters draw statements differently (vitest from
 * the AST, v8-to-istanbul one per source line, comments and type-only lines included), so a
 * plain union would count comment lines of any file a worker loaded as covered. A file's lines
 * are therefore the lines vitest's map has a statement on; a worker's hit on one of those lines
 * counts, a worker's statement on any other line is dropped. Branches: V8's block ranges are not
 * the AST's branches, so the workers' branches are only used for files the test processes never
 * ran at all (worker-only files, e.g. worker-runtime.ts); elsewhere branches are vitest's.
 *
 * Usage: node scripts/coverage-report.mjs [--threshold 90] [--files] [--html]
 * (--files lists the files below the threshold, --html writes coverage/html/)
 * (run after `NODE_V8_COVERAGE=$PWD/coverage/raw vitest run --coverage`; see CONTRIBUTING.md).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';

const require = createRequire(import.meta.url);
const { Report } = require('c8');
const libCoverage = require('istanbul-lib-coverage');
const libReport = require('istanbul-lib-report');
const reports = require('istanbul-reports');

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const thresholdAt = args.indexOf('--threshold');
const threshold = thresholdAt >= 0 ? Number(args[thresholdAt + 1]) : 90;
const vitestJson = join(root, 'coverage/vitest/coverage-final.json');
const rawDir = join(root, 'coverage/raw');

if (!existsSync(vitestJson)) {
  console.error(`coverage: ${relative(root, vitestJson)} is missing (run vitest with --coverage)`);
  process.exit(1);
}
const merged = libCoverage.createCoverageMap(JSON.parse(readFileSync(vitestJson, 'utf8')));

if (existsSync(rawDir) && readdirSync(rawDir).length > 0) {
  const workers = libCoverage.createCoverageMap({});
  for (const group of loaderGroups(rawDir)) workers.merge(await workerCoverage(group));
  for (const file of workers.files()) {
    if (!merged.files().includes(file)) continue; // not under vitest's coverage.include
    merged.addFileCoverage(restrictTo(merged.fileCoverageFor(file), workers.fileCoverageFor(file)));
  }
} else {
  console.error(
    `coverage: no ${relative(root, rawDir)} (NODE_V8_COVERAGE unset?); workers not counted`,
  );
}

/**
 * The raw files split by the loader that compiled their sources, each group in a folder of its
 * own (links to the files). Test workers load sources through internal/testing's esbuild hooks,
 * whose inline source maps leave out the source text; tests of running under tsx (child
 * processes, their workers) load them through tsx, whose maps carry it (and whose output
 * differs). c8 merges a script's counts by URL before it maps them through one source map, so
 * two compilations of one file must never meet in one report.
 */
function loaderGroups(dir) {
  const tsx = [];
  const rest = [];
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    (text.includes('"sourcesContent"') && compiledByTsx(text) ? tsx : rest).push(name);
  }
  const groups = [];
  for (const [label, names] of [
    ['esbuild', rest],
    ['tsx', tsx],
  ]) {
    if (names.length === 0) continue;
    const folder = join(root, 'coverage/raw-groups', label);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    for (const name of names) symlinkSync(join(dir, name), join(folder, name));
    groups.push(folder);
  }
  return groups;
}

/** Whether a raw file's package sources were mapped with their text (tsx's maps, not ours). */
function compiledByTsx(text) {
  try {
    const maps = JSON.parse(text)['source-map-cache'] ?? {};
    return Object.entries(maps).some(
      ([url, entry]) =>
        /\/packages\/[^/]+\/src\//.test(url) && Array.isArray(entry?.data?.sourcesContent),
    );
  } catch {
    return false;
  }
}

/** c8's coverage of packages/*\/src from the raw files in `folder`. */
async function workerCoverage(folder) {
  return new Report({
    include: ['packages/*/src/**'],
    exclude: [],
    // Only scripts loaded from packages/*/src themselves (one-file transforms). A child
    // process running a built bundle (dist/index.js) is left out: c8 drops the uncovered ranges
    // of a bundle that it cannot map back, which would mark whole packages as covered.
    excludeAfterRemap: false,
    excludeNodeModules: true,
    tempDirectory: folder,
    reportsDirectory: join(root, 'coverage/workers'),
    reporter: [],
    resolve: '',
    src: [root],
    mergeAsync: true,
  }).getCoverageMapFromAllCoverageFiles();
}

/** The worker's file coverage cut down to the statement lines of `base` (see the header). */
function restrictTo(base, worker) {
  const lines = new Set(Object.values(base.statementMap).map((loc) => loc.start.line));
  const ranNothing = Object.values(base.s).every((count) => count === 0);
  const out = { path: base.path, statementMap: {}, s: {}, fnMap: {}, f: {}, branchMap: {}, b: {} };
  for (const [id, loc] of Object.entries(worker.statementMap)) {
    if (!lines.has(loc.start.line)) continue;
    out.statementMap[id] = loc;
    out.s[id] = worker.s[id];
  }
  if (ranNothing) {
    for (const [id, branch] of Object.entries(worker.branchMap)) {
      if (!lines.has(branch.loc.start.line)) continue;
      out.branchMap[id] = branch;
      out.b[id] = worker.b[id];
    }
  }
  return out;
}

// Per package: packages/<name>/src/...
const perPackage = new Map();
for (const file of merged.files()) {
  const parts = relative(root, file).split(sep);
  if (parts[0] !== 'packages' || parts[2] !== 'src') continue;
  const summary = perPackage.get(parts[1]) ?? libCoverage.createCoverageSummary();
  summary.merge(merged.fileCoverageFor(file).toSummary());
  perPackage.set(parts[1], summary);
}

const pct = (metric) => (metric.total === 0 ? 100 : (100 * metric.covered) / metric.total);
const cell = (metric) =>
  `${pct(metric).toFixed(1).padStart(5)}% ${`${metric.covered}/${metric.total}`.padStart(11)}`;
const failing = [];
console.log(
  `\ncoverage (test processes + worker threads + child processes), threshold ${threshold}% lines`,
);
console.log(`${'package'.padEnd(16)} ${'lines'.padEnd(18)} branches`);
for (const [name, summary] of [...perPackage].sort(([a], [b]) => a.localeCompare(b))) {
  const low = pct(summary.lines) < threshold;
  if (low) failing.push(name);
  console.log(
    `${name.padEnd(16)} ${cell(summary.lines)}  ${cell(summary.branches)}${low ? '  BELOW' : ''}`,
  );
}

if (args.includes('--files')) {
  console.log(`\nfiles below ${threshold}% lines (uncovered / total lines)`);
  for (const file of merged.files().sort()) {
    const lines = merged.fileCoverageFor(file).toSummary().lines;
    if (pct(lines) >= threshold) continue;
    console.log(
      `  ${relative(root, file).padEnd(56)} ${pct(lines).toFixed(1).padStart(5)}%  ${lines.total - lines.covered}/${lines.total}`,
    );
  }
}

if (args.includes('--html')) {
  const context = libReport.createContext({
    dir: join(root, 'coverage/html'),
    coverageMap: merged,
  });
  reports.create('html').execute(context);
  console.log('html report: coverage/html/index.html');
}

if (failing.length > 0) {
  console.error(`coverage: below ${threshold}% lines: ${failing.join(', ')}`);
  process.exit(1);
}
