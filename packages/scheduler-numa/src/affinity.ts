/**
 * CPU affinity for the calling thread, through libc's `sched_setaffinity`,
 * `sched_getaffinity` and `sched_getcpu`, called with koffi (an FFI whose npm package ships
 * prebuilt binaries, so nothing is compiled at install time).
 *
 * Nothing is loaded at import: libc is opened on the first call, and a failure (not Linux, koffi
 * missing or unable to load) is remembered and reported as `unsupported`, never thrown.
 * `pid` 0 means the calling *thread* on Linux (a worker_threads Worker is its own kernel task),
 * so a worker pins itself without touching the main thread or its siblings.
 */
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';
import { SchedulerError } from './errors.js';

/** The outcome of an affinity call: it worked, or why it did not. */
export type AffinityResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string };

/** Whether this thread can change and read its CPU affinity here, and if not, why. */
export interface AffinitySupport {
  readonly supported: boolean;
  readonly reason?: string;
}

interface Libc {
  readonly setAffinity: (pid: number, size: number, mask: Uint8Array) => number;
  readonly getAffinity: (pid: number, size: number, mask: Uint8Array) => number;
  readonly getCpu: () => number;
  readonly errno: () => number;
}

// glibc's CPU_SETSIZE is 1024 cpus; grown below for machines with more.
const MIN_MASK_BYTES = 128;

let libc: Libc | undefined;
let failure: string | undefined;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function loadLibc(): Libc | undefined {
  if (libc !== undefined || failure !== undefined) return libc;
  if (process.platform !== 'linux') {
    failure = `CPU affinity needs Linux; this is ${process.platform}`;
    return undefined;
  }
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
    let lib: Koffi.LibraryHandle;
    try {
      lib = koffi.load('libc.so.6');
    } catch {
      // Not glibc (e.g. musl): the symbols are still in the process, which links its libc.
      lib = koffi.load(null);
    }
    libc = {
      setAffinity: lib.func(
        'int sched_setaffinity(int pid, size_t cpusetsize, const uint8_t *mask)',
      ),
      getAffinity: lib.func(
        'int sched_getaffinity(int pid, size_t cpusetsize, _Out_ uint8_t *mask)',
      ),
      getCpu: lib.func('int sched_getcpu()'),
      errno: () => koffi.errno(),
    };
  } catch (error) {
    failure = `cannot call libc through koffi: ${describe(error)}`;
  }
  return libc;
}

function maskBytesFor(maxCpu: number): number {
  return Math.max(MIN_MASK_BYTES, Math.ceil((maxCpu + 1) / 64) * 8);
}

/** Whether {@link pinCurrentThread}, {@link currentCpu} and {@link currentAffinity} work here. */
export function affinitySupport(): AffinitySupport {
  return loadLibc() === undefined
    ? { supported: false, reason: failure ?? 'unknown' }
    : { supported: true };
}

/**
 * Restricts the calling thread (main or worker) to `cpus`. Call it from the thread to pin.
 * Returns `{ ok: false, reason }` when affinity is unsupported or the kernel refuses (e.g. none
 * of the cpus is in this process's allowed set). Throws a SchedulerError only for misuse: an
 * empty list or a cpu that is not a non-negative integer.
 */
export function pinCurrentThread(cpus: readonly number[]): AffinityResult {
  if (cpus.length === 0) {
    throw new SchedulerError('affinity.pinCurrentThread', 'INVALID_CPU_SET', 'cpus is empty');
  }
  let maxCpu = 0;
  for (const cpu of cpus) {
    if (!Number.isInteger(cpu) || cpu < 0) {
      throw new SchedulerError(
        'affinity.pinCurrentThread',
        'INVALID_CPU_SET',
        `cpu ${cpu} is not a non-negative integer`,
      );
    }
    if (cpu > maxCpu) maxCpu = cpu;
  }
  const lib = loadLibc();
  if (lib === undefined) return { ok: false, reason: failure ?? 'unknown' };
  const mask = new Uint8Array(maskBytesFor(maxCpu));
  for (const cpu of cpus) mask[cpu >> 3]! |= 1 << (cpu & 7);
  if (lib.setAffinity(0, mask.length, mask) !== 0) {
    return { ok: false, reason: `sched_setaffinity failed with errno ${lib.errno()}` };
  }
  return { ok: true };
}

/** The cpu the calling thread is running on right now (may be stale at once), or -1. */
export function currentCpu(): number {
  const lib = loadLibc();
  return lib === undefined ? -1 : lib.getCpu();
}

/** The cpus the calling thread may run on, ascending, or `undefined` when unsupported. */
export function currentAffinity(): number[] | undefined {
  const lib = loadLibc();
  if (lib === undefined) return undefined;
  for (let bytes = MIN_MASK_BYTES; bytes <= 1 << 16; bytes *= 2) {
    const mask = new Uint8Array(bytes);
    // EINVAL means the kernel's mask is larger than ours: retry with a bigger one.
    if (lib.getAffinity(0, bytes, mask) < 0) continue;
    const cpus: number[] = [];
    for (let i = 0; i < bytes * 8; i++) if ((mask[i >> 3]! >> (i & 7)) & 1) cpus.push(i);
    return cpus;
  }
  return undefined;
}
