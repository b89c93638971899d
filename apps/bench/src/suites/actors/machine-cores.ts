import { affinitySupport } from '@zactor/scheduler-numa';
import type { BarePairsResult } from '../../baselines/bare-pairs.js';
import { clusterCpus } from '../../harness/cluster-cpus.js';
import { createControl } from '../../harness/run-control.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
} from '../../harness/scenario.js';
import { WorkerSession } from '../../harness/worker-session.js';
import type { PinnedBarePairsRequest } from '../../workers/pinned-bare-pairs.js';

/**
 * What the machine itself gives each of the two cpus a 2-worker cluster pins its workers to, at
 * the time of the run: the ping-pong scenarios' limit row (32 bare actor pairs, no runtime) on a
 * thread pinned to one cpu, to the other, then to both at once. Nothing is shared between the
 * two, so on a machine of its own both at once run twice as fast as one, and each cpu as fast as
 * the other. On this shared VM a cpu has been seen running such work at 55-60% of the other's
 * for minutes while a plain integer loop ran as fast on both: the two-worker rows beside this
 * one are read against what each cpu gave.
 */

const TURN_MESSAGES = 300;
type PairsParams = { readonly pairs: number; readonly inFlight: number; readonly perPair: number };

class PinnedBarePairs implements Implementation<PairsParams & Record<string, number>> {
  readonly name: string;
  readonly role = 'baseline' as const;
  /** The cpus to run on, or why they cannot be had here. */
  private readonly cpus: readonly number[] | string;
  private sessions: WorkerSession[] = [];

  /** `which`: the worker whose cpu to use alone, or 'both'. */
  constructor(which: 0 | 1 | 'both') {
    const planned = clusterCpus(2);
    if (which === 'both') {
      this.name = "bare pairs on each of the 2 workers' cpus at once";
      this.cpus = planned.length < 2 ? 'only one cpu is allowed here' : planned;
    } else {
      const cpu = planned[which];
      this.name = `bare pairs alone on worker ${which}'s cpu`;
      this.cpus = cpu === undefined ? 'only one cpu is allowed here' : [cpu];
    }
  }

  skip(): string | undefined {
    const support = affinitySupport();
    if (!support.supported) return `cpu affinity is not available here: ${support.reason}`;
    return typeof this.cpus === 'string' ? this.cpus : undefined;
  }

  async open(): Promise<void> {
    const cpus = this.cpus as readonly number[];
    this.sessions = await Promise.all(
      cpus.map((cpu) => WorkerSession.start('pinned-bare-pairs', `bare pairs on cpu ${cpu}`)),
    );
  }

  /** Each cpu runs all the pairs with its share of the pings; the run lasts as long as the slowest. */
  async run(p: PairsParams): Promise<RunResult> {
    const cpus = this.cpus as readonly number[];
    const share = Math.floor(p.perPair / cpus.length);
    const control = createControl();
    const replies = await Promise.all(
      this.sessions.map((s, i) =>
        s.request<BarePairsResult>({
          cpu: cpus[i]!,
          pairs: p.pairs,
          inFlight: p.inFlight,
          perPair: i === 0 ? p.perPair - share * (cpus.length - 1) : share,
          turnMessages: TURN_MESSAGES,
          control,
          parties: cpus.length,
        } satisfies PinnedBarePairsRequest),
      ),
    );
    return {
      operations: replies.reduce((sum, r) => sum + r.delivered, 0),
      seconds: Math.max(...replies.map((r) => r.seconds)),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.close()));
    this.sessions = [];
  }
}

export const machineCoresScenario: Scenario = defineScenario<PairsParams>({
  suite: 'actors',
  name: "machine: bare actor pairs on each cluster worker's cpu, alone and at once",
  countingRule:
    "the ping-pong limit row's workload (32 pairs x 100 in flight on bare actors, no runtime; every ping and pong delivered counts once) on a worker thread pinned to the cpu of one of a 2-worker cluster's workers; 'at once' runs both cpus, each with half the pings, started together, timed by the slower: each cpu alone against the other, and at once against alone, are what the machine gives the two-worker rows at the time of the run",
  kind: 'throughput',
  unit: 'msg/s',
  sizes: {
    tiny: { pairs: 32, inFlight: 100, perPair: 200 },
    quick: { pairs: 32, inFlight: 100, perPair: 40_000 },
    full: { pairs: 32, inFlight: 100, perPair: 40_000 },
  },
  scaleKey: 'perPair',
  operations: (p) => p.pairs * p.perPair * 2,
  implementations: () => [
    new PinnedBarePairs(0),
    new PinnedBarePairs(1),
    new PinnedBarePairs('both'),
  ],
});
