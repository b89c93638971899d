import { LOCKED_LOCK } from '../layout.js';

/**
 * A futex-style mutex over one Int32 word: Ulrich Drepper, "Futexes Are Tricky" (2011), the
 * third mutex (states 0 free, 1 locked, 2 locked with waiters), with `Atomics.wait` standing in
 * for FUTEX_WAIT. A short spin before parking keeps it competitive for the tiny critical sections
 * of a queue, as glibc's adaptive mutexes do. It exists only as the baseline the lock-free rings
 * are measured against.
 *
 * Threads: any worker (`Atomics.wait` is not allowed on the main thread). Every step is an
 * `Atomics` operation, so taking the lock acquires and releasing it publishes everything written
 * inside the critical section.
 */
const SPINS_BEFORE_PARK = 100;

/** Takes the lock, parking the thread if it stays busy. */
export function lockMutex(words: Int32Array): void {
  let c = Atomics.compareExchange(words, LOCKED_LOCK, 0, 1);
  if (c === 0) return;
  for (let i = 0; i < SPINS_BEFORE_PARK; i++) {
    if (Atomics.load(words, LOCKED_LOCK) === 0) {
      c = Atomics.compareExchange(words, LOCKED_LOCK, 0, 1);
      if (c === 0) return;
    }
  }
  // Mark "waiters possible" before parking so the holder's unlock knows to wake someone.
  if (c !== 2) c = Atomics.exchange(words, LOCKED_LOCK, 2);
  while (c !== 0) {
    Atomics.wait(words, LOCKED_LOCK, 2);
    c = Atomics.exchange(words, LOCKED_LOCK, 2);
  }
}

/** Releases the lock; wakes one parked thread when any may be waiting. */
export function unlockMutex(words: Int32Array): void {
  if (Atomics.sub(words, LOCKED_LOCK, 1) !== 1) {
    Atomics.store(words, LOCKED_LOCK, 0);
    Atomics.notify(words, LOCKED_LOCK, 1);
  }
}
