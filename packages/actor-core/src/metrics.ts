import { build, type Histogram } from 'hdr-histogram-js';
import type { ActorSystem } from './actor-system.js';

/** tell -> receive latency percentiles in nanoseconds, from the sampled messages. */
export interface LatencySnapshot {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

export interface MetricsSnapshot {
  readonly messagesProcessed: number;
  readonly deadLetters: number;
  readonly failures: number;
  readonly restarts: number;
  /**
   * User actors spawned (top-level, children, and in a cluster the remote children hosted
   * here). The system's own cells are not counted: the guardians and the temporary reply
   * cells of asks.
   */
  readonly actorsStarted: number;
  /** User actors that have stopped (counted as `actorsStarted`). */
  readonly actorsStopped: number;
  /** `actorsStarted - actorsStopped`: the user actors alive now. */
  readonly actorsAlive: number;
  /** Largest number of messages seen waiting in one mailbox at the start of a turn. */
  readonly mailboxHighWater: number;
  readonly latencyNs: LatencySnapshot;
}

/** The part of `@opentelemetry/api`'s `Meter` this module uses (so the API stays an optional peer). */
export interface OtelMeter {
  createObservableCounter(
    name: string,
    options?: { description?: string; unit?: string },
  ): OtelObservable;
  createObservableGauge(
    name: string,
    options?: { description?: string; unit?: string },
  ): OtelObservable;
}
export interface OtelObservable {
  addCallback(
    callback: (result: {
      observe(value: number, attributes?: Record<string, string>): void;
    }) => void,
  ): void;
}

/**
 * Latency samples go into an HDR histogram (hdr-histogram-js: the reference HdrHistogram
 * algorithm, mergeable and encodable, so later the histograms of several workers can be
 * combined). One message in `sampleEvery` is timed; the rest pay one decrement.
 */
export class SystemMetrics {
  readonly latency: Histogram;
  private readonly system: ActorSystem;

  constructor(system: ActorSystem) {
    this.system = system;
    this.latency = build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000_000,
      numberOfSignificantValueDigits: 3,
    });
  }

  /** Records one tell -> receive latency, in nanoseconds. */
  recordLatency(ns: number): void {
    this.latency.recordValue(Math.max(1, Math.round(ns)));
  }

  snapshot(): MetricsSnapshot {
    const s = this.system;
    const h = this.latency;
    return {
      messagesProcessed: s.processed,
      deadLetters: s.deadLetters,
      failures: s.failures,
      restarts: s.restarts,
      actorsStarted: s.actorsStarted,
      actorsStopped: s.actorsStopped,
      actorsAlive: s.actorsStarted - s.actorsStopped,
      mailboxHighWater: s.mailboxHighWater,
      // A percentile is its bucket's upper bound; clamp to the exact max so p99 <= max.
      latencyNs: {
        count: h.totalCount,
        p50: Math.min(h.getValueAtPercentile(50), h.maxValue),
        p95: Math.min(h.getValueAtPercentile(95), h.maxValue),
        p99: Math.min(h.getValueAtPercentile(99), h.maxValue),
        p999: Math.min(h.getValueAtPercentile(99.9), h.maxValue),
        max: h.maxValue,
      },
    };
  }

  /** The snapshot in Prometheus text exposition format (version 0.0.4). */
  toPrometheus(): string {
    const m = this.snapshot();
    const system = JSON.stringify(this.system.name);
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, value: number, labels = ''): void => {
      lines.push(
        `# HELP ${name} ${help}`,
        `# TYPE ${name} ${type}`,
        `${name}{system=${system}${labels}} ${value}`,
      );
    };
    metric(
      'zactor_messages_processed_total',
      'counter',
      'User messages handled by actors.',
      m.messagesProcessed,
    );
    metric(
      'zactor_dead_letters_total',
      'counter',
      'Messages that could not be delivered.',
      m.deadLetters,
    );
    metric(
      'zactor_actor_failures_total',
      'counter',
      'Failures of actors (throws and rejections).',
      m.failures,
    );
    metric('zactor_actor_restarts_total', 'counter', 'Actor restarts by supervisors.', m.restarts);
    metric('zactor_actors_alive', 'gauge', 'Actors started and not yet stopped.', m.actorsAlive);
    metric(
      'zactor_mailbox_high_water',
      'gauge',
      'Most messages seen waiting in one mailbox.',
      m.mailboxHighWater,
    );
    lines.push(
      '# HELP zactor_tell_receive_latency_ns Sampled tell to receive latency in nanoseconds.',
      '# TYPE zactor_tell_receive_latency_ns summary',
    );
    const q: [string, number][] = [
      ['0.5', m.latencyNs.p50],
      ['0.95', m.latencyNs.p95],
      ['0.99', m.latencyNs.p99],
      ['0.999', m.latencyNs.p999],
    ];
    for (const [quantile, value] of q) {
      lines.push(
        `zactor_tell_receive_latency_ns{system=${system},quantile="${quantile}"} ${value}`,
      );
    }
    lines.push(`zactor_tell_receive_latency_ns_count{system=${system}} ${m.latencyNs.count}`);
    return `${lines.join('\n')}\n`;
  }

  /**
   * Registers observable instruments on an OpenTelemetry meter, e.g.
   * `metrics.getMeter('zactor')` from `@opentelemetry/api`. With no SDK provider
   * registered the API's meter is a no-op, so this costs nothing.
   */
  bindMeter(meter: OtelMeter): void {
    const attributes = { system: this.system.name };
    const counters: [string, string, (m: MetricsSnapshot) => number][] = [
      ['zactor.messages.processed', 'User messages handled by actors.', (m) => m.messagesProcessed],
      ['zactor.dead_letters', 'Messages that could not be delivered.', (m) => m.deadLetters],
      ['zactor.actor.failures', 'Failures of actors.', (m) => m.failures],
      ['zactor.actor.restarts', 'Actor restarts by supervisors.', (m) => m.restarts],
    ];
    for (const [name, description, read] of counters) {
      meter
        .createObservableCounter(name, { description })
        .addCallback((r) => r.observe(read(this.snapshot()), attributes));
    }
    const gauges: [string, string, string, (m: MetricsSnapshot) => number][] = [
      ['zactor.actors.alive', 'Actors alive.', '{actor}', (m) => m.actorsAlive],
      [
        'zactor.mailbox.high_water',
        'Most messages waiting in one mailbox.',
        '{message}',
        (m) => m.mailboxHighWater,
      ],
      [
        'zactor.latency.p50',
        'Sampled tell to receive latency, median.',
        'ns',
        (m) => m.latencyNs.p50,
      ],
      [
        'zactor.latency.p99',
        'Sampled tell to receive latency, 99th percentile.',
        'ns',
        (m) => m.latencyNs.p99,
      ],
    ];
    for (const [name, description, unit, read] of gauges) {
      meter
        .createObservableGauge(name, { description, unit })
        .addCallback((r) => r.observe(read(this.snapshot()), attributes));
    }
  }
}
