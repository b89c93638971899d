import { describe, expect, it } from 'vitest';
import { SystemClock } from '../src/index.js';

describe('SystemClock', () => {
  it('reads a monotonic high-resolution time', () => {
    const clock = new SystemClock();
    const a = clock.now();
    const b = clock.now();
    expect(b).toBeGreaterThanOrEqual(a);
    expect(Math.abs(a - performance.now())).toBeLessThan(1000);
  });

  it('sets timers that do not keep the process alive', async () => {
    const clock = new SystemClock();
    const fired = new Promise<void>((resolve) => {
      const handle = clock.setTimeout(resolve, 0);
      expect((handle as NodeJS.Timeout).hasRef()).toBe(false);
    });
    await fired;
  });

  it('cancels a timer before it fires', async () => {
    const clock = new SystemClock();
    let cancelledFired = false;
    const handle = clock.setTimeout(() => {
      cancelledFired = true;
    }, 0);
    clock.clearTimeout(handle);
    // Timers with the same delay fire in the order they were set: once this one has fired, the
    // cancelled one would have too.
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 0));
    expect(cancelledFired).toBe(false);
  });
});
