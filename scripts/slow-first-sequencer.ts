/**
 * The order vitest starts test files in: the slowest first, as listed below, then vitest's own
 * order (the cached durations of earlier runs, or file size on a clean clone, where a short
 * file that runs a long benchmark would start last and run alone at the end). Longest first
 * keeps the 2 workers busy to the end: with no list, CI's test phase ran 523 s where its
 * files' durations sum to 767 s (one 168 s file ran last, the other worker idle for 70 s).
 *
 * Durations under coverage on 2 cores (CI, 2026-12-05, test workers on the esbuild loader); an
 * approximate order is enough.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW_FIRST = [
  'packages/actor-core/test/cluster.test.ts', // 43 s
  'apps/bench/test/smoke-actors.test.ts', // 35 s
  'apps/bench/test/remote-suite.test.ts', // 33 s
  'packages/actor-core/test/balancing-pool.test.ts', // 29 s
  'examples/typed-cluster/test/typed-cluster.test.ts', // 28 s
  'apps/bench/test/smoke-savina.test.ts', // 27 s
  'packages/actor-core/test/cluster-children.test.ts', // 22 s
  'packages/actor-core/test/cluster-liveness.test.ts', // 19 s
  'packages/scheduler-numa/test/worker-pool.test.ts', // 19 s
  'apps/soak/test/soak.test.ts', // 17 s
  'packages/actor-core/test/pool-faults.test.ts', // 16 s
  'packages/remote/test/readme.test.ts', // 15 s
  'apps/bench/test/smoke-ringbuffer.test.ts', // 15 s
  'apps/bench/test/smoke-remote.test.ts', // 14 s
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (file: TestSpecification): number => {
      const at = SLOW_FIRST.indexOf(relative(root, file.moduleId));
      return at < 0 ? SLOW_FIRST.length : at;
    };
    return sorted
      .map((file, order) => ({ file, order, rank: rank(file) }))
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .map(({ file }) => file);
  }
}
