/**
 * Every code a `MemPoolError` carries, so `switch (error.code)` is checked by the compiler.
 * - `INVALID_OPTIONS`, `INVALID_SIZE`: bad arguments (misuse).
 * - `BAD_LAYOUT`: `attach` found no well-formed structure at the given offset.
 * - `NOT_A_BLOCK`, `DOUBLE_FREE`, `USE_AFTER_FREE`: a block used against the contract.
 * - `POOL_CORRUPT`: a word in shared memory (a free-list head or link, an arena's top) holds a
 *   value the protocol never writes; the operation refused to use it.
 * - `DOUBLE_RELEASE`, `USE_AFTER_RELEASE`, `NOT_FROM_POOL`: ObjectPool misuse.
 * - `LEAK`: `assertNoLeaks` found blocks or objects still out.
 */
export type MemPoolErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_SIZE'
  | 'BAD_LAYOUT'
  | 'NOT_A_BLOCK'
  | 'DOUBLE_FREE'
  | 'USE_AFTER_FREE'
  | 'POOL_CORRUPT'
  | 'DOUBLE_RELEASE'
  | 'USE_AFTER_RELEASE'
  | 'NOT_FROM_POOL'
  | 'LEAK';

/**
 * Every error this package throws is a `MemPoolError` whose message starts with
 * `@zactor/mempool/<where>: `, so a user can tell at a glance which package complained.
 */
export class MemPoolError extends Error {
  override readonly name: string = 'MemPoolError';
  /** Stable machine-readable code, e.g. `DOUBLE_FREE`. */
  readonly code: MemPoolErrorCode;

  constructor(where: string, code: MemPoolErrorCode, message: string) {
    super(`@zactor/mempool/${where}: ${message}`);
    this.code = code;
  }
}
