/**
 * Back-off for a test worker that finds a ring full or empty: spins a little, then sleeps a
 * tenth of a millisecond so 5 threads on 2 cores still let the other side run, and throws once
 * nothing has moved for `timeoutMs`, so a stuck worker fails its test instead of hanging it.
 */
export class Backoff {
  readonly #sleeper = new Int32Array(new SharedArrayBuffer(4));
  #idle = 0;
  #since = 0;

  constructor(
    readonly label: string,
    readonly timeoutMs: number,
  ) {}

  progress(): void {
    this.#idle = 0;
  }

  idle(): void {
    const idle = ++this.#idle;
    if (idle === 1) this.#since = performance.now();
    if (idle < 64) return;
    if (performance.now() - this.#since > this.timeoutMs) {
      throw new Error(`${this.label}: no progress for ${this.timeoutMs} ms`);
    }
    Atomics.wait(this.#sleeper, 0, 0, 0.1);
  }
}
