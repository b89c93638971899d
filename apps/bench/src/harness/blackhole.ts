/**
 * A place to put results the benchmark never reads, so the JIT cannot prove a loop's work is
 * dead and remove it.
 */
let sink = 0;

export function consume(value: number): void {
  sink = (sink + value) | 0;
}

/** The accumulated sink (read by tests only, to keep `consume` observable). */
export function sinkValue(): number {
  return sink;
}
