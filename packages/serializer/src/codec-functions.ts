import type { MessagePlan } from './plan.js';

/**
 * What a codec back end produces from a plan: the four functions a Codec exposes. Both back ends
 * (generated source, composed closures) return this shape, and CompiledCodec wraps either.
 */
export interface CodecFunctions {
  sizeOf(value: unknown): number;
  encode(value: unknown, view: DataView, offset: number, end?: number): number;
  decode(view: DataView, offset: number, end?: number): unknown;
  view(view: DataView, offset: number, end?: number): unknown;
}

/** Where errors come from, for the `@zactor/serializer/<where>:` prefix. */
export const WHERE_DECODE = 'codec.decode';
export const WHERE_VIEW = 'codec.view';

/** The encoded size when every value of the message has the same size, else -1. */
export function fixedSizeOfPlan(plan: MessagePlan): number {
  if (plan.kind === 'struct') return plan.variable ? -1 : plan.size;
  let size = -1;
  for (const variant of plan.variants) {
    if (variant.body.variable) return -1;
    const bytes = variant.blockSize;
    if (size === -1) size = bytes;
    else if (size !== bytes) return -1;
  }
  return size;
}
