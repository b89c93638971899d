import { Prng } from '../random/prng.js';
import { InjectedFault } from './injected-fault.js';

/** Throws `InjectedFault` with probability `rate` per call; seeded so a run's faults repeat. */
export class FaultInjector {
  private readonly rate: number;
  private readonly prng: Prng;
  /** Faults thrown so far. */
  thrown = 0;

  constructor(rate: number, seed: number) {
    this.rate = rate;
    this.prng = new Prng(seed);
  }

  maybeFail(where: string): void {
    if (this.rate > 0 && this.prng.next() < this.rate) {
      this.thrown++;
      throw new InjectedFault(where);
    }
  }
}
