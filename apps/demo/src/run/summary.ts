import { compact, ms } from '../view/format.js';
import type { ExchangeReport } from './run-exchange.js';

/** The closing block: totals, latency, supervision, and the conservation check line by line. */
export function formatSummary(r: ExchangeReport): string {
  const o = r.options;
  const lines = [
    '',
    `zactor-demo: ${o.symbols} symbols, ${o.traders} traders, fault rate ${o.faultRate}, seed ${o.seed}, ${o.workers} worker`,
    `  ran ${r.elapsedS.toFixed(1)} s: ${compact(r.messages)} messages (${compact(r.messages / r.elapsedS)}/s), ${compact(r.submitted)} orders submitted, ${compact(r.acknowledged)} requests acknowledged`,
    `  order -> ack latency: P50 ${ms(r.latencyP50Ms)}, P99 ${ms(r.latencyP99Ms)}`,
    `  supervision: ${r.faults} injected faults, restarts: ${r.bookRestarts} order books, ${r.traderRestarts} traders; ${r.redelivered} commands answered from the journal after a crash`,
    `  journals: ${r.snapshots} snapshots, ${r.replayed} commands replayed in recoveries; dead letters: ${r.deadLetters}`,
    `conservation check: ${r.conservation.ok ? 'PASSED' : 'FAILED'}`,
    ...r.conservation.items.map((i) => `  ${i.ok ? 'ok  ' : 'FAIL'} ${i.name}: ${i.detail}`),
    '',
  ];
  return lines.join('\n');
}
