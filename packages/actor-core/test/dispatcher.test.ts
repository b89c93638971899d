import { describe, expect, it } from 'vitest';
import { RunQueueDispatcher, type Schedulable } from '../src/dispatcher.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function counter(): Schedulable & { turns: number } {
  return {
    turns: 0,
    runTurn() {
      this.turns++;
      return 1;
    },
  };
}

describe('RunQueueDispatcher driven by an outer loop', () => {
  it('runs actors made ready during a hold only when runNow is called, synchronously', async () => {
    const d = new RunQueueDispatcher();
    const a = counter();
    const b = counter();
    d.hold();
    d.schedule(a);
    d.schedule(b);
    await tick();
    expect([a.turns, b.turns]).toEqual([0, 0]);
    expect(d.runNow()).toBe(2);
    expect([a.turns, b.turns]).toEqual([1, 1]);
    // The hold ended: the next ready actor gets the usual wake-up.
    d.schedule(a);
    await tick();
    expect(a.turns).toBe(2);
  });

  it('gives the actors held back a wake-up on release', async () => {
    const d = new RunQueueDispatcher();
    const a = counter();
    d.hold();
    d.schedule(a);
    d.release();
    expect(a.turns).toBe(0);
    await tick();
    expect(a.turns).toBe(1);
  });

  it('runs nothing when runNow is called from inside an actor turn, and loses nothing', async () => {
    const d = new RunQueueDispatcher();
    const inner = counter();
    let nested = -1;
    const outer: Schedulable = {
      runTurn() {
        d.schedule(inner);
        nested = d.runNow();
        return 1;
      },
    };
    d.schedule(outer);
    await tick();
    expect(nested).toBe(0);
    expect(inner.turns).toBe(1);
  });

  it('leaves actors past the time budget to a later turn of the event loop', async () => {
    const d = new RunQueueDispatcher({ timeBudgetMs: 1 });
    let turns = 0;
    const slow: Schedulable = {
      runTurn() {
        turns++;
        const until = performance.now() + 0.1;
        while (performance.now() < until) {}
        return 1;
      },
    };
    d.hold();
    for (let i = 0; i < 200; i++) d.schedule(slow);
    const ran = d.runNow();
    expect(ran).toBeLessThan(200);
    expect(turns).toBe(ran);
    for (let i = 0; i < 100 && turns < 200; i++) await tick();
    expect(turns).toBe(200);
  });

  it('yields within its budget when few turns handle many slow messages', async () => {
    const d = new RunQueueDispatcher({ timeBudgetMs: 1 });
    let turns = 0;
    // Ten actors whose one turn handles 200 messages of 10 us each (2 ms a turn): checking the
    // clock only every 32 turns would run all ten (20 ms) before the first check.
    const busy: Schedulable = {
      runTurn() {
        turns++;
        const until = performance.now() + 2;
        while (performance.now() < until) {}
        return 200;
      },
    };
    d.hold();
    for (let i = 0; i < 10; i++) d.schedule(busy);
    expect(d.runNow()).toBeLessThan(10);
    for (let i = 0; i < 100 && turns < 10; i++) await tick();
    expect(turns).toBe(10);
  });
});
