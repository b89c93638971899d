import type { ImplementationResult, ScenarioResult } from './run-loop.js';

/**
 * ZActor against a reference peer, as ratios of medians, printed under a scenario's table: for
 * throughput ZActor / peer (above 1: ZActor ahead), for latency ZActor / peer at P50, P99 and raw
 * P99 (below 1: ZActor ahead). Only peers whose name starts with one of `REFERENCE_PEERS` get
 * ratio lines (Erlang/OTP, the runtime ZActor's cross-worker design is measured against), and
 * the rows a scenario names in `ratioRows` (any role: ping-pong's limit row and nact); the
 * other scenarios print as before.
 */
export const REFERENCE_PEERS = ['Erlang/OTP'] as const;

const LATENCY_RATIOS = ['p50', 'p99', 'raw p99'] as const;

function ratio(ours: number, theirs: number): string {
  if (!(theirs > 0) || !Number.isFinite(ours)) return 'n/a';
  return `${(ours / theirs).toPrecision(3)}x`;
}

function median(impl: ImplementationResult, metric: string): number {
  return impl.metrics.find((m) => m.metric === metric)?.summary.median ?? Number.NaN;
}

/** The ratio lines for one scenario (none when it has no reference peer with figures). */
export function peerRatioLines(result: ScenarioResult): string[] {
  const ok = result.implementations.filter((i) => i.metrics.length > 0);
  const ours = ok.filter((i) => i.role === 'zactor');
  const named = result.ratioRows ?? [];
  const peers = ok.filter(
    (i) =>
      (i.role === 'peer' && REFERENCE_PEERS.some((p) => i.name.startsWith(p))) ||
      (i.role !== 'zactor' && named.includes(i.name)),
  );
  const lines: string[] = [];
  for (const peer of peers) {
    if (ours.length === 0) continue;
    const width = Math.max(...ours.map((o) => o.name.length));
    if (result.kind === 'throughput') {
      lines.push(`  ZActor / ${peer.name}, throughput (above 1: ZActor ahead):`);
      for (const o of ours) {
        const r = ratio(median(o, 'throughput'), median(peer, 'throughput'));
        lines.push(`    ${o.name.padEnd(width)}  ${r}`);
      }
    } else {
      lines.push(
        `  ZActor / ${peer.name}, latency (below 1: ZActor ahead): ${LATENCY_RATIOS.join(', ')}`,
      );
      for (const o of ours) {
        const rs = LATENCY_RATIOS.map((m) => ratio(median(o, m), median(peer, m)));
        lines.push(`    ${o.name.padEnd(width)}  ${rs.join(', ')}`);
      }
    }
  }
  return lines;
}
