import { metrics as otelMetrics } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../src/dispatcher.js';
import { ActorSystem, type OtelMeter } from '../src/index.js';
import { deferred, settle } from './helpers.js';

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

async function traffic(sys: ActorSystem, count: number): Promise<void> {
  const done = deferred();
  let seen = 0;
  const ref = sys.spawn<number>(() => {
    if (++seen === count) done.resolve();
  });
  for (let i = 0; i < count; i++) ref.tell(i);
  await done.promise;
}

describe('metrics', () => {
  it('counts processed messages, dead letters and the mailbox high-water mark', async () => {
    system = new ActorSystem();
    await traffic(system, 500);
    const gone = system.spawn<number>(() => {});
    system.stop(gone);
    await settle();
    gone.tell(1);
    const m = system.metrics.snapshot();
    expect(m.messagesProcessed).toBe(500);
    expect(m.deadLetters).toBe(1);
    expect(m.mailboxHighWater).toBe(500);
    expect(m.actorsAlive).toBe(m.actorsStarted - m.actorsStopped);
  });

  it('samples tell -> receive latency into the histogram', async () => {
    system = new ActorSystem({ latencySampleEvery: 1 });
    await traffic(system, 200);
    const { latencyNs } = system.metrics.snapshot();
    expect(latencyNs.count).toBeGreaterThan(0);
    expect(latencyNs.p50).toBeGreaterThan(0);
    expect(latencyNs.p50).toBeLessThanOrEqual(latencyNs.p99);
    expect(latencyNs.p99).toBeLessThanOrEqual(latencyNs.max);
  });

  it('times a sampled message to its own receive, when its cell takes it turns later', async () => {
    // The fifth tell is sampled; with 2 messages a turn it is handled in the third turn, after
    // the fourth message's 25 ms: the sample ends at its receive, not at an earlier one.
    system = new ActorSystem({ latencySampleEvery: 5, throughput: 2 });
    const done = deferred();
    const ref = system.spawn<number>((n) => {
      if (n === 3) for (const t = performance.now(); performance.now() - t < 25; );
      if (n === 4) done.resolve();
    });
    for (let n = 0; n < 5; n++) ref.tell(n);
    await done.promise;
    const { latencyNs } = system.metrics.snapshot();
    expect(latencyNs.count).toBe(1);
    expect(latencyNs.p50).toBeGreaterThanOrEqual(25e6);
    expect(system.waitingMessages).toBe(0);
  });

  it('samples no tell of an actor to itself; the countdown goes on from the next tell', async () => {
    system = new ActorSystem({ latencySampleEvery: 2 });
    const got: string[] = [];
    const ref = system.spawn<string>((message, ctx) => {
      got.push(message);
      if (message === 'go') ctx.self.tell('again');
    });
    ref.tell('go');
    await settle();
    // The self-tell fell on the countdown: no sample, and none may span this pause.
    expect(system.metrics.snapshot().latencyNs.count).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    ref.tell('later');
    ref.tell('last');
    await settle();
    const { latencyNs } = system.metrics.snapshot();
    expect(got).toEqual(['go', 'again', 'later', 'last']);
    expect(latencyNs.count).toBe(1);
    expect(latencyNs.max).toBeLessThan(200e6);
    expect(system.waitingMessages).toBe(0);
  });

  it('keeps sampling when a dispatcher runs turns inside other turns', async () => {
    // A dispatcher that runs a cell as soon as it is scheduled: B's turns run inside A's.
    const nesting: Dispatcher = {
      turnStart: 0,
      schedule: (cell) => {
        cell.runTurn();
      },
    };
    system = new ActorSystem({ latencySampleEvery: 4, dispatcher: nesting });
    const stashed: unknown[] = [];
    const b = system.spawn<number>(() => {});
    const a = system.spawn<string>((message, ctx) => {
      if (message !== 'go') return;
      b.tell(0);
      b.tell(1);
      // The fourth tell falls on A's own turn, after B's nested turns: it starts no sample.
      ctx.self.tell('x');
      // B's nested turns leave A's message in hand: stash keeps it.
      try {
        ctx.stash();
        stashed.push('stashed');
      } catch (error) {
        stashed.push(error);
      }
    });
    a.tell('go');
    const c = system.spawn<number>(() => {});
    for (let i = 0; i < 100; i++) c.tell(i);
    expect(stashed).toEqual(['stashed']);
    expect(system.metrics.snapshot().latencyNs.count).toBeGreaterThan(0);
    expect(system.waitingMessages).toBe(0);
  });

  it('records no latency when sampling is off', async () => {
    system = new ActorSystem({ latencySampleEvery: 0 });
    await traffic(system, 5000);
    expect(system.metrics.snapshot().latencyNs.count).toBe(0);
  });

  it('exports Prometheus text with HELP, TYPE and the system label', async () => {
    system = new ActorSystem({ name: 'shop', latencySampleEvery: 1 });
    await traffic(system, 10);
    const text = system.metrics.toPrometheus();
    expect(text).toContain('# TYPE zactor_messages_processed_total counter');
    expect(text).toContain('zactor_messages_processed_total{system="shop"} 10');
    expect(text).toMatch(/zactor_tell_receive_latency_ns\{system="shop",quantile="0\.99"\} \d+/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('feeds OpenTelemetry observable instruments with the current values', async () => {
    system = new ActorSystem();
    await traffic(system, 7);
    const observed = new Map<string, number>();
    const callbacks: (() => void)[] = [];
    const meter: OtelMeter = {
      createObservableCounter: (name) => ({
        addCallback: (cb) => callbacks.push(() => cb({ observe: (v) => observed.set(name, v) })),
      }),
      createObservableGauge: (name) => ({
        addCallback: (cb) => callbacks.push(() => cb({ observe: (v) => observed.set(name, v) })),
      }),
    };
    system.metrics.bindMeter(meter);
    for (const collect of callbacks) collect();
    expect(observed.get('zactor.messages.processed')).toBe(7);
    expect(observed.has('zactor.latency.p99')).toBe(true);
    // With no SDK registered, the real API hands out a no-op meter: binding must be harmless.
    expect(() => system.metrics.bindMeter(otelMetrics.getMeter('zactor-test'))).not.toThrow();
  });
});

describe('event stream', () => {
  it('drops a subscriber that throws and keeps delivering to the others', async () => {
    system = new ActorSystem();
    const seen: string[] = [];
    system.events.subscribe(() => {
      throw new Error('bad subscriber');
    });
    const unsubscribe = system.events.subscribe((e) => seen.push(e.type), ['dead-letter']);
    const gone = system.spawn<number>(() => {});
    system.stop(gone);
    await settle();
    gone.tell(1);
    gone.tell(2);
    unsubscribe();
    gone.tell(3);
    expect(seen).toEqual(['dead-letter', 'dead-letter']);
    expect(system.events.subscriberErrors).toBe(1);
  });
});
