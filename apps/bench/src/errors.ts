/**
 * Every error the benchmark runner throws on purpose is a `BenchError` whose message starts with
 * `zactor-bench/<where>: `, so a user can tell a harness complaint from a crash in a benchmark.
 */
export class BenchError extends Error {
  override readonly name: string = 'BenchError';
  /** Stable machine-readable code, e.g. `UNKNOWN_SUITE`. */
  readonly code: string;

  constructor(where: string, code: string, message: string) {
    super(`zactor-bench/${where}: ${message}`);
    this.code = code;
  }
}
