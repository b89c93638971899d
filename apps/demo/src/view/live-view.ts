import { compact, ms } from './format.js';

/** One worker's second. */
export interface WorkerSample {
  readonly msgPerS: number;
  /** Event-loop utilisation, 0 to 1. */
  readonly elu: number;
}

/** One second of the run as the live view shows it. */
export interface LiveSample {
  readonly elapsedS: number;
  readonly msgPerS: number;
  readonly workers: readonly WorkerSample[];
  readonly acksPerS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly bookRestarts: number;
  readonly traderRestarts: number;
  readonly deadLetters: number;
}

export function formatLive(s: LiveSample): string {
  const workers = s.workers
    .map((w, i) => `w${i} ${compact(w.msgPerS)} ${Math.round(w.elu * 100)}%`)
    .join(' | ');
  return (
    `[${s.elapsedS.toFixed(0).padStart(3)}s] ${compact(s.msgPerS).padStart(6)} msg/s (${workers})` +
    `  ${compact(s.acksPerS).padStart(6)} acks/s` +
    `  ack P50 ${ms(s.p50Ms)} P99 ${ms(s.p99Ms)}` +
    `  restarts books ${s.bookRestarts} traders ${s.traderRestarts}` +
    `  dead letters ${s.deadLetters}`
  );
}

/** Writes live lines: redraws one line on a terminal, one line per second otherwise. */
export class LiveView {
  private readonly write: (text: string) => void;
  private readonly tty: boolean;
  private drawn = false;

  constructor(write: (text: string) => void, tty: boolean) {
    this.write = write;
    this.tty = tty;
  }

  show(sample: LiveSample): void {
    const line = formatLive(sample);
    if (this.tty) {
      this.write(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else {
      this.write(`${line}\n`);
    }
  }

  /** Ends a redrawn line so that what follows starts on its own line. */
  finish(): void {
    if (this.drawn) this.write('\n');
    this.drawn = false;
  }
}
