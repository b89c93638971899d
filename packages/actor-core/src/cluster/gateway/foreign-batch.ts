import {
  CODEC_BLOCK,
  ENV_BODY_BYTES,
  ENV_CODEC,
  ENV_HEADER_BYTES,
  ENV_KIND,
  ENVELOPE_USER,
} from '../wire/envelope-layout.js';

/**
 * Whether a batch from another process references a shared large-message block: only the
 * nodes of one process share blocks (a block reference from the network would name memory
 * of this process). Walks the envelope headers only (wire/envelope-layout.ts); a malformed
 * length ends the walk, and the inbound checks every envelope again.
 *
 * Thread contract: any thread, on a batch it is handed.
 */
export function referencesBlock(view: DataView, offset: number, length: number): boolean {
  const end = offset + length;
  let at = offset;
  while (at + ENV_HEADER_BYTES <= end) {
    if (
      view.getUint8(at + ENV_KIND) === ENVELOPE_USER &&
      view.getUint16(at + ENV_CODEC, true) === CODEC_BLOCK
    ) {
      return true;
    }
    const body = view.getUint32(at + ENV_BODY_BYTES, true);
    if (body > length) return false;
    at += ENV_HEADER_BYTES + ((body + 7) & ~7);
  }
  return false;
}
