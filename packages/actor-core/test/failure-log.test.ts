import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActorSystem, type FailureLogEntry } from '../src/index.js';
import { settle } from './helpers.js';

/* Failures nobody subscribed to are reported by default, concisely and rate-limited. */

let system: ActorSystem;
afterEach(async () => {
  vi.restoreAllMocks();
  await system?.shutdown();
});

describe('the default failure log', () => {
  it('writes one line on stderr for an actor that throws, with its path, directive and error', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    system = new ActorSystem({ name: 'orders' });
    const ref = system.spawn<string>(
      () => {
        throw new TypeError('bad order');
      },
      { name: 'book' },
    );
    ref.tell('x');
    await settle();
    vi.restoreAllMocks();
    expect(written).toEqual(['[orders] /user/book failed (restart): TypeError: bad order\n']);
  });

  it('routes failures to the function given, and writes a storm of them as at most ten lines a window', async () => {
    const entries: FailureLogEntry[] = [];
    system = new ActorSystem({ logFailures: (e) => entries.push(e) });
    const ref = system.spawn<number>(() => {
      throw new Error('again');
    });
    for (let i = 0; i < 50; i++) ref.tell(i);
    await settle(10);
    const failed = entries.filter((e) => e.kind === 'actor-failed');
    expect(failed.length).toBe(10);
    expect(failed[0]).toMatchObject({ path: ref.path, line: expect.stringContaining('again') });
    expect(system.metrics.snapshot().failures).toBeGreaterThan(10);
  });

  it('sums dead letters up by reason in one line instead of one line each', async () => {
    const entries: FailureLogEntry[] = [];
    system = new ActorSystem({ logFailures: (e) => entries.push(e) });
    const ref = system.spawn<number>(() => {});
    system.stop(ref);
    await settle();
    for (let i = 0; i < 1000; i++) ref.tell(i);
    // The first window's line is written on the next turn of the event loop's timers.
    await vi.waitFor(() => expect(entries.some((e) => e.kind === 'dead-letters')).toBe(true));
    const lines = entries.filter((e) => e.kind === 'dead-letters');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.line).toMatch(/1000 dead letter\(s\) \(stopped: 1000\)/);
  });

  it('writes nothing when turned off, and still publishes the events', async () => {
    const write = vi.spyOn(process.stderr, 'write');
    system = new ActorSystem({ logFailures: false });
    const failures: unknown[] = [];
    system.events.subscribe((e) => failures.push(e), ['actor-failed']);
    system
      .spawn<string>(() => {
        throw new Error('quiet');
      })
      .tell('x');
    await settle();
    expect(write).not.toHaveBeenCalled();
    expect(failures).toHaveLength(1);
  });
});
