import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { Packr } from 'msgpackr';
import { RemoteError } from '../errors.js';
import type { LocalNodes } from '../local/local-nodes.js';
import type { ClusterSubjects } from '../subjects.js';

/**
 * Spawning on another node: a request to `zactor.<cluster>.spawn.<node>` (msgpackr, like the
 * fallback codec) and one reply.
 *
 * ```
 * request  { kind: string, args: <any msgpackr value>, name?: string }
 * reply    { id: number } | { code: string, message: string }
 * ```
 *
 * The actor is a top-level actor of the target node (its user guardian supervises it with the
 * node's strategy). Arguments are plain data (no refs, functions or shared memory).
 */
interface SpawnRequest {
  readonly kind: string;
  readonly args: unknown;
  readonly name?: string;
}

type SpawnReply = { readonly id: number } | { readonly code: string; readonly message: string };

const packr = new Packr({ structuredClone: true, useRecords: false });

/** Answers the spawn requests sent to this node. Thread contract: the node's own thread. */
export class SpawnService {
  private subscription: Subscription | null = null;
  private readonly local: LocalNodes;
  private readonly index: number;

  /** `index`: this process's first node index (where other nodes send its spawn requests). */
  constructor(local: LocalNodes, index: number) {
    this.local = local;
    this.index = index;
  }

  start(nc: NatsConnection, subjects: ClusterSubjects): void {
    this.subscription = nc.subscribe(subjects.spawn(this.index), {
      callback: (error, msg) => {
        if (error !== null) return;
        void this.answer(msg.data).then((reply) => msg.respond(packr.pack(reply)));
      },
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  private async answer(data: Uint8Array): Promise<SpawnReply> {
    let request: SpawnRequest;
    try {
      request = packr.unpack(data) as SpawnRequest;
    } catch {
      return { code: 'SPAWN_FAILED', message: 'the spawn request did not decode' };
    }
    if (typeof request !== 'object' || request === null || typeof request.kind !== 'string') {
      return { code: 'SPAWN_FAILED', message: 'the spawn request names no kind' };
    }
    if (request.name !== undefined && typeof request.name !== 'string') {
      return { code: 'SPAWN_FAILED', message: 'the spawn request has a name that is not a string' };
    }
    try {
      return { id: await this.local.spawn(request.kind, request.args, request.name) };
    } catch (error) {
      // The kind's constructor may have thrown anything, null or a value with no text included.
      const code =
        typeof error === 'object' && error !== null
          ? (error as { code?: unknown }).code
          : undefined;
      let message: string;
      try {
        message = error instanceof Error ? error.message : String(error);
      } catch {
        message = 'the spawn threw a value with no text';
      }
      return { code: typeof code === 'string' ? code : 'SPAWN_FAILED', message };
    }
  }
}

/** Asks node `node` to spawn `kind`; resolves with the new actor's id. */
export async function requestSpawn(
  nc: NatsConnection,
  subjects: ClusterSubjects,
  node: number,
  request: SpawnRequest,
  timeoutMs: number,
): Promise<number> {
  let reply: SpawnReply;
  try {
    const msg = await nc.request(subjects.spawn(node), packr.pack(request), {
      timeout: timeoutMs,
    });
    reply = packr.unpack(msg.data) as SpawnReply;
  } catch (error) {
    throw new RemoteError(
      'RemoteNode.spawn',
      'SPAWN_FAILED',
      `node ${node} did not answer the spawn of '${request.kind}': ${(error as Error).message}`,
      { cause: error },
    );
  }
  if ('id' in reply && typeof reply.id === 'number') return reply.id;
  const failed = reply as { code?: unknown; message?: unknown };
  throw new RemoteError(
    'RemoteNode.spawn',
    typeof failed.code === 'string' ? failed.code : 'SPAWN_FAILED',
    `node ${node} could not spawn '${request.kind}': ${String(failed.message)}`,
  );
}
