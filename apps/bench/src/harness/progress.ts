import cliProgress from 'cli-progress';

/** Role: tells the user how far a benchmark session has got. */
export interface Progress {
  /** Starts a session of `total` steps. */
  begin(total: number): void;
  /** One step done; `label` names what runs next or what just ran. */
  advance(label: string): void;
  /** Ends the session and restores the terminal line. */
  end(): void;
}

/** Prints nothing: for tests, pipes and `--no-progress`. */
export class SilentProgress implements Progress {
  begin(_total: number): void {}
  advance(_label: string): void {}
  end(): void {}
}

/** A single bar on stderr (cli-progress), so stdout stays clean for the result tables. */
export class BarProgress implements Progress {
  private readonly bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {value}/{total} runs | {eta_formatted} left | {label}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );

  begin(total: number): void {
    this.bar.start(total, 0, { label: '' });
  }

  advance(label: string): void {
    this.bar.increment(1, { label });
  }

  end(): void {
    this.bar.stop();
  }
}

SilentProgress satisfies new () => Progress;
BarProgress satisfies new () => Progress;

/** A bar when stderr is a terminal and we are not under a test runner; silence otherwise. */
export function defaultProgress(enabled: boolean): Progress {
  const interactive = process.stderr.isTTY === true && process.env.VITEST === undefined;
  return enabled && interactive ? new BarProgress() : new SilentProgress();
}
