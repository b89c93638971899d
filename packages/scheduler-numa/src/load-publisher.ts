/**
 * Publishes what placement reads about a pool worker's load, on each metrics interval, from a
 * timer that does not keep the thread alive: its event-loop utilisation over the interval
 * (ELU_PPM of its control block, in parts per million) and its definition's backlog (BACKLOG;
 * the loop also stores that when a turn ends, but work its definition runs on the event loop
 * between turns is only seen here). Readers get each word with one Atomics.load.
 *
 * Thread contract: the worker's own thread only (the single writer of ELU_PPM and BACKLOG).
 */
import { performance } from 'node:perf_hooks';
import type { ControlBlock } from './control-block.js';
import { CB_BACKLOG, CB_ELU_PPM } from './layout.js';

export class LoadPublisher {
  private readonly block: ControlBlock;
  private readonly backlog: (() => number) | undefined;
  private elu = performance.eventLoopUtilization();
  private timer: ReturnType<typeof setInterval> | undefined;

  /** `backlog`: the definition's count of work waiting (none: BACKLOG stays 0). */
  constructor(block: ControlBlock, backlog?: () => number) {
    this.block = block;
    this.backlog = backlog;
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
    this.publishBacklog();
  }

  /** The worker: stores the definition's backlog now (also at the end of each loop turn). */
  publishBacklog(): void {
    if (this.backlog !== undefined) this.block.publish(CB_BACKLOG, this.backlog());
  }
}
