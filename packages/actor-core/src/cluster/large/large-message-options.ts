/**
 * The cluster's large-message options, checked once at `ActorCluster.start` (misuse throws
 * ActorError `INVALID_OPTION`, so a bad value fails before any worker starts).
 */
import { MemPoolError, type SlabShape } from '@zactor/mempool';
import { ActorError } from '../../errors.js';
import { ENV_HEADER_BYTES } from '../wire/envelope-layout.js';
import {
  DEFAULT_LARGE_MESSAGE_BYTES,
  DEFAULT_LARGE_MESSAGE_SLABS,
  SlabLargeMessageStore,
} from './large-message.js';

export interface LargeMessageSettings {
  readonly thresholdBytes: number;
  readonly slabs: readonly SlabShape[];
}

function invalid(message: string): never {
  throw new ActorError('ActorCluster.start', 'INVALID_OPTION', message);
}

/** Bytes of the serializer's frame header (a frame is never shorter). */
const FRAME_HEADER_BYTES = 16;

/**
 * Resolves `largeMessageBytes` and `largeMessageSlabs` against the batch size. The threshold is
 * an integer from 16 (a frame header) to what one batch can carry (`maxBatchBytes` minus an
 * envelope header), so every frame either fits a batch or goes into a block. The slabs are 1 to
 * 16 block shapes, block sizes powers of two from 64 B to 1 GiB strictly increasing, 1 to
 * 65,535 blocks each, and the largest block must hold more than the threshold.
 */
export function resolveLargeMessageOptions(
  largeMessageBytes: number | undefined,
  largeMessageSlabs: readonly SlabShape[] | undefined,
  maxBatchBytes: number,
): LargeMessageSettings {
  const thresholdBytes =
    largeMessageBytes ?? Math.min(DEFAULT_LARGE_MESSAGE_BYTES, maxBatchBytes - ENV_HEADER_BYTES);
  const batchRoom = maxBatchBytes - ENV_HEADER_BYTES;
  if (
    !Number.isInteger(thresholdBytes) ||
    thresholdBytes < FRAME_HEADER_BYTES ||
    thresholdBytes > batchRoom
  ) {
    invalid(
      `largeMessageBytes (${thresholdBytes}) must be an integer from ${FRAME_HEADER_BYTES} to ${batchRoom} (maxBatchBytes minus an envelope header)`,
    );
  }
  const slabs = largeMessageSlabs ?? DEFAULT_LARGE_MESSAGE_SLABS;
  if (!Array.isArray(slabs) || slabs.length < 1 || slabs.length > 16) {
    invalid('largeMessageSlabs must be an array of 1 to 16 { blockSize, blockCount } shapes');
  }
  let previous = 0;
  for (const shape of slabs) {
    const size = shape?.blockSize;
    const count = shape?.blockCount;
    if (!Number.isInteger(size) || size < 64 || size > 2 ** 30 || (size & (size - 1)) !== 0) {
      invalid(`largeMessageSlabs: blockSize (${size}) must be a power of two from 64 to 2^30`);
    }
    if (size <= previous) {
      invalid(`largeMessageSlabs: block sizes must strictly increase (${size} after ${previous})`);
    }
    if (!Number.isInteger(count) || count < 1 || count > 65535) {
      invalid(`largeMessageSlabs: blockCount (${count}) must be an integer from 1 to 65535`);
    }
    previous = size;
  }
  if (previous <= thresholdBytes) {
    invalid(
      `largeMessageSlabs: the largest block (${previous} bytes) must be larger than largeMessageBytes (${thresholdBytes})`,
    );
  }
  return { thresholdBytes, slabs };
}

/** Validates the options and allocates the blocks (the main thread, once). */
export function createLargeMessageStore(
  largeMessageBytes: number | undefined,
  largeMessageSlabs: readonly SlabShape[] | undefined,
  maxBatchBytes: number,
): SlabLargeMessageStore {
  const { thresholdBytes, slabs } = resolveLargeMessageOptions(
    largeMessageBytes,
    largeMessageSlabs,
    maxBatchBytes,
  );
  try {
    return SlabLargeMessageStore.create(thresholdBytes, slabs);
  } catch (error) {
    // The shapes passed the checks above; what is left is a total above 2^31 - 1 bytes.
    if (error instanceof MemPoolError) invalid(`largeMessageSlabs: ${error.message}`);
    throw error;
  }
}
