import { compact, ms } from '../view/format.js';
import type { ExchangeReport } from './run-exchange.js';

/** The closing block: totals, latency, supervision, and the conservation check line by line. */
export function formatSummary(r: ExchangeReport): string {
  const o = r.options;
  const perWorker = r.workerMessages.map((m, w) => `w${w} ${compact(m)}`).join(', ');
  const lines = [
    '',
    `zactor-demo: ${o.symbols} symbols, ${o.traders} traders, fault rate ${o.faultRate}, seed ${o.seed}, ${r.workers} worker${r.workers === 1 ? '' : 's'}`,
    `  ran ${r.elapsedS.toFixed(1)} s: ${compact(r.messages)} messages (${compact(r.messages / r.elapsedS)}/s; ${perWorker}), ${compact(r.submitted)} orders submitted, ${compact(r.acknowledged)} requests acknowledged`,
    `  across workers: ${compact(r.crossWorkerMessages)} messages (${pct(r.crossWorkerMessages, r.messages)} of all) in ${compact(r.crossWorkerBatches)} ring records`,
    `  order -> ack latency: P50 ${ms(r.latencyP50Ms)}, P99 ${ms(r.latencyP99Ms)}`,
    `  supervision: ${r.faults} injected faults, restarts: ${r.bookRestarts} order books, ${r.traderRestarts} traders; ${r.redelivered} commands answered from the journal after a crash`,
    `  journals: ${r.snapshots} snapshots, ${r.replayed} commands replayed in recoveries; dead letters: ${r.deadLetters}`,
    `conservation check: ${r.conservation.ok ? 'PASSED' : 'FAILED'}`,
    ...r.conservation.items.map((i) => `  ${i.ok ? 'ok  ' : 'FAIL'} ${i.name}: ${i.detail}`),
    '',
  ];
  return lines.join('\n');
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`;
}
