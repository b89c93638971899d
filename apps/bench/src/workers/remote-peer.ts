/**
 * The second process of the remote suite (suites/remote): forked by the bench process, it hosts
 * one RemoteNode with the suite's kinds, or a raw NATS client (a request replier, a counting
 * subscriber), as the bench process asks over the IPC channel (suites/remote/remote-protocol.ts).
 * It exits when the channel closes, so it never outlives the bench.
 */
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { RemoteNode } from '@zactor/remote';
import { REMOTE_ACTORS, REMOTE_MESSAGES } from '../suites/remote/remote-actors.js';
import type {
  PeerCounters,
  PeerReply,
  PeerRequest,
  SinkCount,
} from '../suites/remote/remote-protocol.js';

let node: RemoteNode | undefined;
let raw: NatsConnection | undefined;
let sink: { messages: number; bytes: number; expect: number; done: (() => void) | null } | null =
  null;

function send(reply: PeerReply): void {
  process.send?.(reply);
}

async function rawClient(servers: string): Promise<NatsConnection> {
  await raw?.close();
  raw = await connect({ servers, name: 'zactor-bench:remote-peer:raw' });
  return raw;
}

async function handle(request: PeerRequest): Promise<unknown> {
  switch (request.op) {
    case 'start-node':
      node = await RemoteNode.start({
        servers: request.servers,
        cluster: request.cluster,
        name: request.name,
        actors: REMOTE_ACTORS,
        messages: REMOTE_MESSAGES,
        // The cluster module is this file's sibling (src/workers or dist/workers); from source
        // the pool's workers inherit this process's tsx loader (see peer-process.ts).
        ...(request.workers === undefined
          ? {}
          : {
              actorCluster: {
                module: new URL(
                  import.meta.url.endsWith('.ts') ? './remote-cluster.ts' : './remote-cluster.js',
                  import.meta.url,
                ),
                workers: request.workers,
                pin: false,
              },
            }),
      });
      return node.index;
    case 'members':
      return node!.members().length;
    case 'counters': {
      const c = node!.counters();
      return {
        framesOut: c.framesOut,
        bytesOut: c.bytesOut,
        framesIn: c.framesIn,
        framesRejected: c.framesRejected,
      } satisfies PeerCounters;
    }
    case 'stop-node':
      await node?.stop();
      node = undefined;
      return null;
    case 'serve-requests': {
      const nc = await rawClient(request.servers);
      nc.subscribe(request.subject, {
        callback: (error, msg) => {
          if (error === null) msg.respond(msg.data);
        },
      });
      await nc.flush();
      return null;
    }
    case 'sink': {
      const nc = await rawClient(request.servers);
      const state = { messages: 0, bytes: 0, expect: Infinity, done: null as (() => void) | null };
      sink = state;
      const ackEvery = request.ackEvery;
      const empty = new Uint8Array(0);
      const sub: Subscription = nc.subscribe(request.subject, {
        callback: (error, msg) => {
          if (error !== null) return;
          state.messages++;
          state.bytes += msg.data.length;
          if (state.messages % ackEvery === 0) nc.publish(request.ackSubject, empty);
          if (state.messages === state.expect) state.done?.();
        },
      });
      void sub;
      await nc.flush();
      return null;
    }
    case 'sink-wait': {
      const state = sink!;
      if (state.messages < request.expect) {
        await new Promise<void>((resolve) => {
          state.expect = request.expect;
          state.done = resolve;
        });
      }
      const count: SinkCount = { messages: state.messages, bytes: state.bytes };
      state.messages = 0;
      state.bytes = 0;
      state.expect = Infinity;
      state.done = null;
      return count;
    }
    case 'close-raw':
      await raw?.close();
      raw = undefined;
      sink = null;
      return null;
  }
}

process.on('message', (message: PeerRequest & { id: number }) => {
  handle(message).then(
    (value) => send({ id: message.id, ok: true, value }),
    (error: unknown) =>
      send({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
process.on('disconnect', () => {
  void Promise.allSettled([node?.stop(), raw?.close()]).then(() => process.exit(0));
});
send({ id: 0, ok: true, value: 'ready' });
