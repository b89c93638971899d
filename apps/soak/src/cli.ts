#!/usr/bin/env node
/**
 * zactor-soak: a long mixed-load run of a ZActor cluster with a final accounting check.
 * `zactor-soak --minutes N [--workers W] [--seed S] [--json file] [--faults]`; exits 1 when the check
 * fails (or on bad flags). README.md explains what is measured.
 */
import { writeFileSync } from 'node:fs';
import cac from 'cac';
import { runSoak } from './run-soak.js';

function num(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'boolean' || !Number.isFinite(n) || n < 0) {
    throw new Error(`--${name} needs a non-negative number (got ${String(value)})`);
  }
  return n;
}

async function main(): Promise<number> {
  const cli = cac('zactor-soak');
  cli
    .option('--minutes <n>', 'Minutes of load (fractions allowed)', { default: 1 })
    .option('--workers <n>', 'Worker threads (default 2)')
    .option('--seed <n>', 'Seed of every random choice (default: random, printed)')
    .option('--json <file>', 'Also write the samples and the result as JSON here')
    .option(
      '--faults',
      'Inject faults: hang an extra worker every 2 s (it must be terminated and restarted), constructors that throw on restart',
    )
    .option('--unresponsive-ms <n>', "The cluster's unresponsiveMs (default the cluster's, 1000)")
    .option(
      '--report-every <s>',
      'Seconds between report lines (default 10, or 60 past 10 minutes)',
    )
    .help();
  const parsed = cli.parse(process.argv, { run: false });
  if (parsed.options.help === true) return 0;
  const o = parsed.options;
  const minutes = num('minutes', o.minutes) ?? 1;
  const workers = num('workers', o.workers);
  const seed = num('seed', o.seed);
  const reportEvery = num('report-every', o.reportEvery);
  const unresponsiveMs = num('unresponsive-ms', o.unresponsiveMs);
  const result = await runSoak({
    durationMs: minutes * 60_000,
    ...(workers === undefined ? {} : { workers }),
    ...(seed === undefined ? {} : { seed }),
    ...(reportEvery === undefined ? {} : { reportEveryMs: reportEvery * 1000 }),
    ...(o.faults === true ? { faults: true } : {}),
    ...(unresponsiveMs === undefined ? {} : { unresponsiveMs }),
  });
  if (typeof o.json === 'string') writeFileSync(o.json, `${JSON.stringify(result, null, 2)}\n`);
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
