import type { QueueKind } from './int-queue.js';

/** One worker's part in one cross-thread queue run (main -> ring-throughput worker). */
export interface RingRunRequest {
  readonly kind: QueueKind;
  readonly queue: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly role: 'producer' | 'consumer';
  /** Producer number, from 0; also salts its values. */
  readonly index: number;
  readonly producers: number;
  readonly consumers: number;
  /** Values this producer pushes (ignored for consumers). */
  readonly items: number;
  /** Values a producer pushes per call (1: single). Consumers always take up to 256. */
  readonly batch: number;
}

/** What a worker reports after its part of a run. */
export interface RingRunReply {
  /** Shared-clock ms (see run-control.ts) when it passed the start barrier. */
  readonly startMs: number;
  /** Shared-clock ms when it pushed its last value / took the stop pill. */
  readonly endMs: number;
  /** Values pushed (producer) or taken (consumer), pills excluded. */
  readonly count: number;
  /** Sum of those values, modulo 2^32. */
  readonly checksum: number;
  /** Fraction of its run not spent in long stalls. */
  readonly busy: number;
}
