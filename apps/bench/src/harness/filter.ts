import { BenchError } from '../errors.js';

/**
 * `--filter`: `/pattern/flags` is a regular expression; anything else is a case-insensitive
 * substring. It is matched against `suite/scenario/implementation`, e.g.
 * `ringbuffer/SPSC, single/locked queue (Atomics mutex)`.
 */
export type Matcher = (id: string) => boolean;

export function compileFilter(filter: string | undefined): Matcher {
  if (filter === undefined || filter === '') return () => true;
  const re = /^\/(.*)\/([a-z]*)$/.exec(filter);
  if (re !== null) {
    let regex: RegExp;
    try {
      regex = new RegExp(re[1]!, re[2]);
    } catch (error) {
      throw new BenchError(
        'filter',
        'BAD_FILTER',
        `invalid regular expression ${filter}: ${String(error)}`,
      );
    }
    return (id) => {
      regex.lastIndex = 0;
      return regex.test(id);
    };
  }
  const needle = filter.toLowerCase();
  return (id) => id.toLowerCase().includes(needle);
}

/** The id `--filter` matches for one implementation of one scenario. */
export function scenarioImplId(suite: string, scenario: string, impl: string): string {
  return `${suite}/${scenario}/${impl}`;
}
