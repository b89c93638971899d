/**
 * The controller on simulated workloads, over many seeds: the figures quoted in the README.
 * Deterministic (seeds 1..RUNS) and CPU-light:
 *   cd packages/batcher && npx tsx --conditions=@zactor/source bench/controller-simulation.ts
 *
 * Workload: a batch of n items costs 0.1 ms + 0.002 ms * n, times (1 + noise * N(0,1)); the
 * latency target is 1 ms, so the ideal size is 450 and the hold band 400..450.
 */
import { seededRandom } from '@zactor/testing';
import { AdaptiveBatcher, type AdaptiveBatcherOptions, type Batcher } from '../src/index.js';
import {
  directionChanges,
  linearWorkload,
  mean,
  relativeSpread,
  simulate,
  tail,
} from '../test/support/simulation.js';

const RUNS = Number(process.env.RUNS ?? 500);
const STEPS = 600;

/** Textbook AIMD for contrast: +step after a batch under target, halve above it, raw samples. */
class TextbookAimd implements Batcher {
  size = 1;
  readonly maxSize = 4096;
  constructor(private readonly step: number) {}
  record(_items: number, _elapsedMs: number, latencyMs: number): number {
    this.size =
      latencyMs > 1
        ? Math.max(1, Math.floor(this.size / 2))
        : Math.min(4096, this.size + this.step);
    return this.size;
  }
}

const adaptive =
  (extra: Partial<AdaptiveBatcherOptions> = {}) =>
  () =>
    new AdaptiveBatcher({ minSize: 1, maxSize: 4096, targetLatencyMs: 1, ...extra });

interface Scenario {
  name: string;
  make: () => Batcher;
  noise: number;
  spikes: boolean;
  perItemMs?: (step: number) => number;
  settled: (size: number) => boolean;
  settleFrom?: number;
}

const scenarios: Scenario[] = [
  {
    name: 'adaptive, 10% noise, from 1',
    make: adaptive(),
    noise: 0.1,
    spikes: false,
    settled: (n) => n >= 360,
  },
  {
    name: 'adaptive, 10% noise, from 4096',
    make: adaptive({ initialSize: 4096 }),
    noise: 0.1,
    spikes: false,
    settled: (n) => n <= 500,
  },
  {
    name: 'adaptive, 30% noise + 5 ms pauses',
    make: adaptive(),
    noise: 0.3,
    spikes: true,
    settled: (n) => n >= 360,
  },
  {
    name: 'adaptive, cost doubles at batch 300',
    make: adaptive(),
    noise: 0.1,
    spikes: false,
    perItemMs: (step) => (step < 300 ? 0.002 : 0.004),
    settled: (n) => n <= 250,
    settleFrom: 300,
  },
  {
    name: 'textbook AIMD +1/x0.5, 10% noise',
    make: () => new TextbookAimd(1),
    noise: 0.1,
    spikes: false,
    settled: (n) => n >= 360,
  },
  {
    name: 'textbook AIMD +1/x0.5, 30% noise + pauses',
    make: () => new TextbookAimd(1),
    noise: 0.3,
    spikes: true,
    settled: (n) => n >= 360,
  },
  {
    name: 'textbook AIMD +8/x0.5, 10% noise',
    make: () => new TextbookAimd(8),
    noise: 0.1,
    spikes: false,
    settled: (n) => n >= 360,
  },
];

const range = (values: number[], digits = 0) =>
  `${Math.min(...values).toFixed(digits)}..${Math.max(...values).toFixed(digits)}`;

/** Range of the runs that settled, and how many never did (-1). */
function settleText(settle: number[]): string {
  const found = settle.filter((n) => n >= 0);
  const never = settle.length - found.length;
  const text = found.length > 0 ? range(found) : '-';
  return never > 0 ? `${text} (never: ${never})` : text;
}

const rows = scenarios.map((scenario) => {
  const settle: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  const means: number[] = [];
  const turns: number[] = [];
  const spreads: number[] = [];
  for (let seed = 1; seed <= RUNS; seed++) {
    const workload = linearWorkload({
      fixedMs: 0.1,
      perItemMs: scenario.perItemMs ?? 0.002,
      noise: scenario.noise,
      random: seededRandom(seed),
      spikeChance: scenario.spikes ? 0.02 : 0,
      spikeMs: 5,
    });
    const sizes = simulate(scenario.make(), workload, STEPS);
    const from = scenario.settleFrom ?? 0;
    settle.push(sizes.slice(from).findIndex(scenario.settled));
    const last = tail(sizes, 200);
    lows.push(Math.min(...last));
    highs.push(Math.max(...last));
    means.push(mean(last));
    turns.push(directionChanges(last));
    spreads.push(relativeSpread(last));
  }
  return {
    scenario: scenario.name,
    'batches to settle': settleText(settle),
    'last 200: min': range(lows),
    'last 200: max': range(highs),
    'last 200: mean': range(means),
    'turns (max)': Math.max(...turns),
    'spread (median)': spreads.sort((a, b) => a - b)[spreads.length >> 1]!.toFixed(2),
  };
});

console.log(
  `${RUNS} seeds x ${STEPS} batches; ideal size 450 (hold band 400..450); ranges are over seeds`,
);
console.table(rows);
