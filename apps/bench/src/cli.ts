#!/usr/bin/env node
/**
 * zactor-bench: measures ZActor against real peers on this machine. `--help` lists the flags;
 * README.md explains the counting rules and the statistics.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import cac, { type Command } from 'cac';
import { BenchError } from './errors.js';
import { type BenchOptions, planFor, runBench, selectWork } from './run-bench.js';
import { SUITES, suiteNames } from './suites/index.js';

interface CliFlags {
  readonly suite?: string | string[];
  readonly filter?: string;
  readonly full?: boolean;
  readonly tiny?: boolean;
  readonly json?: string;
  readonly html?: string;
  readonly markdown?: string;
  readonly runs?: number;
  readonly list?: boolean;
  readonly progress?: boolean;
}

export type CliAction =
  | { readonly kind: 'help' }
  | { readonly kind: 'list'; readonly options: BenchOptions }
  | { readonly kind: 'run'; readonly options: BenchOptions };

const DESCRIPTION = 'Run the benchmark suites (a quick session by default)';

// The flags are the global command's: a default command `cli.command('')` would show in
// --help as a "Commands:" entry with an empty name.
function buildCli() {
  const cli = cac('zactor-bench');
  cli
    .usage('[--suite <name>] [--filter <pattern>] [--full] [options]')
    .option(
      '--suite <name>',
      `Suites to run, repeatable or comma-separated: ${suiteNames().join(', ')}`,
    )
    .option(
      '--filter <pattern>',
      'Only suite/scenario/implementation ids containing this text, or matching /regex/',
    )
    .option('--full', 'Full-size workloads and more runs (slow) instead of the quick default')
    .option('--tiny', 'Smoke-test sizes: checks everything runs; the figures mean nothing')
    .option('--runs <n>', 'Measured runs per implementation (default 3 quick, 5 full)')
    .option(
      '--json <file>',
      'Write one record per implementation, scenario and metric to this file',
    )
    .option('--html <file>', 'Write a self-contained HTML report with charts to this file')
    .option('--markdown <file>', 'Write the tables as Markdown (the shape of BENCHMARKS.md)')
    .option('--list', 'List suites and scenarios with their counting rules, then exit')
    .option('--no-progress', 'Never show the progress bar (it only shows on a terminal anyway)');
  cli.help((sections) => tidyHelp(sections, cli.globalCommand.options));
  return cli;
}

type HelpSection = Parameters<NonNullable<Command['helpCallback']>>[0][number];
type CliOption = Command['options'][number];

/**
 * Adds what the program does under its name, and lists the options without cac's trailing
 * space or the `(default: true)` it gives a `--no-x` flag (it is `x` that defaults to true).
 */
function tidyHelp(sections: HelpSection[], options: readonly CliOption[]): HelpSection[] {
  const width = Math.max(...options.map((o) => o.rawName.length));
  const listed = options.map((o) => {
    const shown = !o.negated && o.config.default !== undefined;
    const text = shown ? `${o.description} (default: ${String(o.config.default)})` : o.description;
    return `  ${o.rawName.padEnd(width)}  ${text}`;
  });
  const [name, ...rest] = sections;
  return [
    ...(name === undefined ? [] : [name, { body: DESCRIPTION }]),
    ...rest.map((s) => (s.title === 'Options' ? { ...s, body: listed.join('\n') } : s)),
  ];
}

/**
 * Parses the command line (without `node` and the script) into what to do. Throws `BenchError`
 * (code `BAD_ARGS`) for unknown flags, stray arguments, or conflicting sizes.
 */
export function parseCli(argv: readonly string[], out: (text: string) => void): CliAction {
  const cli = buildCli();
  let parsed: ReturnType<typeof cli.parse>;
  try {
    parsed = cli.parse(['node', 'zactor-bench', ...argv], { run: false });
    cli.globalCommand.checkUnknownOptions();
    cli.globalCommand.checkOptionValue();
  } catch (error) {
    throw new BenchError('cli', 'BAD_ARGS', error instanceof Error ? error.message : String(error));
  }
  if (parsed.options.help) return { kind: 'help' };
  if (parsed.args.length > 0) {
    throw new BenchError('cli', 'BAD_ARGS', `unexpected argument '${parsed.args.join(' ')}'`);
  }
  const flags = parsed.options as CliFlags;
  if (flags.full && flags.tiny) {
    throw new BenchError('cli', 'BAD_ARGS', '--full and --tiny cannot be combined');
  }
  const suites = flags.suite === undefined ? [] : [flags.suite].flat().map(String);
  const runs = flags.runs === undefined ? undefined : Number(flags.runs);
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1)) {
    throw new BenchError(
      'cli',
      'BAD_ARGS',
      `--runs expects a whole number >= 1, got '${flags.runs}'`,
    );
  }
  const options: BenchOptions = {
    suites,
    size: flags.full ? 'full' : flags.tiny ? 'tiny' : 'quick',
    progress: flags.progress !== false,
    out,
    command: ['zactor-bench', ...argv].join(' '),
    ...(flags.filter !== undefined ? { filter: String(flags.filter) } : {}),
    ...(runs !== undefined ? { runs } : {}),
    ...(flags.json !== undefined ? { json: String(flags.json) } : {}),
    ...(flags.html !== undefined ? { html: String(flags.html) } : {}),
    ...(flags.markdown !== undefined ? { markdown: String(flags.markdown) } : {}),
  };
  // Validate now, so a typo fails before anything runs.
  planFor(options);
  selectWork(options);
  return { kind: flags.list ? 'list' : 'run', options };
}

/** The `--list` text: every selected scenario with its counting rule and implementations. */
export function listText(options: BenchOptions): string {
  const lines: string[] = [];
  const work = selectWork(options);
  for (const suite of SUITES) {
    const scenarios = work.filter((w) => w.scenario.suite === suite.name);
    if (scenarios.length === 0) continue;
    lines.push(`${suite.name}: ${suite.description}`);
    for (const { scenario, impls } of scenarios) {
      lines.push(`  ${scenario.name}`);
      lines.push(`    counting rule: ${scenario.countingRule}`);
      lines.push(`    implementations: ${impls.map((i) => `${i.name} (${i.role})`).join(', ')}`);
    }
  }
  return lines.join('\n');
}

/** Runs the CLI; resolves with the process exit code. */
export async function main(
  argv: readonly string[],
  out: (text: string) => void = (t) => console.log(t),
  err: (text: string) => void = (t) => console.error(t),
): Promise<number> {
  let action: CliAction;
  try {
    action = parseCli(argv, out);
  } catch (error) {
    if (error instanceof BenchError) {
      err(`${error.message}\nRun zactor-bench --help for usage.`);
      return 2;
    }
    throw error;
  }
  // cac has already printed the help text while parsing.
  if (action.kind === 'help') return 0;
  if (action.kind === 'list') {
    out(listText(action.options));
    return 0;
  }
  try {
    const outcome = await runBench(action.options);
    return outcome.failures > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof BenchError) {
      err(error.message);
      return 2;
    }
    throw error;
  }
}

// Run when started as a program (also through the bin symlink), not when imported by tests.
const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
