import { describe, expect, it } from 'vitest';
import { SilentProgress } from '../src/harness/progress.js';
import { type RunPlan, runScenario } from '../src/harness/run-loop.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
} from '../src/harness/scenario.js';

type P = { readonly items: number };

const plan: RunPlan = {
  size: 'quick',
  runs: 3,
  warmups: 0,
  targetSeconds: 0,
  maxScale: 1,
  runTimeoutMs: 5_000,
};

function scenario(impls: () => Implementation<P>[], extra: Partial<Scenario<P>> = {}): Scenario {
  return defineScenario<P>({
    suite: 'test',
    name: 'fake',
    countingRule: 'one operation = one item',
    kind: 'throughput',
    unit: 'items/s',
    sizes: { tiny: { items: 100 }, quick: { items: 100 }, full: { items: 100 } },
    operations: (p) => p.items,
    implementations: impls,
    ...extra,
  });
}

/** An implementation whose runs take the given durations in turn. */
function timed(name: string, seconds: number[], log?: string[]): Implementation<P> {
  let k = 0;
  return {
    name,
    role: 'peer',
    run: (p): RunResult => {
      log?.push(name);
      return { operations: p.items, seconds: seconds[k++ % seconds.length]! };
    },
  };
}

describe('runScenario', () => {
  it('reports the median of operations / seconds over the measured runs', async () => {
    const s = scenario(() => [timed('a', [0.5, 0.25, 1])]);
    const result = await runScenario(s, s.implementations(), plan, new SilentProgress());
    const m = result.implementations[0]!.metrics[0]!;
    // 100 items in 0.5, 0.25 and 1 s: 200, 400, 100 items/s.
    expect(m.summary.samples).toEqual([200, 400, 100]);
    expect(m.summary.median).toBe(200);
    expect(m.summary.spread).toBeCloseTo(1.5, 12);
    expect(m.summary.flagged).toBe(true);
    expect(m).toMatchObject({ metric: 'throughput', unit: 'items/s', better: 'higher' });
  });

  it('rotates the order of implementations every round', async () => {
    const log: string[] = [];
    const s = scenario(() => [timed('a', [1], log), timed('b', [1], log), timed('c', [1], log)]);
    await runScenario(s, s.implementations(), plan, new SilentProgress());
    expect(log).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
  });

  it("waits an implementation's settleMs after each of its runs, before the next run starts", async () => {
    const events: [string, number][] = [];
    const stamp = (name: string, settleMs?: number): Implementation<P> => ({
      name,
      role: 'peer',
      ...(settleMs !== undefined ? { settleMs } : {}),
      run: (p): RunResult => {
        events.push([name, performance.now()]);
        return { operations: p.items, seconds: 1 };
      },
    });
    const s = scenario(() => [stamp('vm', 60), stamp('b')]);
    await runScenario(s, s.implementations(), plan, new SilentProgress());
    // Each run that follows one of the VM's starts at least its settle time later (a timer
    // fires no earlier than asked).
    const gaps = events
      .slice(1)
      .map(([name, at], i) => ({ after: events[i]![0], name, gap: at - events[i]![1] }));
    const afterVm = gaps.filter((g) => g.after === 'vm');
    expect(afterVm.length).toBeGreaterThan(0);
    for (const g of afterVm) expect(g.gap).toBeGreaterThanOrEqual(55);
  });

  it('fails an implementation whose count breaks the counting rule and still runs the others', async () => {
    const cheat: Implementation<P> = {
      name: 'cheat',
      role: 'zactor',
      run: (p) => ({ operations: p.items * 2, seconds: 1 }),
    };
    const s = scenario(() => [cheat, timed('honest', [1])]);
    const result = await runScenario(s, s.implementations(), plan, new SilentProgress());
    expect(result.implementations[0]!.error).toMatch(/COUNT_MISMATCH|reported 200 operations/);
    expect(result.implementations[0]!.metrics).toEqual([]);
    expect(result.implementations[1]!.metrics[0]!.summary.median).toBe(100);
  });

  it('fails a run that does not finish in time instead of hanging', async () => {
    const stuck: Implementation<P> = {
      name: 'stuck',
      role: 'peer',
      run: () => new Promise<RunResult>(() => {}),
    };
    const s = scenario(() => [stuck]);
    const result = await runScenario(
      s,
      s.implementations(),
      { ...plan, runTimeoutMs: 50 },
      new SilentProgress(),
    );
    expect(result.implementations[0]!.error).toMatch(/did not finish in 50 ms/);
  });

  it('scales the workload until a run lasts about the target time', async () => {
    // 1e6 items/s: the base 100 items take 0.1 ms, so the multiplier grows to its cap of 64
    // (0.0064 s) or until a run reaches 60% of the 10 ms target.
    const steady: Implementation<P> = {
      name: 'steady',
      role: 'peer',
      run: (p) => ({ operations: p.items, seconds: p.items / 1e6 }),
    };
    const s = scenario(() => [steady], { scaleKey: 'items' });
    const result = await runScenario(
      s,
      s.implementations(),
      { ...plan, targetSeconds: 0.01, maxScale: 1000 },
      new SilentProgress(),
    );
    // 100 -> x100 (ceil(0.01 / 0.0001)) = 10_000 items = 10 ms >= 6 ms: stop.
    expect(result.implementations[0]!.params).toEqual({ items: 10_000 });
    expect(result.implementations[0]!.metrics[0]!.summary.median).toBeCloseTo(1e6, 6);
  });

  it('opens before the first run and closes after the last, also when a run fails', async () => {
    const events: string[] = [];
    const impl: Implementation<P> = {
      name: 'lifecycle',
      role: 'baseline',
      open: () => {
        events.push('open');
      },
      run: () => {
        events.push('run');
        throw new Error('boom');
      },
      close: () => {
        events.push('close');
      },
    };
    const s = scenario(() => [impl]);
    const result = await runScenario(s, s.implementations(), plan, new SilentProgress());
    expect(events).toEqual(['open', 'run', 'close']);
    expect(result.implementations[0]!.error).toMatch(/boom/);
  });

  it('closes a failed implementation at once, before the others run again', async () => {
    const events: string[] = [];
    const failing: Implementation<P> = {
      name: 'failing',
      role: 'peer',
      run: () => {
        events.push('failing run');
        throw new Error('stuck');
      },
      close: () => {
        events.push('failing close');
      },
    };
    const s = scenario(() => [failing, timed('steady', [1], events)]);
    await runScenario(s, s.implementations(), plan, new SilentProgress());
    expect(events).toEqual(['failing run', 'failing close', 'steady', 'steady', 'steady']);
  });

  it('skips an implementation that says it does not fit, without running or failing it', async () => {
    const events: string[] = [];
    const huge: Implementation<P> = {
      name: 'huge',
      role: 'peer',
      skip: (p) => `needs ${p.items} GiB`,
      open: () => {
        events.push('open');
      },
      run: () => {
        events.push('run');
        return { operations: 100, seconds: 1 };
      },
    };
    const s = scenario(() => [huge, timed('small', [1])]);
    const result = await runScenario(s, s.implementations(), plan, new SilentProgress());
    expect(events).toEqual([]);
    expect(result.implementations[0]).toMatchObject({ skipped: 'needs 100 GiB', metrics: [] });
    expect(result.implementations[0]!.error).toBeUndefined();
    expect(result.implementations[1]!.metrics[0]!.summary.median).toBe(100);
  });

  it('reports corrected latency percentiles for latency scenarios', async () => {
    const impl: Implementation<P> = {
      name: 'lat',
      role: 'zactor',
      run: (p) => ({
        operations: p.items,
        seconds: 1,
        latenciesNs: Float64Array.from({ length: p.items }, (_, i) => (i === 0 ? 450 : 10)),
      }),
    };
    const s = scenario(() => [impl], {
      kind: 'latency',
      unit: 'ns',
      expectedIntervalNs: 100,
      sizes: { tiny: { items: 4 }, quick: { items: 4 }, full: { items: 4 } },
    });
    const result = await runScenario(s, s.implementations(), plan, new SilentProgress());
    const metrics = Object.fromEntries(
      result.implementations[0]!.metrics.map((m) => [m.metric, m.summary.median]),
    );
    // Corrected: 450 10 10 10 + 350 250 150 -> sorted 10 10 10 150 250 350 450.
    expect(metrics).toEqual({
      p50: 150,
      p95: 450,
      p99: 450,
      'p99.9': 450,
      max: 450,
      'raw p99': 450,
      'raw p99.9': 450,
    });
    expect(result.implementations[0]!.latencyCurve?.at(-1)).toEqual({
      percentile: 100,
      valueNs: 450,
    });
  });
});
