/**
 * How a pool worker parks and wakes: the PARK word of its control block, the pool's parked
 * count and idle sequence, and the PARKS and WAKES counters. A park is announce, re-check every
 * source of work (the caller's job), then either withdraw or sleep: a producer that publishes
 * before the PARKED store is seen by the re-check, one that publishes after it sees PARKED and
 * wakes the worker, so no wake-up is lost. The sleep is an Atomics.waitAsync, so the worker's
 * event loop keeps running; it ends on a wake or after the park timeout.
 *
 * Only the worker's own thread calls these (it is the single writer of PARKS and WAKES).
 */
import type { ControlBlock } from './control-block.js';
import { CB_PARK, CB_PARKS, CB_WAKES, PARK_PARKED } from './layout.js';
import type { PoolMemory } from './pool-memory.js';
import { waitAsync } from './wait-async.js';

export class WorkerParker {
  /** Whether the worker sleeps: from `sleep` until its wake-up or timeout is handled. */
  parked = false;

  private readonly block: ControlBlock;
  private readonly memory: PoolMemory;
  private readonly timeoutMs: number;
  private readonly onWoken: () => void;
  // Worker-local copies of the published counters; a restarted worker carries on from them.
  private parks: number;
  private wakes: number;
  // Bound once, so a park creates no closure.
  private readonly wokenBound = () => this.woken();

  /** `onWoken` runs after each sleep ends (woken or timed out), with the worker counted awake. */
  constructor(block: ControlBlock, memory: PoolMemory, timeoutMs: number, onWoken: () => void) {
    this.block = block;
    this.memory = memory;
    this.timeoutMs = timeoutMs;
    this.onWoken = onWoken;
    this.parks = block.counter(CB_PARKS);
    this.wakes = block.counter(CB_WAKES);
  }

  /**
   * The worker. Stores PARKED (Atomics.store) and counts itself in the pool's parked count
   * (Atomics.add, which `wakeOne` reads first). The caller must then re-check every source of
   * work and call `withdraw` or `sleep`.
   */
  announce(): void {
    this.block.announcePark();
    this.memory.addParked(1);
  }

  /** The worker, after `announce`, when its re-check found work: back to AWAKE, uncounted. */
  withdraw(): void {
    this.block.unpark();
    this.memory.addParked(-1);
  }

  /**
   * The worker, after `announce`, when its re-check found nothing. Publishes PARKS, bumps the
   * pool's idle sequence (waking `WorkerPool.idle`), and waits on PARK while it holds PARKED.
   */
  sleep(): void {
    this.parks = (this.parks + 1) | 0;
    this.block.publish(CB_PARKS, this.parks);
    this.parked = true;
    this.memory.signalIdle();
    const result = waitAsync(this.block.words, CB_PARK, PARK_PARKED, this.timeoutMs);
    if (result.async) result.value.then(this.wokenBound);
    else this.woken();
  }

  private woken(): void {
    this.parked = false;
    // AWAKE already there means a waker's CAS ended the sleep, not the timeout.
    if (this.block.unpark()) {
      this.wakes = (this.wakes + 1) | 0;
      this.block.publish(CB_WAKES, this.wakes);
    }
    this.memory.addParked(-1);
    this.onWoken();
  }
}
