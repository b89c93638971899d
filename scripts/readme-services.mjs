/**
 * What a package's README examples need beside them when the pack-install check runs them:
 *
 * - a NATS server, for a package that depends on the NATS client (`@zactor/remote`): a real
 *   nats-server with JetStream on a free loopback port (the launcher the tests use, from
 *   internal/testing, loaded through tsx), its URL in `NATS_URL`;
 * - the example files whose first line says `(background` (`// ponger.ts (background)`):
 *   started before the example's entry, once they print their first line, and stopped with
 *   SIGTERM after it (a background file must exit by itself then).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Starts what `manifest`'s examples need; resolves with their environment and a stop. */
export async function startServices(manifest, root) {
  const deps = Object.keys(manifest.dependencies ?? {});
  if (!deps.includes('@nats-io/transport-node')) return { env: {}, stop: async () => {} };
  const tsx = await import(pathToFileURL(join(root, 'node_modules/tsx/dist/esm/api/index.mjs')));
  const { startNatsServer } = await tsx.tsImport(
    pathToFileURL(join(root, 'internal/testing/src/nats-server.ts')).href,
    import.meta.url,
  );
  const server = await startNatsServer();
  return { env: { NATS_URL: server.url }, stop: () => server.stop() };
}

/**
 * Runs `file` with tsx in `cwd` until it prints its first line; resolves with a stop that
 * sends SIGTERM and waits for the exit (SIGKILL after `graceMs`), rejecting on a non-zero exit.
 */
export function startBackground(tsxCli, file, cwd, env, graceMs = 10_000) {
  const child = spawn(process.execPath, [tsxCli, file], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  let out = '';
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    child.stdout.on('data', (chunk) => {
      out += chunk;
      resolve({
        async stop() {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const { code, signal } = await exited;
          clearTimeout(killer);
          if (code !== 0) throw new Error(`background ${file} exited ${code ?? signal}:\n${out}`);
        },
      });
    });
    void exited.then(({ code, signal }) =>
      reject(
        new Error(`background ${file} exited (${code ?? signal}) before it was ready:\n${out}`),
      ),
    );
  });
}
