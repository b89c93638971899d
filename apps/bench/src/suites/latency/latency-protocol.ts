import type { MessagePort } from 'node:worker_threads';

/** How the two latency workers hand a value back and forth. */
export type PingPongKind = 'spsc' | 'atomics' | 'port';

/** One side of one cross-thread latency run (main -> latency-pingpong worker). */
export interface PingPongRequest {
  readonly kind: PingPongKind;
  readonly role: 'pinger' | 'ponger';
  /** Round trips to measure. */
  readonly samples: number;
  /** The pinger's pause after each round trip, in ns (Disruptor pacing). */
  readonly intervalNs: number;
  /** Run control block (start barrier, abort). */
  readonly control: SharedArrayBuffer;
  /** spsc: the pinger -> ponger ring; atomics: the ping-pong cell (layout.ts). */
  readonly ping?: SharedArrayBuffer;
  /** spsc: the ponger -> pinger ring. */
  readonly pong?: SharedArrayBuffer;
  /** port: this side's end of a MessageChannel (transferred). */
  readonly port?: MessagePort;
  /** The cpu this side pins its thread to before the run (none: left to the OS). */
  readonly cpu?: number;
}

/** The pinger's answer: every round trip in ns, in order. The ponger answers its echo count. */
export interface PingPongReply {
  readonly latenciesNs?: Float64Array;
  readonly echoed: number;
  readonly seconds: number;
}
