import { compact, ms } from './format.js';

/** One worker's second. */
export interface WorkerSample {
  readonly msgPerS: number;
  /** Event-loop utilisation, 0 to 1. */
  readonly elu: number;
}

/** One second of the run as the live view shows it. */
export interface LiveSample {
  readonly elapsedS: number;
  readonly msgPerS: number;
  readonly workers: readonly WorkerSample[];
  readonly acksPerS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly bookRestarts: number;
  readonly traderRestarts: number;
  readonly deadLetters: number;
}

/** A part of the line: its forms from the fullest to the shortest, '' when dropped. */
type Part = readonly string[];

/** Indexes of the parts, in the order of the line. */
const P = { Workers: 0, Acks: 1, Latency: 2, Restarts: 3, DeadLetters: 4 } as const;

/**
 * The order in which a narrow terminal gives parts up, least important first: the per-worker
 * rates (each worker's load stays), the split of restarts, dead letters, P50, then one part
 * after another. The elapsed time and the total rate always stay.
 */
const SHORTEN: readonly number[] = [
  P.Workers,
  P.Restarts,
  P.DeadLetters,
  P.Latency,
  P.Workers,
  P.Restarts,
  P.Latency,
  P.Acks,
];

function parts(s: LiveSample): Part[] {
  const perWorker = (full: boolean) =>
    s.workers
      .map((w, i) => {
        const load = `${Math.round(w.elu * 100)}%`;
        return full ? `w${i} ${compact(w.msgPerS)} ${load}` : `w${i} ${load}`;
      })
      .join(' | ');
  const restarts = s.bookRestarts + s.traderRestarts;
  return [
    [` (${perWorker(true)})`, ` (${perWorker(false)})`, ''],
    [`  ${compact(s.acksPerS).padStart(6)} acks/s`, ''],
    [`  ack P50 ${ms(s.p50Ms)} P99 ${ms(s.p99Ms)}`, `  P99 ${ms(s.p99Ms)}`, ''],
    [
      `  restarts books ${s.bookRestarts} traders ${s.traderRestarts}`,
      `  restarts ${restarts}`,
      '',
    ],
    [`  dead letters ${s.deadLetters}`, ''],
  ];
}

/**
 * The live line of one second. Without `columns` (not a terminal, or its width is unknown)
 * every part is there in full; with it, the line is at most `columns - 1` characters, so a
 * line redrawn with `\r` never wraps: parts are shortened or dropped in `SHORTEN`'s order until
 * the line fits, then the steps are undone, last first, where the room left allows (many
 * workers may take the per-worker part away and leave room for the rest in full). As a last
 * resort the line is cut.
 */
export function formatLive(s: LiveSample, columns?: number): string {
  const head = `[${s.elapsedS.toFixed(0).padStart(3)}s] ${compact(s.msgPerS).padStart(6)} msg/s`;
  const all = parts(s);
  const form = all.map(() => 0);
  const line = () => head + all.map((p, i) => p[form[i]!]).join('');
  let text = line();
  if (columns === undefined) return text;
  const max = Math.max(0, columns - 1);
  let steps = 0;
  for (; steps < SHORTEN.length && text.length > max; steps++) {
    form[SHORTEN[steps]!]! += 1;
    text = line();
  }
  if (text.length > max) return text.slice(0, max);
  for (let i = steps - 1; i >= 0; i--) {
    const p = SHORTEN[i]!;
    form[p]! -= 1;
    const wider = line();
    if (wider.length <= max) text = wider;
    else form[p]! += 1;
  }
  return text;
}
