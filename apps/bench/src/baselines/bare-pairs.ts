import { BareActor, BareLoop } from './bare-actor-loop.js';

/** The ping-pong shape: `pairs` client/echo pairs, `inFlight` pings each, `perPair` in all. */
export interface BarePairsParams {
  readonly pairs: number;
  readonly inFlight: number;
  readonly perPair: number;
}

/** What a run of bare pairs did. */
export interface BarePairsResult {
  /** Messages delivered, pings and pongs (each counted once by its receiver). */
  readonly delivered: number;
  /** From the first tell to the last pair's end. */
  readonly seconds: number;
}

type BareClientMsg = 1 | BareActor<0>;

/**
 * The actors suite's ping-pong pattern on bare actors (bare-actor-loop.ts), with no runtime:
 * each client sends `inFlight` pings at once, then one more per pong until it has sent
 * `perPair`. The limit row of the ping-pong scenarios, and what the machine row runs on each
 * pinned cpu. Thread contract: the calling thread's event loop (the loop wakes by microtask).
 */
export function runBarePairs(p: BarePairsParams, turnMessages: number): Promise<BarePairsResult> {
  const loop = new BareLoop(turnMessages);
  let delivered = 0;
  let finished = 0;
  let start = 0;
  return new Promise((resolve) => {
    const pairDone = (): void => {
      if (++finished === p.pairs) {
        resolve({ delivered, seconds: (performance.now() - start) / 1000 });
      }
    };
    const clients: BareActor<BareClientMsg>[] = [];
    const echoes: BareActor<0>[] = [];
    for (let i = 0; i < p.pairs; i++) {
      let sent = 0;
      let received = 0;
      let echo: BareActor<0> | null = null;
      const client = new BareActor<BareClientMsg>(loop, (msg) => {
        if (msg === 1) {
          delivered++;
          received++;
          if (sent < p.perPair) {
            sent++;
            echo!.tell(0);
          } else if (received === p.perPair) {
            pairDone();
          }
          return;
        }
        echo = msg;
        for (; sent < p.inFlight; sent++) echo.tell(0);
      });
      echoes.push(
        new BareActor<0>(loop, () => {
          delivered++;
          client.tell(1);
        }),
      );
      clients.push(client);
    }
    start = performance.now();
    for (let i = 0; i < p.pairs; i++) clients[i]!.tell(echoes[i]!);
  });
}
