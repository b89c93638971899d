import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasNats, type NatsServerHandle, startNatsServer } from './nats-fixture.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

/** The README's block that starts with `// <file>`. */
function block(file: string): string {
  const found = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .find((code) => code.startsWith(`// ${file}`));
  if (found === undefined) throw new Error(`README has no ${file} block`);
  return found;
}

/**
 * Runs a README file as its own process, as `npx tsx file.ts` would (sources, not dist), with
 * tsx as a loader of this node process rather than its CLI (a wrapper process).
 */
function run(file: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import=tsx', '--conditions=@zactor/source', file], {
    cwd: packageDir,
    env,
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return { child, output: () => out };
}

async function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe.skipIf(!hasNats)('README', () => {
  let server: NatsServerHandle;
  // Inside the package, so `@zactor/remote` resolves to this package (self-reference).
  const dir = join(packageDir, 'test', '.readme-run');
  beforeAll(async () => {
    server = await startNatsServer();
    mkdirSync(dir, { recursive: true });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  it('runs the two-process ping example: the pinger gets 1000 answers, then both stop cleanly', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NATS_URL: server.url };
    delete env.NODE_OPTIONS;
    writeFileSync(join(dir, 'ponger.ts'), block('ponger.ts'));
    writeFileSync(join(dir, 'pinger.ts'), block('pinger.ts'));
    const ponger = run(join(dir, 'ponger.ts'), env);
    try {
      const pinger = run(join(dir, 'pinger.ts'), env);
      const code = await exited(pinger.child);
      expect(pinger.output()).toMatch(/pinger: n = 1000 after 1000 round trips, \d+ µs each/);
      expect(code).toBe(0);
      expect(ponger.output()).toContain('ponger ready');
    } finally {
      ponger.child.kill('SIGTERM');
      const code = await exited(ponger.child);
      expect(code).toBe(0);
    }
  });

  it('runs the two-ActorCluster example: a worker of one process asks a worker of the other 1000 times', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NATS_URL: server.url };
    delete env.NODE_OPTIONS;
    for (const file of ['ping-actors.ts', 'pongers.ts', 'pingers.ts'])
      writeFileSync(join(dir, file), block(file));
    const pongers = run(join(dir, 'pongers.ts'), env);
    try {
      const pingers = run(join(dir, 'pingers.ts'), env);
      const code = await exited(pingers.child);
      expect(pingers.output()).toContain(
        'pinger (worker 0 of pingers) -> ponger (worker 1 of pongers): n = 1000',
      );
      expect(code).toBe(0);
      expect(pongers.output()).toMatch(/pongers ready: nodes \d+\.\.\d+/);
    } finally {
      pongers.child.kill('SIGTERM');
      const code = await exited(pongers.child);
      expect(code).toBe(0);
    }
  }, 60_000);
});
