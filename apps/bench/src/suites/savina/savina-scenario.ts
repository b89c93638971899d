import {
  defineScenario,
  type Implementation,
  type Params,
  type Scenario,
} from '../../harness/scenario.js';
import { ErlangSavina, RUN_TIME, savinaRunResult } from './erlang-savina.js';
import { checkCounts, type SavinaBenchmark, type SavinaRun } from './savina-benchmark.js';

/**
 * A Savina benchmark as a scenario: ZActor (one `ActorSystem`, one event loop), nact and xstate
 * in this process, Erlang/OTP on one scheduler and on two. The workload is fixed per size (no
 * calibration: `full` is Savina's default parameters); every run's counts are checked before
 * its time is taken.
 */

/** A library's run, checked: a wrong result throws `BenchError` `WRONG_RESULT`. */
function checked<P extends Params>(
  b: SavinaBenchmark<P>,
  name: string,
  role: 'zactor' | 'peer',
  run: SavinaRun<P>,
): Implementation<P> {
  return {
    name,
    role,
    async run(params) {
      const outcome = await run(params);
      checkCounts(b.name, name, b.expected(params), outcome.counts);
      return savinaRunResult(b, params, outcome.seconds);
    },
  };
}

/** The implementations of one benchmark, in table order. */
export function savinaImplementations<P extends Params>(
  b: SavinaBenchmark<P>,
): Implementation<P>[] {
  return [
    checked(b, 'ZActor', 'zactor', b.zactor),
    checked(b, 'nact', 'peer', b.nact),
    checked(b, 'xstate', 'peer', b.xstate),
    new ErlangSavina(b, 1),
    new ErlangSavina(b, 2),
  ];
}

export function savinaScenario<P extends Params>(b: SavinaBenchmark<P>): Scenario {
  return defineScenario<P>({
    suite: 'savina',
    name: b.name,
    countingRule: `${b.rule}; time from the first spawn to the last count, teardown excluded; Erlang/OTP: our programs (erlang/zactor_savina*.erl) with the same messages and checks, timed inside the VM, on 1 scheduler (+S 1:1) and 2 (+S 2:2)`,
    kind: 'throughput',
    unit: 'msg/s',
    sizes: b.sizes,
    extraMetrics: [{ metric: RUN_TIME, unit: 'ns', better: 'lower' }],
    operations: (p) => b.messages(p),
    implementations: () => savinaImplementations(b),
  });
}
