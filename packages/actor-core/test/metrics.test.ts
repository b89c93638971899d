import { metrics as otelMetrics } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
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
