import { type ActorContext, type ActorRef, ActorSystem } from '../src/index.js';

/**
 * Proto.Actor's in-process ping-pong: `pairs` (client, echo) pairs; each client keeps
 * `inFlight` pings outstanding until it has sent `perPair`; every message delivered in
 * either direction counts once.
 */
export interface PingPongOptions {
  readonly pairs: number;
  readonly inFlight: number;
  /** Pings each client sends in all. */
  readonly perPair: number;
  readonly throughput: number;
}

export interface PingPongResult {
  readonly messages: number;
  readonly seconds: number;
  readonly messagesPerSecond: number;
}

type ClientMsg = { readonly kind: 'start'; readonly echo: ActorRef<Ping> } | Pong;
interface Ping {
  readonly kind: 'ping';
}
interface Pong {
  readonly kind: 'pong';
}

const PING: Ping = { kind: 'ping' };
const PONG: Pong = { kind: 'pong' };

export async function runPingPong(options: PingPongOptions): Promise<PingPongResult> {
  const system = new ActorSystem({ throughput: options.throughput, latencySampleEvery: 0 });
  let finished = 0;
  let resolveAll!: () => void;
  const allDone = new Promise<void>((resolve) => {
    resolveAll = resolve;
  });
  const echoes: ActorRef<Ping>[] = [];
  const clients: ActorRef<ClientMsg>[] = [];
  for (let i = 0; i < options.pairs; i++) {
    echoes.push(
      system.spawn<Ping>((_msg: Ping, ctx: ActorContext<Ping>) => {
        ctx.sender!.tell(PONG, ctx.self);
      }),
    );
    let sent = 0;
    let received = 0;
    let echo: ActorRef<Ping> | null = null;
    clients.push(
      system.spawn<ClientMsg>((msg: ClientMsg, ctx: ActorContext<ClientMsg>) => {
        if (msg.kind === 'pong') {
          received++;
          if (sent < options.perPair) {
            sent++;
            echo!.tell(PING, ctx.self);
          } else if (received === options.perPair) {
            if (++finished === options.pairs) resolveAll();
          }
          return;
        }
        echo = msg.echo;
        const first = Math.min(options.inFlight, options.perPair);
        for (let k = 0; k < first; k++) {
          sent++;
          echo.tell(PING, ctx.self);
        }
      }),
    );
  }
  const start = performance.now();
  for (let i = 0; i < options.pairs; i++) clients[i]!.tell({ kind: 'start', echo: echoes[i]! });
  await allDone;
  const seconds = (performance.now() - start) / 1000;
  await system.shutdown();
  const messages = options.pairs * options.perPair * 2;
  return { messages, seconds, messagesPerSecond: messages / seconds };
}
