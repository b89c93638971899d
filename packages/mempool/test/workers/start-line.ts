/**
 * Holds each worker until all `parties` have arrived, so they really run at the same time.
 * Gives up after `timeoutMs` instead of waiting forever when a sibling died before arriving.
 */
export function waitForAll(
  flags: Int32Array,
  index: number,
  parties: number,
  timeoutMs = 30_000,
): void {
  if (Atomics.add(flags, index, 1) + 1 === parties) Atomics.notify(flags, index);
  const deadline = Date.now() + timeoutMs;
  for (let seen = Atomics.load(flags, index); seen < parties; seen = Atomics.load(flags, index)) {
    if (Date.now() > deadline)
      throw new Error(`start line ${index}: only ${seen} of ${parties} arrived`);
    Atomics.wait(flags, index, seen, 50);
  }
}
