#!/usr/bin/env node
/**
 * zactor-demo: an order-matching exchange on ZActor with injected faults, a live view and
 * a conservation check. `--help` lists the flags; README.md explains the design.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import cac, { type Command } from 'cac';
import {
  DEFAULT_OPTIONS,
  DemoOptionError,
  type ExchangeOptions,
  validateOptions,
} from './run/exchange-options.js';
import { runExchange } from './run/run-exchange.js';

export type CliAction =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly options: ExchangeOptions };

const DESCRIPTION = 'Run the exchange simulation, then check that nothing was lost';

// The flags are the global command's: a default command `cli.command('')` would show in --help
// as a "Commands:" entry with an empty name, and cac's global help would leave its flags out.
// Parsing declares --help as a plain flag (cac's own help() would print during parse).
function buildCli(withHelp: boolean) {
  const d = DEFAULT_OPTIONS;
  const cli = cac('zactor-demo');
  cli
    .usage('[options]')
    .option('--duration <s>', `Seconds of trading before the drain (default ${d.durationS})`)
    .option('--symbols <n>', `Symbols, one order-book actor each (default ${d.symbols})`)
    .option('--traders <n>', `Trader actors (default ${d.traders})`)
    .option(
      '--fault-rate <p>',
      `Probability per message that an order book or trader crashes (default ${d.faultRate})`,
    )
    .option('--seed <n>', `Seed of the order flow and the faults (default ${d.seed})`)
    .option('--subscribers <n>', `Market-data subscribers (default ${d.subscribers})`)
    .option('--workers <n>', 'Worker threads (default: one per usable cpu)')
    .option(
      '--remote [url]',
      'Relay the market-data fan-out to a second process over NATS (@zactor/remote): the server URL, or no value to start a local nats-server',
    );
  if (withHelp) cli.help((sections) => tidyHelp(sections, cli.globalCommand.options));
  else cli.option('-h, --help', 'Display this message');
  return cli;
}

type HelpSection = Parameters<NonNullable<Command['helpCallback']>>[0][number];
type CliOption = Command['options'][number];

/** Adds what the program does under its name; lists the options without cac's trailing space. */
function tidyHelp(sections: HelpSection[], options: readonly CliOption[]): HelpSection[] {
  const width = Math.max(...options.map((o) => o.rawName.length));
  const listed = options.map((o) => `  ${o.rawName.padEnd(width)}  ${o.description}`);
  const [name, ...rest] = sections;
  return [
    ...(name === undefined ? [] : [name, { body: DESCRIPTION }]),
    ...rest.map((s) => (s.title === 'Options' ? { ...s, body: listed.join('\n') } : s)),
  ];
}

function num(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'boolean' || Number.isNaN(n)) {
    throw new DemoOptionError(`--${name} needs a number (got ${String(value)})`);
  }
  return n;
}

/** `--remote` alone starts a local server (`local`); with a value, it is the server's URL. */
function remoteFlag(value: unknown): string {
  if (value === true) return 'local';
  if (typeof value === 'string' && /^(nats|tls|ws|wss):\/\/|^[\w.-]+:\d+$/.test(value))
    return value;
  throw new DemoOptionError(
    `--remote takes a NATS server URL such as nats://127.0.0.1:4222 (got ${String(value)})`,
  );
}

/** Parses the arguments (without `node` and the script). Throws `DemoOptionError` on bad input. */
export function parseArgs(argv: readonly string[]): CliAction {
  const cli = buildCli(false);
  const parsed = cli.parse(['node', 'zactor-demo', ...argv], { run: false });
  if (parsed.options.help === true) return { kind: 'help' };
  if (parsed.args.length > 0) {
    throw new DemoOptionError(`unexpected argument ${JSON.stringify(parsed.args[0])}`);
  }
  const known = new Set([
    '--',
    'help',
    'h',
    'duration',
    'symbols',
    'traders',
    'faultRate',
    'seed',
    'subscribers',
    'workers',
    'remote',
  ]);
  for (const key of Object.keys(parsed.options)) {
    if (!known.has(key)) throw new DemoOptionError(`unknown flag --${key}`);
  }
  const o = parsed.options;
  const d = DEFAULT_OPTIONS;
  const options: ExchangeOptions = {
    durationS: num('duration', o.duration, d.durationS),
    symbols: num('symbols', o.symbols, d.symbols),
    traders: num('traders', o.traders, d.traders),
    faultRate: num('fault-rate', o.faultRate, d.faultRate),
    seed: num('seed', o.seed, d.seed),
    subscribers: num('subscribers', o.subscribers, d.subscribers),
    ...(o.workers === undefined ? {} : { workers: num('workers', o.workers, 1) }),
    ...(o.remote === undefined ? {} : { remote: remoteFlag(o.remote) }),
  };
  validateOptions(options);
  return { kind: 'run', options };
}

/** Runs the CLI; resolves with the exit code (0 passed, 1 conservation failed, 2 bad flags). */
export async function main(argv: readonly string[]): Promise<number> {
  let action: CliAction;
  try {
    action = parseArgs(argv);
  } catch (error) {
    if (error instanceof DemoOptionError) {
      process.stderr.write(`zactor-demo: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (action.kind === 'help') {
    buildCli(true).outputHelp();
    return 0;
  }
  const report = await runExchange({
    ...action.options,
    // Workers load the cluster module by URL: next to this file once built (dist/).
    module: new URL('./exchange-cluster.js', import.meta.url),
    write: (text) => process.stdout.write(text),
    tty: process.stdout.isTTY === true,
  });
  return report.conservation.ok ? 0 : 1;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `zactor-demo: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
