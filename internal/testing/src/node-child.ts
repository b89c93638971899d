import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The tsx CLI's entry, to run `node <tsxCli> main.ts` as a user's `tsx main.ts` would. */
export const tsxCli = join(
  dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
  'dist/cli.mjs',
);

/** What a child `node` printed (stdout and stderr, interleaved) and how it exited. */
export interface NodeChildResult {
  readonly code: number | null;
  readonly out: string;
}

/**
 * Runs `node ...args` in `cwd` without NODE_OPTIONS (so the child sees only the loaders its
 * arguments give it) and resolves with its exit code and output. `boundMs` only keeps a hung
 * child from outliving its test: it is killed then, and in any case when this returns.
 */
export async function runNodeChild(
  args: readonly string[],
  cwd: string,
  boundMs = 120_000,
): Promise<NodeChildResult> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, args, { cwd, env });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const bound = setTimeout(() => child.kill('SIGKILL'), boundMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    return { code, out };
  } finally {
    clearTimeout(bound);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
