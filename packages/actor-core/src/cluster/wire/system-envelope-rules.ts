/**
 * What a system envelope of each kind must look like on the wire (layout in
 * envelope-layout.ts), checked before the inbound acts on one: the kinds that cross nodes, the
 * body each carries, and whether it must name its sender. The writer (frame-encoder.ts) keeps
 * to these; anything else was not written by a node of this cluster.
 *
 * Which node may send which system message (the inbound checks what needs more than the shape):
 * - Stop from any node: `ref.stop()` is public, and any node may hold a ref.
 * - Watch, Unwatch, WatchedTerminated, ChildTerminated and ChildFailed from the actor they name
 *   as sender; the receiving cell ignores them unless that actor is one it watches or one of
 *   its children.
 * - ChildStarted with a token the parent's node handed out (an unknown token stops the child).
 * - The supervision directives Suspend, Resume and Restart only from the target's parent, which
 *   the remote-children protocol makes their sender (supervision/remote-child.ts). A directive
 *   for an actor whose parent is local, or from any other sender, is forged: counted, dropped.
 *
 * Thread contract: a pure function.
 */
import { SysKind } from '../../system-message.js';
import { SYS_ERROR_HEADER_BYTES, SYS_TOKEN_BYTES } from './envelope-layout.js';

/**
 * Whether a system envelope of `kind` with a body of `bodyBytes` and sender `senderId` (an
 * actor id, or -1 for none) has the shape that kind is written with:
 * - Stop, Suspend, Resume: no body; any sender (Stop is sent without one).
 * - Restart: an error body (at least its header; `readErrorBody` checks the rest).
 * - ChildFailed: an error body, from the child.
 * - ChildStarted: the spawn token (one f64), from the child.
 * - Watch, Unwatch, WatchedTerminated, ChildTerminated: no body, from the actor they concern.
 * - ChildSpawnFailed never crosses nodes (it is local to the parent), nor does any other kind.
 */
export function isWellFormedSystemEnvelope(
  kind: number,
  bodyBytes: number,
  senderId: number,
): boolean {
  switch (kind) {
    case SysKind.Stop:
    case SysKind.Suspend:
    case SysKind.Resume:
      return bodyBytes === 0;
    case SysKind.Restart:
      return bodyBytes >= SYS_ERROR_HEADER_BYTES;
    case SysKind.ChildFailed:
      return bodyBytes >= SYS_ERROR_HEADER_BYTES && senderId >= 0;
    case SysKind.ChildStarted:
      return bodyBytes === SYS_TOKEN_BYTES && senderId >= 0;
    case SysKind.Watch:
    case SysKind.Unwatch:
    case SysKind.WatchedTerminated:
    case SysKind.ChildTerminated:
      return bodyBytes === 0 && senderId >= 0;
    default:
      return false;
  }
}
