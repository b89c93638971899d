import type { ActorRef, ActorSystem } from '@zactor/actor-core';
import { type Deferred, deferred } from './deferred.js';

/**
 * An actor of `system` that adds up the numbers reported to it until `expected` reports came:
 * how the cluster and remote scenarios learn that every pair finished, and their totals.
 */
export class Reports {
  total = 0;
  private count = 0;
  private expected = 0;
  private done: Deferred<void> = deferred();
  readonly ref: ActorRef<number>;

  constructor(system: ActorSystem) {
    this.ref = system.spawn<number>((n) => {
      this.total += n;
      if (++this.count === this.expected) this.done.resolve();
    });
  }

  expect(reports: number): Promise<void> {
    this.total = 0;
    this.count = 0;
    this.expected = reports;
    this.done = deferred();
    return this.done.promise;
  }
}
