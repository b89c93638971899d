import { affinitySupport, currentAffinity } from '@zactor/scheduler-numa';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
} from '../../harness/scenario.js';
import { WorkerSession } from '../../harness/worker-session.js';
import type { CoreLoopReply, CoreLoopRequest } from '../../workers/core-loop.js';

/**
 * What the machine itself gives a second core at the time of the run: one integer loop pinned
 * to cpu 0, to cpu 1, and both at once (the cpus the 2-worker cluster pins its workers to). The
 * loops share nothing, so on a machine of its own two at once run twice as fast as one; on a
 * shared VM whose host takes time from a core they do not, and the two-worker rows beside this
 * one are read against what the machine gave.
 */

type CoreParams = { readonly iterations: number };

class CoreLoops implements Implementation<CoreParams & Record<string, number>> {
  readonly name: string;
  readonly role = 'baseline' as const;
  private readonly cpus: readonly number[];
  private sessions: WorkerSession[] = [];

  constructor(cpus: readonly number[]) {
    this.cpus = cpus;
    this.name =
      cpus.length === 1
        ? `one loop, cpu ${cpus[0]} alone`
        : `a loop on each of cpus ${cpus.join(' and ')} at once`;
  }

  skip(): string | undefined {
    const support = affinitySupport();
    if (!support.supported) return `cpu affinity is not available here: ${support.reason}`;
    const allowed = currentAffinity() ?? [];
    const missing = this.cpus.filter((cpu) => !allowed.includes(cpu));
    return missing.length === 0
      ? undefined
      : `cpu ${missing.join(', ')} is not one this process may use`;
  }

  async open(): Promise<void> {
    this.sessions = await Promise.all(
      this.cpus.map((cpu) => WorkerSession.start('core-loop', `core loop on cpu ${cpu}`)),
    );
  }

  /** The steps are shared out between the cpus; the run lasts as long as the slowest. */
  async run(p: CoreParams): Promise<RunResult> {
    const share = Math.floor(p.iterations / this.cpus.length);
    const replies = await Promise.all(
      this.sessions.map((s, i) =>
        s.request<CoreLoopReply>({
          cpu: this.cpus[i]!,
          iterations: i === 0 ? p.iterations - share * (this.cpus.length - 1) : share,
        } satisfies CoreLoopRequest),
      ),
    );
    return { operations: p.iterations, seconds: Math.max(...replies.map((r) => r.seconds)) };
  }

  async close(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.close()));
    this.sessions = [];
  }
}

export const machineCoresScenario: Scenario = defineScenario<CoreParams>({
  suite: 'actors',
  name: 'machine: an integer loop on one pinned cpu, and on two at once',
  countingRule:
    'one operation = one step of a linear congruential generator (no memory traffic) on a worker thread pinned to the cpu named; with two cpus each does half the steps and the time is the slower one: two at once over one alone is the most a second worker can add at the time of the run',
  kind: 'throughput',
  unit: 'steps/s',
  sizes: {
    tiny: { iterations: 2_000_000 },
    quick: { iterations: 100_000_000 },
    full: { iterations: 100_000_000 },
  },
  scaleKey: 'iterations',
  operations: (p) => p.iterations,
  implementations: () => [new CoreLoops([0]), new CoreLoops([1]), new CoreLoops([0, 1])],
});
