const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Called by a benchmark worker each time its ring is full or empty; `failures` counts the
 * consecutive misses. Busy-spins (the two-thread figures depend on it) and only after 10^4
 * misses sleeps 50 µs, so runs with more threads than cores still make progress.
 */
export function idle(failures: number): void {
  if (failures > 10_000) Atomics.wait(sleeper, 0, 0, 0.05);
}
