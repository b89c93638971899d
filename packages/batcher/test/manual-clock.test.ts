import { describe, expect, it } from 'vitest';
import { BatcherError, ManualClock } from '../src/index.js';

describe('ManualClock', () => {
  it('stands still until advanced', () => {
    const clock = new ManualClock(100);
    expect(clock.now()).toBe(100);
    expect(clock.now()).toBe(100);
    clock.advance(2.5);
    expect(clock.now()).toBe(102.5);
    expect(new ManualClock().now()).toBe(0);
  });

  it('fires due timers in due order, ties in the order they were set, each at its own time', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 30);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`late@${clock.now()}`), 31);
    clock.advance(30);
    expect(fired).toEqual(['a@10', 'b@10', 'c@30']);
    expect(clock.now()).toBe(30);
    expect(clock.pendingTimers).toBe(1);
    expect(clock.nextDueAt).toBe(31);
  });

  it('does not fire a timer before its time', () => {
    const clock = new ManualClock();
    let fired = 0;
    clock.setTimeout(() => fired++, 5);
    clock.advance(4.999);
    expect(fired).toBe(0);
    clock.advance(0.001);
    expect(fired).toBe(1);
  });

  it('fires timers set by a callback within the same advance when they fall inside it', () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 3);
    }, 2);
    clock.advance(10);
    expect(fired).toEqual([2, 5]);
  });

  it('runs timers that are already due on advance(0), including zero and negative delays', () => {
    const clock = new ManualClock();
    let fired = 0;
    clock.setTimeout(() => fired++, 0);
    clock.setTimeout(() => fired++, -5);
    clock.setTimeout(() => fired++, Number.NaN);
    expect(fired).toBe(0);
    clock.advance(0);
    expect(fired).toBe(3);
  });

  it('forgets a cleared timer and ignores unknown handles', () => {
    const clock = new ManualClock();
    let fired = 0;
    const handle = clock.setTimeout(() => fired++, 1);
    clock.clearTimeout(handle);
    clock.clearTimeout(handle);
    clock.clearTimeout(12345);
    clock.advance(5);
    expect(fired).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(clock.nextDueAt).toBeUndefined();
  });

  it('refuses to advance from inside a timer callback', () => {
    const clock = new ManualClock();
    let caught: unknown;
    clock.setTimeout(() => {
      try {
        clock.advance(1);
      } catch (error) {
        caught = error;
      }
    }, 1);
    clock.advance(1);
    expect(caught).toBeInstanceOf(BatcherError);
    expect((caught as BatcherError).code).toBe('REENTRANT_CALL');
  });

  it('lets an exception from a callback through and keeps working afterwards', () => {
    const clock = new ManualClock();
    let fired = 0;
    clock.setTimeout(() => {
      throw new Error('boom');
    }, 1);
    clock.setTimeout(() => fired++, 2);
    expect(() => clock.advance(5)).toThrow('boom');
    expect(clock.now()).toBe(1);
    clock.advance(4);
    expect(fired).toBe(1);
    expect(clock.now()).toBe(5);
  });
});
