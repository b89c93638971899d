import { formatLive, type LiveSample } from './live-line.js';

/**
 * Writes live lines: on a terminal, redraws one line fitted to its width (`columns`, read at
 * every redraw so a resize is followed; by default stdout's, undefined when unknown);
 * otherwise one full line per second.
 */
export class LiveView {
  private readonly write: (text: string) => void;
  private readonly tty: boolean;
  private readonly columns: () => number | undefined;
  private drawn = false;

  constructor(
    write: (text: string) => void,
    tty: boolean,
    columns: () => number | undefined = () => process.stdout.columns,
  ) {
    this.write = write;
    this.tty = tty;
    this.columns = columns;
  }

  show(sample: LiveSample): void {
    const line = formatLive(sample, this.tty ? this.columns() : undefined);
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
