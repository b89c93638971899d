import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { main, parseArgs } from '../src/cli.js';
import { DEFAULT_OPTIONS } from '../src/run/exchange-options.js';

describe('parseArgs', () => {
  it('uses the defaults with no flags', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', options: DEFAULT_OPTIONS });
  });

  it('reads every flag', () => {
    const action = parseArgs([
      '--duration',
      '3',
      '--symbols',
      '2',
      '--traders',
      '10',
      '--fault-rate',
      '0.05',
      '--seed',
      '9',
      '--subscribers',
      '1',
      '--workers',
      '1',
    ]);
    expect(action).toEqual({
      kind: 'run',
      options: {
        durationS: 3,
        symbols: 2,
        traders: 10,
        faultRate: 0.05,
        seed: 9,
        subscribers: 1,
        workers: 1,
      },
    });
  });

  it('leaves the worker count to the cluster (one per cpu) unless --workers is given', () => {
    const action = parseArgs([]);
    expect(action.kind === 'run' && action.options.workers).toBeUndefined();
    expect(parseArgs(['--workers', '4'])).toMatchObject({ options: { workers: 4 } });
    expect(() => parseArgs(['--workers', '0'])).toThrow(/workers/);
    expect(() => parseArgs(['--workers', '1.5'])).toThrow(/workers/);
  });

  it('rejects unknown flags, stray arguments and out-of-range values', () => {
    expect(() => parseArgs(['--speed', '2'])).toThrow(/unknown flag/);
    expect(() => parseArgs(['fast'])).toThrow(/unexpected argument/);
    expect(() => parseArgs(['--fault-rate', '2'])).toThrow(/fault-rate/);
    expect(() => parseArgs(['--traders', 'many'])).toThrow(/traders/);
    expect(() => parseArgs(['--duration', '0'])).toThrow(/duration/);
  });

  it('returns help for --help', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
  });
});

describe('--help', () => {
  async function helpOutput(): Promise<string> {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    try {
      expect(await main(['--help'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    return lines.join('\n');
  }

  it('lists every flag of the README table, with its value placeholder', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const flags = [...readme.matchAll(/^\| `(--[a-z-]+ <[a-z]+>)`/gm)].map((m) => m[1]);
    expect(flags.length).toBeGreaterThanOrEqual(7);
    const help = await helpOutput();
    for (const flag of flags) expect(help).toContain(flag);
    expect(help).toContain('--help');
  });

  it('says what the program does, without an empty "Commands:" entry', async () => {
    const help = await helpOutput();
    expect(help).toContain('Run the exchange simulation');
    expect(help).not.toMatch(/Commands:/);
    expect(help).not.toMatch(/<command>/);
  });
});
