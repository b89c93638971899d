import { describe, expect, it } from 'vitest';
import { Prng } from '../src/random/prng.js';
import { formatLive, type LiveSample } from '../src/view/live-line.js';
import { LiveView } from '../src/view/live-view.js';

// The README's first live line: two workers, a busy second.
const sample: LiveSample = {
  elapsedS: 1,
  msgPerS: 745_800,
  workers: [
    { msgPerS: 333_200, elu: 0.86 },
    { msgPerS: 412_500, elu: 0.94 },
  ],
  acksPerS: 111_100,
  p50Ms: 5.93,
  p99Ms: 179.8,
  bookRestarts: 214,
  traderRestarts: 168,
  deadLetters: 0,
};

const full =
  '[  1s] 745.8k msg/s (w0 333.2k 86% | w1 412.5k 94%)  111.1k acks/s  ack P50 5.93ms P99 179.8ms' +
  '  restarts books 214 traders 168  dead letters 0';

const SEED = 20;

function randomSample(rng: Prng): LiveSample {
  const big = () => rng.next() * 10 ** rng.int(9);
  return {
    elapsedS: rng.next() * 10 ** rng.int(6),
    msgPerS: big(),
    workers: Array.from({ length: rng.int(65) }, () => ({ msgPerS: big(), elu: rng.next() })),
    acksPerS: big(),
    p50Ms: rng.next() * 10 ** rng.int(6),
    p99Ms: rng.next() * 10 ** rng.int(6),
    bookRestarts: rng.int(10 ** rng.int(9)),
    traderRestarts: rng.int(10 ** rng.int(9)),
    deadLetters: rng.int(10 ** rng.int(9)),
  };
}

describe('formatLive', () => {
  it('prints every part in full without a width (not a terminal)', () => {
    expect(formatLive(sample)).toBe(full);
    expect(formatLive(sample, undefined)).toBe(full);
  });

  it('keeps the full line when the terminal is wide enough', () => {
    expect(formatLive(sample, 200)).toBe(full);
    expect(formatLive(sample, full.length + 1)).toBe(full);
  });

  it('shortens the least important parts first on an 80-column terminal', () => {
    const line = formatLive(sample, 80);
    expect(line.length).toBeLessThanOrEqual(79);
    expect(line).toMatch(/^\[ {2}1s\] 745\.8k msg\/s /);
    expect(line).toContain('111.1k acks/s');
    expect(line).toContain('P99 179.8ms');
    expect(line).toContain('w0 86%');
    expect(line).toContain('restarts 382');
  });

  it('keeps the total and the acknowledgements on a 60-column terminal', () => {
    const line = formatLive(sample, 60);
    expect(line.length).toBeLessThanOrEqual(59);
    expect(line).toMatch(/^\[ {2}1s\] 745\.8k msg\/s/);
    expect(line).toContain('111.1k acks/s');
  });

  it('gives up the per-worker part when many workers leave no room, and keeps the rest in full', () => {
    const eight = {
      ...sample,
      workers: Array.from({ length: 8 }, () => ({ msgPerS: 1e5, elu: 0.5 })),
    };
    const line = formatLive(eight, 120);
    expect(line).toBe(
      '[  1s] 745.8k msg/s  111.1k acks/s  ack P50 5.93ms P99 179.8ms' +
        '  restarts books 214 traders 168  dead letters 0',
    );
  });

  it(`never exceeds columns - 1 for widths 40..200 (seed ${SEED})`, () => {
    const rng = new Prng(SEED);
    for (let i = 0; i < 300; i++) {
      const s = randomSample(rng);
      let previous = '';
      for (let columns = 40; columns <= 200; columns++) {
        const line = formatLive(s, columns);
        if (line.length > columns - 1) {
          throw new Error(
            `seed ${SEED}, sample ${i}, columns ${columns}: ${line.length} characters: ${line}`,
          );
        }
        expect(line.startsWith('[')).toBe(true);
        // A wider terminal never shows a shorter line.
        expect(line.length).toBeGreaterThanOrEqual(previous.length);
        previous = line;
      }
    }
  });

  it('still fits a terminal narrower than the elapsed time and the total', () => {
    for (let columns = 1; columns < 40; columns++) {
      expect(formatLive(sample, columns).length).toBeLessThanOrEqual(Math.max(0, columns - 1));
    }
  });
});

describe('LiveView', () => {
  it('redraws a line fitted to the columns on a terminal', () => {
    const out: string[] = [];
    const view = new LiveView(
      (t) => out.push(t),
      true,
      () => 80,
    );
    view.show(sample);
    view.finish();
    expect(out).toEqual([`\r\x1b[2K${formatLive(sample, 80)}`, '\n']);
  });

  it('writes full lines when not a terminal, whatever the columns', () => {
    const out: string[] = [];
    const view = new LiveView(
      (t) => out.push(t),
      false,
      () => 80,
    );
    view.show(sample);
    view.finish();
    expect(out).toEqual([`${full}\n`]);
  });

  it('writes the full line on a terminal whose width is unknown', () => {
    const out: string[] = [];
    const view = new LiveView(
      (t) => out.push(t),
      true,
      () => undefined,
    );
    view.show(sample);
    expect(out).toEqual([`\r\x1b[2K${full}`]);
  });
});
