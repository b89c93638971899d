import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ActorCluster, ActorRef } from '@zactor/actor-core';
import { RemoteNode } from '@zactor/remote';
import { type NatsServerHandle, startNatsServer } from '@zactor/testing/nats-server';
import { MESSAGE_SCHEMAS } from '../actors/message-schemas.js';
import type { MarketUpdate } from '../actors/messages.js';
import { DemoOptionError } from '../run/exchange-options.js';
import type { RemoteTally, TallyRequest } from './remote-tally.js';

/** The market-data process's module, and the Node flags to run it with. */
export interface RemoteChild {
  /** dist/remote/market-data-process.js, or the .ts source in tests. */
  readonly module: URL;
  /** e.g. `--import=tsx` for the TypeScript source. */
  readonly execArgv?: readonly string[];
}

/** The exchange's side of `--remote`: a relay actor on the main thread, the tally, the end. */
export interface RemoteMarketData {
  /** Where to send market updates: an actor of the cluster's main thread that relays them. */
  readonly relay: ActorRef<MarketUpdate>;
  readonly url: string;
  readonly pid: number;
  /** Updates the relay has forwarded (handled, for the exchange's drain and its check). */
  readonly relayed: number;
  /** The market-data process's tally once it stops changing (its in-flight updates arrived). */
  settledTally(limitMs: number): Promise<RemoteTally>;
  stop(): Promise<void>;
}

const CLUSTER = 'zactor-demo';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts the market-data process and joins it: a NATS server (the given URL, else one started
 * here, which needs `nats-server` installed), a RemoteNode `exchange` in this process, the child
 * on its own RemoteNode, and a relay actor in the cluster's main-thread system that forwards
 * every update to the child's subscriber. The desks fan out to the relay like to any subscriber.
 */
export async function startRemoteMarketData(
  cluster: ActorCluster,
  url: string | undefined,
  child: RemoteChild,
): Promise<RemoteMarketData> {
  let server: NatsServerHandle | undefined;
  if (url === undefined) {
    try {
      server = await startNatsServer();
    } catch (error) {
      throw new DemoOptionError(
        `--remote without a URL starts a local NATS server, which failed: ${(error as Error).message}`,
      );
    }
  }
  const servers = url ?? server!.url;
  let childProcess: ChildProcess | undefined;
  let node: RemoteNode | undefined;
  try {
    node = await RemoteNode.start({
      servers,
      name: 'exchange',
      cluster: CLUSTER,
      messages: MESSAGE_SCHEMAS,
    });
    const started = fork(fileURLToPath(child.module), [servers, CLUSTER], {
      execArgv: [...(child.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    childProcess = started;
    await new Promise<void>((resolve, reject) => {
      started.once('message', () => resolve());
      started.once('exit', (code) => reject(new Error(`the market-data process exited (${code})`)));
    });
    let target: ActorRef<MarketUpdate | TallyRequest> | undefined;
    while (target === undefined) {
      target = await node.lookup<MarketUpdate | TallyRequest>('market-data');
      if (target === undefined) await sleep(20);
    }
    const remote = target;
    let relayed = 0;
    const relay = cluster.system.spawn<MarketUpdate>((update) => {
      remote.tell(update);
      relayed++;
    });
    const joined = node;
    return {
      relay,
      get relayed() {
        return relayed;
      },
      url: servers,
      pid: started.pid ?? 0,
      async settledTally(limitMs) {
        const deadline = performance.now() + limitMs;
        let last = await remote.ask<RemoteTally>({ type: 'tally' }, { timeoutMs: limitMs });
        for (let stable = 0; stable < 3 && performance.now() < deadline; ) {
          await sleep(100);
          const next = await remote.ask<RemoteTally>({ type: 'tally' }, { timeoutMs: limitMs });
          stable = next.updates === last.updates ? stable + 1 : 0;
          last = next;
        }
        return last;
      },
      async stop() {
        started.disconnect();
        await new Promise((resolve) =>
          started.exitCode === null ? started.once('exit', resolve) : resolve(0),
        );
        await joined.stop();
        await server?.stop();
      },
    };
  } catch (error) {
    childProcess?.kill('SIGKILL');
    await node?.stop();
    await server?.stop();
    throw error;
  }
}
