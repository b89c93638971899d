/**
 * Fault mode's hung workers. One extra pool worker hosts only `victim` sinks; the fault loop on
 * the main thread tells one of them `'hang'`, which spins forever, so the cluster's liveness
 * watch must notice the worker, terminate it and start a new one (see faults.ts). A victim's
 * counts must outlive its thread, so they live in a SharedArrayBuffer every victim gets in its
 * spawn args:
 *
 * ```
 *  Float64Array over the SAB
 *  +----------------+----------------+-----+--------------------+
 *  | slot 0         | slot 1         | ... | slot VICTIM_SLOTS  |
 *  | load received  | load received  |     | load dead-lettered |
 *  | by victim 0    | by victim 1    |     | on a victim thread |
 *  +----------------+----------------+-----+--------------------+
 * ```
 *
 * Invariants: slot i is written only by the thread hosting victim i (one thread at a time: a
 * successor victim i starts after its predecessor's thread was terminated), the last slot only
 * by the victim thread of the moment; the main thread reads them once the run is quiet. Plain
 * (non-atomic) doubles: one writer, read after the writer is gone or idle.
 */
import type { ActorBehavior, ActorSystem } from '@zactor/actor-core';
import { isLoad, type LoadMessage } from './load.js';

/** Victims on the victim worker at a time. */
export const VICTIM_SLOTS = 8;
/** The slot counting load dead-lettered on a victim thread. */
export const VICTIM_DEAD_SLOT = VICTIM_SLOTS;

export interface VictimArgs {
  /** `(VICTIM_SLOTS + 1)` doubles, laid out as above. */
  readonly counts: SharedArrayBuffer;
  readonly slot: number;
}

export type VictimMessage = LoadMessage | 'hang';

/** A fresh counts buffer for a run. */
export function victimCounts(): SharedArrayBuffer {
  return new SharedArrayBuffer((VICTIM_SLOTS + 1) * Float64Array.BYTES_PER_ELEMENT);
}

/** The system of this thread whose dead letters are already counted (one per thread). */
let countedSystem: ActorSystem | null = null;

export function victim(args: VictimArgs): ActorBehavior<VictimMessage> {
  const counts = new Float64Array(args.counts);
  return {
    preStart(ctx) {
      if (countedSystem === ctx.system) return;
      countedSystem = ctx.system;
      ctx.system.events.subscribe(
        (event) => {
          if (isLoad(event.message)) counts[VICTIM_DEAD_SLOT]!++;
        },
        ['dead-letter'],
      );
    },
    receive(message) {
      if (message === 'hang') {
        // On purpose: a receive that never returns, as a bug in user code would.
        for (;;) {}
      }
      counts[args.slot]!++;
    },
  };
}
