import { PARKED_INDEX, WAKE_COUNT_INDEX } from './layout.js';

type WaitAsyncResult =
  | { readonly async: false; readonly value: 'not-equal' | 'timed-out' }
  | { readonly async: true; readonly value: Promise<'ok' | 'timed-out'> };

// Atomics.waitAsync exists in Node >= 16, but its types need lib ES2024, which would also admit
// APIs Node 20 lacks; so only this one function is typed here.
const waitAsync = (
  Atomics as unknown as {
    waitAsync(array: Int32Array, index: number, value: number, timeout: number): WaitAsyncResult;
  }
).waitAsync;

/**
 * The parking protocol of one shared ring (words PARKED and WAKE_COUNT, see layout.ts).
 *
 * A consumer that found nothing calls `prepare()`, re-checks the ring, then either `park()`s or
 * `cancel()`s; a producer calls `notifyIfParked()` after every publish. Because `prepare` counts
 * itself in PARKED before it reads WAKE_COUNT and re-checks, and the producer loads PARKED only
 * after its publishing store, one of the two always sees the other (all Atomics ops are
 * sequentially consistent), so a wake-up is never lost. Producers pay one Atomics.load per
 * publish and call `Atomics.notify` only when someone may be asleep.
 */
export class WakeSignal {
  readonly #words: Int32Array;

  /** Attaches to the parking words of `buffer`; allocates nothing shared. */
  constructor(buffer: SharedArrayBuffer) {
    this.#words = new Int32Array(buffer, 0, WAKE_COUNT_INDEX + 1);
  }

  /**
   * Producers, after their publishing Atomics store. Atomics.load of PARKED; when non-zero,
   * Atomics.add on WAKE_COUNT (so a consumer between `prepare` and `park` does not sleep) and
   * Atomics.notify of one waiter.
   */
  notifyIfParked(): void {
    if (Atomics.load(this.#words, PARKED_INDEX) !== 0) this.#wake();
  }

  #wake(): void {
    Atomics.add(this.#words, WAKE_COUNT_INDEX, 1);
    Atomics.notify(this.#words, WAKE_COUNT_INDEX, 1);
  }

  /**
   * Consumers: announces a possible sleep (Atomics.add on PARKED) and returns the WAKE_COUNT
   * token to pass to `park`. The caller must re-check the ring afterwards, then call exactly one
   * of `park`, `parkAsync` or `cancel`.
   */
  prepare(): number {
    Atomics.add(this.#words, PARKED_INDEX, 1);
    return Atomics.load(this.#words, WAKE_COUNT_INDEX);
  }

  /**
   * Consumers, after `prepare` and a re-check that found nothing: sleeps with Atomics.wait until
   * a producer bumps WAKE_COUNT away from `token`, or `timeoutMs` passes, then leaves the PARKED
   * count. Blocks the thread: use it in workers (on Node's main thread it would stall the event
   * loop). Returns false on timeout.
   */
  park(token: number, timeoutMs: number): boolean {
    const result = Atomics.wait(this.#words, WAKE_COUNT_INDEX, token, timeoutMs);
    Atomics.sub(this.#words, PARKED_INDEX, 1);
    return result !== 'timed-out';
  }

  /**
   * Like `park`, but with Atomics.waitAsync, so the thread keeps running its event loop. The
   * wait itself does not keep Node alive, so a timer handle is held for the duration.
   * Resolves false on timeout.
   */
  async parkAsync(token: number, timeoutMs: number): Promise<boolean> {
    const result = waitAsync(this.#words, WAKE_COUNT_INDEX, token, timeoutMs);
    if (!result.async) {
      Atomics.sub(this.#words, PARKED_INDEX, 1);
      return result.value !== 'timed-out';
    }
    // A long timer keeps the event loop alive while only the wait is pending.
    const keepAlive = setInterval(noop, 1 << 30);
    try {
      return (await result.value) !== 'timed-out';
    } finally {
      clearInterval(keepAlive);
      Atomics.sub(this.#words, PARKED_INDEX, 1);
    }
  }

  /** Consumers, after `prepare` when the re-check found items: leaves the PARKED count. */
  cancel(): void {
    Atomics.sub(this.#words, PARKED_INDEX, 1);
  }
}

function noop(): void {}
