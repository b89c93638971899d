/**
 * Publishes a pool worker's event-loop utilisation (ELU_PPM of its control block, in parts per
 * million) over each metrics interval, from a timer that does not keep the thread alive.
 * Only the worker's own thread calls these (it is the single writer of ELU_PPM); readers get it
 * with one Atomics.load in `metrics`.
 */
import { performance } from 'node:perf_hooks';
import type { ControlBlock } from './control-block.js';
import { CB_ELU_PPM } from './layout.js';

export class EluPublisher {
  private readonly block: ControlBlock;
  private elu = performance.eventLoopUtilization();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(block: ControlBlock) {
    this.block = block;
  }

  /** The worker, once its loop starts: publishes every `intervalMs`. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => this.publish(), intervalMs);
    this.timer.unref();
  }

  /** The worker, when it stops: no more timer, and one last figure for the time since. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.publish();
  }

  private publish(): void {
    const now = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(now, this.elu);
    this.elu = now;
    this.block.publish(CB_ELU_PPM, Math.round(delta.utilization * 1e6));
  }
}
