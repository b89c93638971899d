/*
 * Shared pieces of the corruption fuzz tests: run counts, seeded corruption of Int32 words of a
 * SharedArrayBuffer, and the checks every RingCorruptError must pass.
 */
import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { expect } from 'vitest';
import { RingBufferError, RingCorruptError } from '../../src/index.js';

/** FUZZ=1 raises the runs of every corruption property by two orders of magnitude. */
export const RUNS = process.env.FUZZ === '1' ? 20_000 : 200;

/** fast-check parameters: a printed, replayable seed (`SEED=<n>`) and the run count. */
export function fuzzParameters(label: string): { seed: number; numRuns: number } {
  return { seed: testSeed(label), numRuns: RUNS };
}

export const DATA = 512;
export const PRODUCER_WORD = 128 / 4;
export const CONSUMER_WORD = 256 / 4;
/** Configuration words checked by `attach`: magic, version, capacity, record bytes, total. */
export const CONFIG_WORDS = [0, 1, 2, 3, 4] as const;

/** Int32 positions: anywhere, or a little below the 2^31 wrap. */
export const startArb = (align: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((x) => x & -align),
    fc.integer({ min: 0, max: 64 }).map((k) => (2 ** 31 - align * k) | 0),
  );

/** One change to one Int32 word. */
export type Change =
  | { readonly kind: 'flip'; readonly bit: number }
  | { readonly kind: 'set'; readonly value: number }
  | { readonly kind: 'add'; readonly delta: number }
  | { readonly kind: 'byte'; readonly lane: number; readonly value: number };

export const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), bit: fc.integer({ min: 0, max: 31 }) }),
  fc.record({
    kind: fc.constant('set' as const),
    value: fc.oneof(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      fc.constantFrom(0, 1, -1, 7, 8, 9, 64, 2 ** 31 - 1, -(2 ** 31)),
    ),
  }),
  fc.record({ kind: fc.constant('add' as const), delta: fc.integer({ min: -80, max: 80 }) }),
  fc.record({
    kind: fc.constant('byte' as const),
    lane: fc.integer({ min: 0, max: 3 }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
);

/** A corruption: `group` picks a list of candidate words, `pick` a word in it. */
export interface Edit {
  readonly group: number;
  readonly pick: number;
  readonly change: Change;
}

export const editsArb: fc.Arbitrary<Edit[]> = fc.array(
  fc.record({ group: fc.nat(), pick: fc.nat(), change: changeArb }),
  { minLength: 1, maxLength: 4 },
);

/** Applies `change` to Int32 word `word` of the buffer (plain stores: nothing else runs). */
export function applyChange(i32: Int32Array, word: number, change: Change): void {
  const old = i32[word]!;
  switch (change.kind) {
    case 'flip':
      i32[word] = old ^ (1 << change.bit);
      break;
    case 'set':
      i32[word] = change.value;
      break;
    case 'add':
      i32[word] = (old + change.delta) | 0;
      break;
    case 'byte':
      new Uint8Array(i32.buffer)[word * 4 + change.lane] = change.value;
      break;
  }
}

/**
 * Applies the edits to words chosen from `groups` (empty groups are skipped) and returns the
 * byte offsets that changed value.
 */
export function corrupt(i32: Int32Array, groups: readonly number[][], edits: readonly Edit[]) {
  const bytes = new Uint8Array(i32.buffer);
  const before = bytes.slice();
  const live = groups.filter((g) => g.length > 0);
  for (const edit of edits) {
    const group = live[edit.group % live.length]!;
    applyChange(i32, group[edit.pick % group.length]!, edit.change);
  }
  const changed = new Set<number>();
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== before[i]) changed.add(i);
  return { before, after: bytes.slice(), changed };
}

/** Word indices [from, to). */
export function words(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Whether any byte of [from, from + length) is in `changed`. */
export function touched(changed: ReadonlySet<number>, from: number, length: number): boolean {
  for (let i = from; i < from + length; i++) if (changed.has(i)) return true;
  return false;
}

/**
 * The checks every recorded corruption passes: a RingCorruptError (so a RingBufferError) with
 * code RING_CORRUPT, the package prefix and `where`, a 4-aligned offset inside the buffer, and
 * `check()` throws that same error.
 */
export function expectCorruption(
  ring: { corruption(): RingCorruptError | undefined; check(): void; buffer: SharedArrayBuffer },
  where: RegExp,
  faults: readonly string[],
): RingCorruptError {
  const error = ring.corruption();
  expect(error).toBeInstanceOf(RingCorruptError);
  const e = error as RingCorruptError;
  expect(e).toBeInstanceOf(RingBufferError);
  expect(e.code).toBe('RING_CORRUPT');
  expect(e.name).toBe('RingCorruptError');
  expect(e.message).toMatch(where);
  expect(e.message).toMatch(/^@zactor\/ringbuffer\/\w+\.\w+: corrupt shared memory at byte \d+/);
  expect(faults).toContain(e.fault);
  expect(e.offset % 4).toBe(0);
  expect(e.offset).toBeGreaterThanOrEqual(0);
  expect(e.offset).toBeLessThan(ring.buffer.byteLength);
  expect(() => ring.check()).toThrow(e);
  return e;
}

/**
 * The consumer to check after corruption: `built` itself, or with `fresh` a new one attached to
 * the corrupted buffer. Only damage to the configuration line may make `attach` refuse it, and
 * then with `INVALID_BUFFER`: returns undefined in that case (nothing more to check).
 */
export function consumerAfterCorruption<T>(
  built: T,
  fresh: boolean,
  attach: () => T,
  configDamaged: boolean,
): T | undefined {
  if (!fresh) return built;
  try {
    return attach();
  } catch (error) {
    expect(error).toBeInstanceOf(RingBufferError);
    expect((error as RingBufferError).code).toBe('INVALID_BUFFER');
    expect(configDamaged).toBe(true);
    return undefined;
  }
}
