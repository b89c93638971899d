/** Options of `runExchange` (the CLI flags). */
export interface ExchangeOptions {
  /** Seconds of order flow before the drain. Default 10. */
  readonly durationS: number;
  readonly symbols: number;
  readonly traders: number;
  /** Probability per message that an order book or trader throws. */
  readonly faultRate: number;
  readonly seed: number;
  /** Worker threads; undefined: one per usable cpu (ActorCluster's default). */
  readonly workers?: number;
  /** Market-data subscribers. Default 4. */
  readonly subscribers: number;
  /** Where the live view and the summary go; default: nothing. */
  readonly write?: (text: string) => void;
  /** Redraw the live line in place (a terminal). Default false. */
  readonly tty?: boolean;
  /**
   * Relay the market-data fan-out to a subscriber in a second process over NATS (@zactor/remote):
   * the server's URL, or `local` to start a nats-server here. Default: off.
   */
  readonly remote?: string;
}

export const DEFAULT_OPTIONS: ExchangeOptions = {
  durationS: 10,
  symbols: 8,
  traders: 2000,
  faultRate: 0.001,
  seed: 42,
  subscribers: 4,
};

/** An option the demo cannot run with; the CLI exits 2 with the message. */
export class DemoOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoOptionError';
  }
}

function positiveInt(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new DemoOptionError(`--${name} must be an integer in [1, ${max}] (got ${value})`);
  }
}

/** Throws `DemoOptionError` for an option out of range. */
export function validateOptions(o: ExchangeOptions): void {
  if (o.workers !== undefined) positiveInt('workers', o.workers, 256);
  if (!(o.durationS > 0) || !Number.isFinite(o.durationS)) {
    throw new DemoOptionError(
      `--duration must be a positive number of seconds (got ${o.durationS})`,
    );
  }
  positiveInt('symbols', o.symbols, 1000);
  positiveInt('traders', o.traders, 1_000_000);
  positiveInt('subscribers', o.subscribers, 1000);
  if (!(o.faultRate >= 0 && o.faultRate <= 0.5)) {
    throw new DemoOptionError(`--fault-rate must be in [0, 0.5] (got ${o.faultRate})`);
  }
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) {
    throw new DemoOptionError(`--seed must be an integer in [0, 2^32) (got ${o.seed})`);
  }
}
