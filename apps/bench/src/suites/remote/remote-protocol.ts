/**
 * The requests the bench process sends its peer process (src/workers/remote-peer.ts) over the
 * fork's IPC channel, and the replies. Every request carries an id; the peer answers each with
 * `{ id, ok: true, value }` or `{ id, ok: false, error }`, in any order (a `sink-wait` answers
 * only once its messages have all arrived).
 */

export type PeerRequest =
  /**
   * Starts a RemoteNode with the suite's kinds and messages (with `workers`, an ActorCluster of
   * that many pool workers on src/workers/remote-cluster.ts); value: its first node index.
   */
  | {
      readonly op: 'start-node';
      readonly servers: string;
      readonly cluster: string;
      readonly name: string;
      readonly workers?: number;
    }
  /** How many live members the node sees (itself included). */
  | { readonly op: 'members' }
  /** The node's link counters; value: PeerCounters. */
  | { readonly op: 'counters' }
  /** Stops the node. */
  | { readonly op: 'stop-node' }
  /** Connects a raw NATS client that answers every request on `subject` with its payload. */
  | { readonly op: 'serve-requests'; readonly servers: string; readonly subject: string }
  /**
   * Connects a raw NATS client that counts the messages on `subject` and publishes an empty ack
   * to `ackSubject` after every `ackEvery` of them; value once the server has the subscription.
   */
  | {
      readonly op: 'sink';
      readonly servers: string;
      readonly subject: string;
      readonly ackSubject: string;
      readonly ackEvery: number;
    }
  /** Resolves with SinkCount once `expect` messages (counted since the last sink-wait) came. */
  | { readonly op: 'sink-wait'; readonly expect: number }
  /** Closes the raw client. */
  | { readonly op: 'close-raw' };

export type PeerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

export type PeerCounters = {
  readonly framesOut: number;
  readonly bytesOut: number;
  readonly framesIn: number;
  readonly framesRejected: number;
};

export type SinkCount = { readonly messages: number; readonly bytes: number };
