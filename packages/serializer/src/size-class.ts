/**
 * Where an encoded message lives:
 * - Inline: written straight into the caller's buffer (a ring record), at most `inlineMax`
 *   bytes (64 by default) and within the room the caller offers.
 * - Block: in a block of a shared BlockAllocator, at most `blockMax` bytes (1 KiB by default);
 *   the ring record carries (class, block offset, length) and the consumer frees the block.
 * - Large: in a SharedArrayBuffer of its own, which has to travel out of band (postMessage or
 *   a table of buffers): a ring record cannot hold an object reference.
 */
export const SizeClass = Object.freeze({ Inline: 0, Block: 1, Large: 2 } as const);
export type SizeClass = (typeof SizeClass)[keyof typeof SizeClass];
