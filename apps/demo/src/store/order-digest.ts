/**
 * An order-independent digest of a set of (order id, remaining quantity) pairs: the sum mod
 * 2^32 of a mixed hash of each pair. Two workers' sets can be compared by digest, count and
 * total quantity without shipping every open order to the main thread.
 */
export function orderDigest(orderId: number, remaining: number): number {
  // Order ids stay below 2^53: split them into two 32-bit halves.
  let h = Math.imul(orderId >>> 0, 0x9e3779b1) ^ Math.floor(orderId / 2 ** 32);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ Math.imul(remaining, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Adds one pair's digest to a running digest. */
export function addDigest(digest: number, orderId: number, remaining: number): number {
  return (digest + orderDigest(orderId, remaining)) >>> 0;
}
