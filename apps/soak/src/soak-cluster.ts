/**
 * The soak cluster: the module every thread of the soak loads (ActorCluster's `module`).
 *
 * - `group` (group.ts): sinks under a lenient supervisor, with failures and churn.
 * - `driver` (driver.ts): steady paced load over every group's sinks, and asks.
 * - `victim` (victims.ts, fault mode): sinks of the worker the fault loop hangs.
 * - `echo`: answers asks. `probe`: this worker's heap after GC and its dead-letter tally.
 */
import { type ActorContext, defineCluster } from '@zactor/actor-core';
import { t } from '@zactor/serializer';
import { driver } from './driver.js';
import { group } from './group.js';
import { heapAfterGc, type LoadDeadLetters, tallyLoadDeadLetters } from './load.js';
import { victim } from './victims.js';

export type { DriverArgs, DriverReport } from './driver.js';
export type { GroupArgs, GroupReport } from './group.js';
export type { VictimArgs } from './victims.js';

export interface ProbeReport {
  readonly heapAfterGcBytes: number;
  readonly deadLetters: LoadDeadLetters;
}

let tally: LoadDeadLetters | undefined;

export default defineCluster({
  messages: { tick: t.struct({ n: t.u32 }), blob: t.struct({ n: t.u32, data: t.bytes }) },
  setup(node) {
    tally = tallyLoadDeadLetters(node.system);
  },
  actors: {
    group,
    driver,
    victim,
    echo: () => (message: { ask: number }, ctx: ActorContext<unknown>) =>
      ctx.reply({ echo: message.ask }),
    probe: () => (message: 'sample' | 'deadLetters', ctx: ActorContext<unknown>) => {
      ctx.reply({
        heapAfterGcBytes: message === 'sample' ? heapAfterGc() : 0,
        deadLetters: tally ?? { byReason: {}, byRecipientWorker: {}, total: 0, other: 0 },
      } satisfies ProbeReport);
    },
  },
});
