import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How to get the server, for messages. */
export const NATS_INSTALL_HINT =
  'nats-server is not installed: `apt-get install -y nats-server` (Debian), or put nats-server on PATH, or set NATS_SERVER to its path';

/** The nats-server binary: $NATS_SERVER, else the first on PATH or in /usr/sbin; undefined when none. */
export function natsServerBinary(): string | undefined {
  const named = process.env.NATS_SERVER;
  const candidates = named ? [named] : ['nats-server', '/usr/sbin/nats-server'];
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

/**
 * Whether tests that need nats-server must run: in CI (or with REQUIRE_NATS set) a missing
 * server is a failure, never a skip. Locally, a test may skip, and says why.
 */
export function natsRequired(): boolean {
  return Boolean(process.env.CI || process.env.REQUIRE_NATS);
}

/** A nats-server of a test or benchmark: its client URL, and how to stop or restart it. */
export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL when `hard`) and waits for it to exit. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port (e.g. after `stop`, to test reconnects). */
  restart(): Promise<void>;
}

export interface NatsServerOptions {
  /** Enable JetStream (the registry and member slots of @zactor/remote need it). Default true. */
  readonly jetstream?: boolean;
  /** Largest message payload the server accepts, in bytes (the server's default: 1 MiB). */
  readonly maxPayload?: number;
  /** How long to wait for the server to accept connections. Default 10 s. */
  readonly readyTimeoutMs?: number;
  /** More command-line flags, e.g. `['--user', 'u', '--pass', 'p']`. */
  readonly args?: readonly string[];
}

/** A free TCP port on loopback (the OS picks one, we release it at once). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts a real nats-server on a free loopback port (JetStream in a temporary store) and
 * resolves once it accepts connections. Throws with NATS_INSTALL_HINT when the binary is missing.
 * The server is killed when the process exits, in case a test forgets to stop it.
 */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const binary = natsServerBinary();
  if (binary === undefined) throw new Error(NATS_INSTALL_HINT);
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'zactor-nats-'));
  const args = ['-a', '127.0.0.1', '-p', String(port)];
  if (options.jetstream ?? true) args.push('-js', '-sd', store);
  args.push(...(options.args ?? []));
  if (options.maxPayload !== undefined) {
    const config = join(store, 'server.conf');
    writeFileSync(config, `max_payload: ${options.maxPayload}\n`);
    args.push('-c', config);
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  let child: ChildProcess | null = null;
  let log = '';
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const launch = async (): Promise<void> => {
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await accepts(port))) {
      if (started.exitCode !== null || Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`nats-server did not start on port ${port}:\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const stop = async (hard = false): Promise<void> => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    async stop(hard) {
      await stop(hard);
      process.removeListener('exit', killOnExit);
      rmSync(store, { recursive: true, force: true });
    },
    async restart() {
      // The exit hook registered at start still stands (only the final stop removes it).
      await stop(true);
      await launch();
    },
  };
}
