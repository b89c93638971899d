/*
 * Helpers shared by the ZActor Promela models (verification/models/*.pml).
 *
 * Scale model of the Int32 positions. The TypeScript keeps free-running Int32 positions that
 * wrap at 2^32 and compares them only through `(a - b) | 0`. The models keep positions in a
 * `byte` that wraps at 2^8 and compare them through DIFF, the same two's-complement difference
 * at 8 bits, so a run that starts a few steps below 256 crosses the wrap exactly as a run near
 * 2^31 does in the TypeScript tests. The bounds keep every run far shorter than 2^7 steps, so
 * the ABA on a wrapped position (documented as a known limit in mpsc-ring.ts / mpmc-queue.ts)
 * is outside every model.
 */
#define WRAP(x)     ((x) % 256)
#define DIFF(a, b)  (((((a) - (b)) + 384) % 256) - 128)
