/**
 * A small, fast, seedable PRNG (mulberry32) for tests that must be replayable.
 * Returns floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seed for a randomised test: `SEED` from the environment when given (to
 * replay a failure), otherwise a fresh one. It is printed so a failing run can
 * be repeated with `SEED=<n> pnpm vitest run <file>`.
 */
export function testSeed(label: string): number {
  const fromEnv = process.env.SEED;
  const seed = fromEnv !== undefined ? Number(fromEnv) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
  console.log(`[seed] ${label}: SEED=${seed}`);
  return seed;
}

/** Whether the long stress mode (`STRESS=1`) is on. */
export function stressMode(): boolean {
  return process.env.STRESS === '1';
}
