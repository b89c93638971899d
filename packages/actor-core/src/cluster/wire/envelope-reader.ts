/**
 * Reads a run of envelopes (layout in envelope-layout.ts), validating every length and kind
 * read from memory another thread or process wrote before using it: a body length that would
 * run past the run's end, a misaligned run, or an unknown kind stops the read with a typed
 * outcome instead of looping, throwing or reading out of bounds. The one place that parses
 * envelope headers; envelope-writer.ts is the one place that writes them.
 *
 * Thread contract: the caller owns the bytes for the read (a drained ring record, or its own
 * staged batch); nothing here keeps a reference to them.
 */
import {
  ENV_F64_SENDER,
  ENV_F64_TARGET,
  ENV_HEADER_BYTES,
  ENV_U32_BODY_BYTES,
  ENV_U32_HEAD,
  ENVELOPE_SYSTEM,
  ENVELOPE_TAKEN,
  ENVELOPE_USER,
} from './envelope-layout.js';

/** What the reader hands each envelope to (a node's inbound, a test's recorder). */
export interface EnvelopeVisitor {
  /**
   * A user envelope at byte `at`: `head` is its word 0 (kind, codec id), its body of
   * `bodyBytes` starts at `at + ENV_HEADER_BYTES`.
   */
  onUser(head: number, bodyBytes: number, target: number, sender: number, at: number): void;
  /** A system envelope of `sysKind` at byte `at`, with a body of `bodyBytes`. */
  onSystem(sysKind: number, bodyBytes: number, target: number, sender: number, at: number): void;
}

/** How a read ended: `complete`, or why it stopped before the end (nothing after is read). */
export type ReadOutcome = 'complete' | 'misaligned' | 'truncated' | 'unknown-kind';

/**
 * Hands each envelope of bytes [start, end) of the buffer under `u32`/`f64` (word views from
 * offset 0 of the same buffer) to `visitor`, in order; envelopes marked `ENVELOPE_TAKEN` (handled
 * by an earlier reader of the same record) are skipped.
 */
export function readEnvelopes(
  u32: Uint32Array<ArrayBufferLike>,
  f64: Float64Array<ArrayBufferLike>,
  start: number,
  end: number,
  visitor: EnvelopeVisitor,
): ReadOutcome {
  if ((start & 7) !== 0 || (end & 7) !== 0) return 'misaligned';
  let p = start;
  while (p < end) {
    if (p + ENV_HEADER_BYTES > end) return 'truncated';
    const w = p >>> 2;
    const head = u32[w + ENV_U32_HEAD]!;
    const bodyBytes = u32[w + ENV_U32_BODY_BYTES]!;
    // In doubles, so a hostile length near 2^32 cannot wrap to a small size.
    const next = p + ENV_HEADER_BYTES + bodyBytes + ((8 - (bodyBytes & 7)) & 7);
    if (next > end) return 'truncated';
    const kind = head & 0xff;
    const d = p >>> 3;
    if (kind === ENVELOPE_USER) {
      visitor.onUser(head, bodyBytes, f64[d + ENV_F64_TARGET]!, f64[d + ENV_F64_SENDER]!, p);
    } else if (kind === ENVELOPE_SYSTEM) {
      visitor.onSystem(
        (head >>> 8) & 0xff,
        bodyBytes,
        f64[d + ENV_F64_TARGET]!,
        f64[d + ENV_F64_SENDER]!,
        p,
      );
    } else if (kind !== ENVELOPE_TAKEN) return 'unknown-kind';
    p = next;
  }
  return 'complete';
}
