import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { listText, main, parseCli } from '../src/cli.js';
import { BenchError } from '../src/errors.js';
import type { BenchJson } from '../src/harness/record.js';

const quiet = () => {};

function optionsOf(argv: string[]) {
  const action = parseCli(argv, quiet);
  if (action.kind === 'help') throw new Error('expected options');
  return action.options;
}

describe('the command line', () => {
  it('runs every suite at quick size by default', () => {
    const o = optionsOf([]);
    expect(o).toMatchObject({ suites: [], size: 'quick', progress: true });
    expect(o.filter).toBeUndefined();
  });

  it('accepts repeated and comma-separated suites, --full, --runs, --json and --html', () => {
    const o = optionsOf([
      '--suite',
      'ringbuffer',
      '--suite',
      'ringbuffer,ringbuffer',
      '--full',
      '--runs',
      '7',
      '--json',
      'out.json',
      '--html',
      'out.html',
      '--filter',
      '/spsc/i',
      '--no-progress',
    ]);
    expect(o).toMatchObject({
      suites: ['ringbuffer', 'ringbuffer,ringbuffer'],
      size: 'full',
      runs: 7,
      json: 'out.json',
      html: 'out.html',
      filter: '/spsc/i',
      progress: false,
    });
  });

  it('rejects an unknown flag with a BenchError', () => {
    expect(() => parseCli(['--fast'], quiet)).toThrow(BenchError);
    expect(() => parseCli(['--fast'], quiet)).toThrow(/Unknown option `--fast`/);
  });

  it('rejects an unknown suite and names the known ones', () => {
    expect(() => parseCli(['--suite', 'ringbufer'], quiet)).toThrow(
      /unknown suite 'ringbufer'; known suites: .*ringbuffer/,
    );
  });

  it('rejects stray arguments, a missing value, bad --runs and --full with --tiny', () => {
    expect(() => parseCli(['ringbuffer'], quiet)).toThrow(/unknown command|unexpected argument/);
    expect(() => parseCli(['--suite'], quiet)).toThrow(/value is missing/);
    expect(() => parseCli(['--runs', '0'], quiet)).toThrow(/--runs/);
    expect(() => parseCli(['--full', '--tiny'], quiet)).toThrow(/cannot be combined/);
  });

  it('rejects a filter that matches nothing', () => {
    expect(() => parseCli(['--filter', 'no such scenario anywhere'], quiet)).toThrow(
      /no scenario matches/,
    );
  });

  it('exits with 2 and a clear message on bad input', async () => {
    const errors: string[] = [];
    const code = await main(['--suite', 'nope'], quiet, (t) => errors.push(t));
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/zactor-bench\/suites: unknown suite 'nope'/);
  });

  it('lists scenarios with their counting rules', () => {
    const text = listText(optionsOf(['--suite', 'ringbuffer']));
    expect(text).toMatch(/^ringbuffer: /);
    expect(text).toMatch(/counting rule: one operation = /);
    expect(text).toMatch(/implementations: .*\((peer|baseline|zactor)\)/);
  });

  it('writes the JSON and HTML files of a tiny run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zactor-bench-'));
    const json = join(dir, 'sub', 'out.json');
    const html = join(dir, 'out.html');
    const lines: string[] = [];
    const code = await main(
      ['--tiny', '--suite', 'ringbuffer', '--filter', 'heap queue', '--json', json, '--html', html],
      (t) => lines.push(t),
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(await readFile(json, 'utf8')) as BenchJson;
    expect(parsed.records.length).toBeGreaterThan(0);
    expect(parsed.records.every((r) => r.scenario.startsWith('heap queue'))).toBe(true);
    expect(await readFile(html, 'utf8')).toMatch(/^<!doctype html>/);
    expect(lines.join('\n')).toMatch(/counting rule: /);
  });
});

describe('--help', () => {
  async function helpOutput(): Promise<string> {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    try {
      expect(await main(['--help'], quiet, quiet)).toBe(0);
    } finally {
      log.mockRestore();
    }
    return lines.join('\n');
  }

  it('lists every flag the README names', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const paragraph = /^Flags: [\s\S]*?\n\n/m.exec(readme)?.[0] ?? '';
    const flags = [...paragraph.matchAll(/`(--[a-z-]+)/g)].map((m) => m[1]);
    expect(flags).toContain('--no-progress');
    const help = await helpOutput();
    for (const flag of flags) expect(help).toMatch(new RegExp(`^ {2}(-[a-z], )?${flag}\\b`, 'm'));
  });

  it('describes the run without an empty "Commands:" entry, and --no-progress without a default', async () => {
    const help = await helpOutput();
    expect(help).toContain('Run the benchmark suites');
    expect(help).not.toMatch(/Commands:/);
    expect(help).toMatch(/^ {2}--no-progress +Never show the progress bar/m);
    expect(help).not.toMatch(/\(default: true\)/);
    // No line ends in the space cac leaves after a description.
    expect(help).not.toMatch(/ $/m);
  });
});
