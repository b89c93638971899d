/**
 * The main thread's pump: drains the main node's inbound MpscRing in batches, yielding to the
 * event loop between them, and parks on the ring (Atomics.waitAsync) while it is empty. It
 * reports a corrupt ring once; on stop it drains whatever is left.
 *
 * Thread contract: the main thread (the ring's only consumer); `start` and `stop` once each.
 */
import { AsyncParkWaitStrategy, type MpscRing } from '@zactor/ringbuffer';
import { ActorError } from '../errors.js';
import type { RingCorruptInfo } from './cluster-events.js';
import type { ClusterMode } from './cluster-options.js';
import type { ClusterNode } from './node/cluster-node.js';

export class MainPump {
  private readonly node: ClusterNode;
  private readonly ring: MpscRing;
  private readonly spins: number;
  private readonly onCorrupt: (info: RingCorruptInfo) => void;
  private stopped = false;
  private done: Promise<void> = Promise.resolve();

  constructor(
    /** The main thread's node. */
    node: ClusterNode,
    /** Its inbound ring. */
    ring: MpscRing,
    mode: ClusterMode,
    onCorrupt: (info: RingCorruptInfo) => void,
  ) {
    this.node = node;
    this.ring = ring;
    this.spins = mode === 'latency' ? 4096 : 64;
    this.onCorrupt = onCorrupt;
  }

  start(): void {
    this.done = this.run();
  }

  /**
   * Ends the pump (waking it if parked) and then drains the ring to the end: call it once the
   * node's system has stopped, which dead-letters what arrived meanwhile.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.ring.wakeSignal.notifyIfParked();
    await this.done;
    this.node.drain(this.ring, Number.POSITIVE_INFINITY);
  }

  /** Drains the ring; parks on it (Atomics.waitAsync) while it is empty. */
  private async run(): Promise<void> {
    const node = this.node;
    const ring = this.ring;
    const wait = new AsyncParkWaitStrategy({ spins: this.spins });
    let corruptionReported = false;
    while (!this.stopped) {
      if (node.drain(ring, 1024) > 0) {
        // Let the dispatcher's microtasks and the event loop run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      const corruption = corruptionReported ? undefined : ring.corruption();
      if (corruption !== undefined) {
        corruptionReported = true;
        this.onCorrupt({
          node: node.nodeId,
          from: undefined,
          drainsOn: false,
          error: new ActorError(
            'ActorCluster',
            'RING_CORRUPT',
            `the main thread's inbound ring is corrupt and drains nothing more: ${corruption.message}`,
          ),
        });
      }
      await wait.waitForAsync(ring, 100);
    }
  }
}
