/**
 * `Atomics.waitAsync` (in V8 and Node since 16), typed here because the ES2023 lib this repo
 * compiles against does not declare it yet.
 */
export type WaitAsyncResult =
  | { readonly async: false; readonly value: 'not-equal' | 'timed-out' }
  | { readonly async: true; readonly value: Promise<'ok' | 'timed-out'> };

export const waitAsync = (
  Atomics as unknown as {
    waitAsync: (
      array: Int32Array,
      index: number,
      value: number,
      timeout?: number,
    ) => WaitAsyncResult;
  }
).waitAsync;
