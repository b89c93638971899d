import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchError } from '../../errors.js';
import { runningFromSource } from '../../harness/worker-launcher.js';
import type { PeerReply, PeerRequest } from './remote-protocol.js';

/**
 * The bench process's handle on its peer process (src/workers/remote-peer.ts), forked once per
 * implementation so that start-up stays out of the measurements. From the built CLI the peer is
 * the sibling bundle dist/workers/remote-peer.js; from source (vitest) it is the TypeScript file
 * run through tsx's loader with the `@zactor/source` condition, as the tests' workers are.
 * A peer that exits fails every pending request instead of hanging the run.
 */
export class PeerProcess {
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: PeerReply) => {
      const p = this.pending.get(reply.id);
      if (p === undefined) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new BenchError('remote-peer', 'PEER_FAILED', reply.error));
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.fail(
          new BenchError(
            'remote-peer',
            'PEER_EXITED',
            `the peer process exited (${signal ?? `code ${code}`})`,
          ),
        );
        resolve();
      });
    });
    child.once('error', (error) => this.fail(error));
  }

  /** Forks the peer (with `execArgv`, e.g. `--cpu-prof`) and waits until it says it is ready. */
  static async start(execArgv: readonly string[] = []): Promise<PeerProcess> {
    const fromSource = runningFromSource(import.meta.url);
    let entry: string;
    const args: string[] = [...execArgv];
    if (fromSource) {
      entry = fileURLToPath(new URL('../../workers/remote-peer.ts', import.meta.url));
      const { tsxCli } = await import('@zactor/testing');
      args.push(
        '--conditions=@zactor/source',
        '--import',
        pathToFileURL(join(dirname(tsxCli), 'loader.mjs')).href,
      );
    } else {
      entry = fileURLToPath(new URL('./workers/remote-peer.js', import.meta.url));
    }
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = fork(entry, [], {
      execArgv: args,
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const peer = new PeerProcess(child);
    await peer.await(0);
    return peer;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private await<T>(id: number): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /** Sends one request; resolves with the peer's answer. Requests may overlap. */
  request<T>(request: PeerRequest): Promise<T> {
    const id = this.nextId++;
    const answer = this.await<T>(id);
    if (this.failure === undefined) this.child.send({ ...request, id });
    return answer;
  }

  /** Closes the channel (the peer stops its node and exits); kills it if it has not in 5 s. */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.disconnect();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
