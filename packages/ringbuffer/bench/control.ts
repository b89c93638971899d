/**
 * The start line shared by the cross-thread benchmark workers (bench only, not the package).
 *
 * ```
 * Int32 word 0  READY     workers that reached the start of the current round (Atomics.add)
 * Int32 word 1  GO        round number + 1 once the main thread starts that round
 * Int32 word 2  CONSUMED  records taken so far by all consumers together (MPMC end detection)
 * ```
 *
 * Every run has a warm-up round (so the JIT has compiled the loops) and a measured round. The
 * main thread stamps the start of a round just before it stores GO; each consumer stamps the
 * moment it finished. Stamps are `performance.timeOrigin + performance.now()`, comparable across
 * threads.
 */
export const READY = 0;
export const GO = 1;
export const CONSUMED = 2;
export const CONTROL_BYTES = 16;

/** Wall-clock milliseconds with sub-microsecond resolution, comparable across threads. */
export function stamp(): number {
  return performance.timeOrigin + performance.now();
}

/** Worker side: reports ready for `round`, then sleeps until the main thread says go. */
export function awaitStart(control: Int32Array, round: number): void {
  Atomics.add(control, READY, 1);
  Atomics.notify(control, READY);
  for (;;) {
    const go = Atomics.load(control, GO);
    if (go > round) return;
    Atomics.wait(control, GO, go, 1000);
  }
}
