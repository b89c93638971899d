import { BenchError } from '../errors.js';
import type { Suite } from '../harness/scenario.js';
import { actorsSuite } from './actors/index.js';
import { balancingSuite } from './balancing/index.js';
import { batcherSuite } from './batcher/index.js';
import { latencySuite } from './latency/index.js';
import { mempoolSuite } from './mempool/index.js';
import { remoteSuite } from './remote/index.js';
import { ringbufferSuite } from './ringbuffer/index.js';
import { savinaSuite } from './savina/index.js';
import { schedulerSuite } from './scheduler/index.js';
import { serializerSuite } from './serializer/index.js';
import { stressSuite } from './stress/index.js';

/** Every suite, in the order a full session runs them. */
export const SUITES: readonly Suite[] = [
  ringbufferSuite,
  mempoolSuite,
  serializerSuite,
  batcherSuite,
  schedulerSuite,
  actorsSuite,
  balancingSuite,
  latencySuite,
  stressSuite,
  remoteSuite,
  savinaSuite,
];

/** Suite names, for help and error messages. */
export function suiteNames(): string[] {
  return SUITES.map((s) => s.name);
}

/**
 * The suites named (each entry may be a comma-separated list); all of them when none is named.
 * Throws `BenchError` `UNKNOWN_SUITE` naming the known ones.
 */
export function selectSuites(names: readonly string[]): Suite[] {
  const wanted = names
    .flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (wanted.length === 0) return [...SUITES];
  const unknown = wanted.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new BenchError(
      'suites',
      'UNKNOWN_SUITE',
      `unknown suite ${unknown.map((n) => `'${n}'`).join(', ')}; known suites: ${suiteNames().join(', ')}`,
    );
  }
  return SUITES.filter((s) => wanted.includes(s.name));
}
