import type { Schedulable } from './dispatcher.js';

/**
 * With sampling off, the countdown restarts from a large small integer (a Smi: no heap-number
 * arithmetic on the tell path); a hit then samples nothing.
 */
const SAMPLING_OFF = 0x3fffffff;

/**
 * What the tell path and the turn touch of the sampling: fields of the system, which both read
 * already (the tell decrements `sampleCountdown`; a turn reads `sampleCell` once).
 */
export interface SampledSystem {
  sampleCountdown: number;
  /** The cell whose sampled message is on its way, or null. */
  sampleCell: Schedulable | null;
  /** The sampled message's place among the messages `sampleCell` has still to handle. */
  sampleRemaining: number;
  /** The cell whose turn is running, or null. */
  readonly runningCell: object | null;
  readonly metrics: { recordLatency(ns: number): void };
}

/**
 * Follows one tell in `every` to its receive (the tell -> receive latency histogram), and counts
 * every message queued on the way (the countdown counts each tell): the count behind
 * `ActorSystem.waitingMessages`, a worker's backlog for placement. Only a sample's start and end
 * come here; the tell path only decrements the countdown.
 *
 * One sample is in flight at a time. A tell that falls on the countdown while its cell's own turn
 * runs (an actor telling itself) starts none, and the countdown restarts: so a turn sees at its
 * start whether its cell holds the sampled message and counts down in a local, at no cost per
 * message. The price: tells of an actor to itself are never sampled (an actor fed only by
 * itself adds nothing to the histogram).
 *
 * Thread contract: the system's thread.
 */
export class TellSampling {
  private readonly every: number;
  /** The countdown's start value, and what earlier countdowns counted. */
  private countdownStart: number;
  private queuedBefore = 0;
  private startedAt = 0;

  constructor(every: number) {
    this.every = every;
    this.countdownStart = every === 0 ? SAMPLING_OFF : every;
  }

  /** Where the system's countdown starts. */
  get firstCountdown(): number {
    return this.countdownStart;
  }

  /** Messages queued so far, given the system's countdown now. */
  queued(countdown: number): number {
    return this.queuedBefore + (this.countdownStart - countdown);
  }

  /** The countdown reached 0 on a tell to `cell`, whose mailbox now holds `position` messages. */
  start(system: SampledSystem, cell: Schedulable, position: number): void {
    this.queuedBefore += this.countdownStart;
    if (this.every === 0) {
      system.sampleCountdown = this.countdownStart = SAMPLING_OFF;
      return;
    }
    system.sampleCountdown = this.countdownStart = this.every;
    if (cell === system.runningCell || system.sampleCell !== null) return;
    system.sampleCell = cell;
    system.sampleRemaining = position;
    this.startedAt = performance.now();
  }

  /** The sampled message was received: its latency goes into the histogram. */
  finish(system: SampledSystem): void {
    system.metrics.recordLatency((performance.now() - this.startedAt) * 1e6);
    system.sampleCell = null;
  }
}
