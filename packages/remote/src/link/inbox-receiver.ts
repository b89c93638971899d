import { RECORD_ENVELOPES } from '@zactor/actor-core';
import { RemoteError } from '../errors.js';
import {
  FRAME_HEADER_BYTES,
  type FrameFault,
  type FrameHeader,
  type FrameSender,
  readFrameHeader,
} from '../wire/remote-frame.js';

/** What the receiver needs from its node. */
export interface InboxHost {
  /** Hands one batch of envelopes to the ClusterNode (its `onRecord`). */
  onRecord(typeId: number, view: DataView, offset: number, length: number): void;
  /** Runs the actors the batches made ready and publishes what they sent (`afterDrain`). */
  afterDrain(): void;
  /** A frame from `node` arrived: a sign of life for the member table. */
  heardFrame(node: number, incarnation: number): void;
  /** A frame was refused before any envelope was read. */
  rejected(fault: FrameFault, from: number | undefined, error: RemoteError): void;
}

/**
 * The inbox of one node: each NATS message is a frame (wire/remote-frame.ts). Its header is
 * checked (format, cluster, codec fingerprint, a sender index in range and not this node), the
 * frame is copied to an 8-aligned scratch buffer (NATS hands out views at any offset; the
 * envelope reader needs aligned words), and its envelopes go to the ClusterNode, which checks
 * every envelope again. The actors they make ready run once per burst of frames (a microtask
 * after the client's synchronous delivery of one read from the socket).
 *
 * Thread contract: the node's own thread (NATS subscription callbacks run there).
 */
export class InboxReceiver {
  private scratch = new ArrayBuffer(64 * 1024);
  private view = new DataView(this.scratch);
  private bytes = new Uint8Array(this.scratch);
  private scheduled = false;
  private readonly host: InboxHost;
  private readonly self: FrameSender;
  private readonly maxNodes: number;
  private readonly runBound = (): void => this.run();
  framesIn = 0;
  framesRejected = 0;

  constructor(host: InboxHost, self: FrameSender, maxNodes: number) {
    this.host = host;
    this.self = self;
    this.maxNodes = maxNodes;
  }

  /** One NATS message's payload. Never throws: a bad frame is counted and reported. */
  onMessage(data: Uint8Array): void {
    const length = data.length;
    if (length > this.scratch.byteLength) this.grow(length);
    this.bytes.set(data, 0);
    const read = readFrameHeader(this.view, length);
    if (!read.ok) {
      this.reject(read.fault, undefined);
      return;
    }
    const header = read.header;
    const fault = this.senderFault(header);
    if (fault !== null) {
      this.reject(fault, header.node);
      return;
    }
    this.framesIn++;
    this.host.heardFrame(header.node, header.incarnation);
    this.host.onRecord(RECORD_ENVELOPES, this.view, FRAME_HEADER_BYTES, header.envelopeBytes);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.runBound);
    }
  }

  /** Why a well-formed header is not from a peer of this node, or null when it is. */
  private senderFault(header: FrameHeader): FrameFault | null {
    if (header.clusterHash !== this.self.clusterHash) return 'cluster';
    if (header.fingerprint !== this.self.fingerprint) return 'fingerprint';
    if (header.node === this.self.node || header.node >= this.maxNodes) return 'unknown-sender';
    return null;
  }

  private run(): void {
    this.scheduled = false;
    this.host.afterDrain();
  }

  private grow(length: number): void {
    this.scratch = new ArrayBuffer((length + 7) & ~7);
    this.view = new DataView(this.scratch);
    this.bytes = new Uint8Array(this.scratch);
  }

  private reject(fault: FrameFault, from: number | undefined): void {
    this.framesRejected++;
    const error = new RemoteError(
      'InboxReceiver',
      fault === 'fingerprint' || fault === 'cluster' ? 'INCOMPATIBLE_PEER' : 'CORRUPT_FRAME',
      `a frame${from === undefined ? '' : ` from node ${from}`} was refused: ${FAULT_TEXT[fault]}`,
    );
    this.host.rejected(fault, from, error);
  }
}

const FAULT_TEXT: Readonly<Record<FrameFault, string>> = {
  short: 'shorter than a frame header',
  magic: 'not a ZActor frame (bad magic)',
  version: 'an unknown frame version',
  length: 'its length field does not match its size',
  cluster: 'it belongs to another cluster',
  fingerprint: 'its sender was built from other message definitions (codec fingerprint)',
  'unknown-sender': 'its sender index is this node or out of range',
};
