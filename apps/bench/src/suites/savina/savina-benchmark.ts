import { BenchError } from '../../errors.js';
import type { Params, SizeName } from '../../harness/scenario.js';

/**
 * One Savina micro-benchmark (Imam & Sarkar, "Savina - An Actor Benchmark Suite", AGERE 2014;
 * github.com/shamsimam/savina): its workload at each size (`full` is Savina's default
 * parameters), the result a correct run must produce, and one run function per library. Every
 * implementation, the Erlang programs included, reports the same named counts (`SavinaCounts`);
 * the harness compares them with `expected` and a mismatch is a `BenchError`, never a figure.
 */

/** The counts a run reports, by name (e.g. `{ pongs: 40000 }`); whole numbers. */
export type SavinaCounts = Readonly<Record<string, number>>;

/** What one run of one implementation produced: its counts and how long it took. */
export interface SavinaOutcome {
  readonly counts: SavinaCounts;
  /** Wall-clock seconds from the first spawn to the last count (teardown excluded). */
  readonly seconds: number;
}

export type SavinaRun<P extends Params> = (params: P) => Promise<SavinaOutcome>;

/*
 * The runs are methods, not function-typed properties: methods compare bivariantly, so every
 * benchmark fits one `SavinaBenchmark<Params>` list (each is only handed its own sizes).
 */
export interface SavinaBenchmark<P extends Params> {
  /** Savina's name, e.g. `PingPong`; the scenario is named after it. */
  readonly name: string;
  /** The command word of the Erlang programs (erlang/zactor_savina.erl), e.g. `ping_pong`. */
  readonly erlangName: string;
  /** The workload and what is counted, for `--list` and the tables. */
  readonly rule: string;
  readonly sizes: Readonly<Record<SizeName, P>>;
  /** The operations a run is credited with (the messages the workload sends, counted once). */
  messages(params: P): number;
  /** The counts a correct run reports. */
  expected(params: P): SavinaCounts;
  /** The parameters, in order, of the Erlang command. */
  erlangArgs(params: P): readonly number[];
  /** ZActor: one `ActorSystem` on this event loop. */
  zactor(params: P): Promise<SavinaOutcome>;
  nact(params: P): Promise<SavinaOutcome>;
  /** xstate: callback actors (`fromCallback`), created with `createActor`. */
  xstate(params: P): Promise<SavinaOutcome>;
}

/**
 * Throws `BenchError` `WRONG_RESULT` unless `counts` has exactly the expected value under every
 * expected name: a run that skipped work cannot be credited with a figure.
 */
export function checkCounts(
  benchmark: string,
  implementation: string,
  expected: SavinaCounts,
  counts: SavinaCounts,
): void {
  const wrong = Object.keys(expected).filter((key) => counts[key] !== expected[key]);
  if (wrong.length > 0) {
    const detail = wrong.map((k) => `${k} ${counts[k]} (expected ${expected[k]})`).join(', ');
    throw new BenchError(
      'savina',
      'WRONG_RESULT',
      `${benchmark} [${implementation}] gave a wrong result: ${detail}`,
    );
  }
}

/** Seconds since `startMs` (a `performance.now()` reading). */
export function since(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}

/**
 * Savina's stand-in for work per message (`performComputation` in its fork-join configs): sin²
 * of the angle the message carries. The angle comes in the message, so the JIT cannot fold it.
 */
export function performComputation(theta: number): number {
  const s = Math.sin(theta);
  return s * s;
}

/** The angle Savina's fork-join benchmarks compute on. */
export const THETA = 37.2;
