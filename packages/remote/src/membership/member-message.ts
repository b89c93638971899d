/**
 * What nodes say on `zactor.<cluster>.members` (JSON, one object per NATS message):
 *
 * ```
 * { "v": 1, "type": "join" | "beat" | "leave", "node": 3, "name": "pricer",
 *   "incarnation": 2893011, "cluster": <cluster hash u32>, "fingerprint": <codec u32>,
 *   "maxNodes": 16, "span": 3, "down": [1] }
 * ```
 *
 * `span`: the node indices of the sender's process, `node`..`node + span - 1` (1 for one
 * thread; an ActorCluster's pool workers then its main thread). `down`: which of them (offsets
 * from `node`) are pool workers that died and did not run again yet. Both may be absent (1, []).
 *
 * A join is sent once at start, a beat every `heartbeatMs`, a leave at a clean stop. Every
 * field comes from the network: `parseMemberMessage` checks them all and never throws.
 */
export interface MemberMessage {
  readonly type: 'join' | 'beat' | 'leave';
  readonly node: number;
  readonly name: string;
  readonly incarnation: number;
  readonly cluster: number;
  readonly fingerprint: number;
  readonly maxNodes: number;
  readonly span: number;
  readonly down: readonly number[];
}

const TYPES = new Set(['join', 'beat', 'leave']);
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function encodeMemberMessage(message: MemberMessage): Uint8Array {
  return encoder.encode(JSON.stringify({ v: 1, ...message }));
}

function u32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/** The message in `bytes`, or undefined when it is not a well-formed member message. */
export function parseMemberMessage(bytes: Uint8Array): MemberMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m.v !== 1 || typeof m.type !== 'string' || !TYPES.has(m.type)) return undefined;
  if (typeof m.name !== 'string' || m.name.length > 256) return undefined;
  if (!u32(m.node) || m.node > 0xffff || !u32(m.incarnation) || !u32(m.cluster)) return undefined;
  if (!u32(m.fingerprint) || !u32(m.maxNodes)) return undefined;
  const span = m.span ?? 1;
  if (!u32(span) || span < 1 || span > 256) return undefined;
  const down = m.down ?? [];
  if (!Array.isArray(down) || !down.every((d) => u32(d) && d < span)) return undefined;
  return {
    span,
    down: down as number[],
    type: m.type as MemberMessage['type'],
    node: m.node,
    name: m.name,
    incarnation: m.incarnation,
    cluster: m.cluster,
    fingerprint: m.fingerprint,
    maxNodes: m.maxNodes,
  };
}
