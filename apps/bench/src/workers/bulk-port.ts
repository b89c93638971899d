/**
 * Worker: one side of a bulk stream over a MessagePort, the baseline of the cluster's large
 * message scenario. The source posts `count` payloads of `bytes` bytes with at most `window`
 * unacknowledged; the sink acks each one. `copy` posts one reused Uint8Array (structured clone
 * copies it, as an actor message is copied); `transfer` posts a fresh buffer each time and
 * transfers it (no copy; the allocation is the cost).
 */
import type { MessagePort } from 'node:worker_threads';
import { serveRequests } from '../harness/worker-host.js';

export interface BulkPortRequest {
  readonly role: 'source' | 'sink';
  readonly mode: 'copy' | 'transfer';
  readonly port: MessagePort;
  readonly count: number;
  readonly bytes: number;
  readonly window: number;
}

export interface BulkPortReply {
  /** Source: seconds from the first post to the last ack. Sink: bytes received. */
  readonly value: number;
}

function source(req: BulkPortRequest): Promise<BulkPortReply> {
  const { port, count, window } = req;
  const reused = new Uint8Array(req.bytes).fill(7);
  let sent = 0;
  let acked = 0;
  const post = () => {
    if (req.mode === 'copy') port.postMessage(reused);
    else {
      const fresh = new Uint8Array(req.bytes);
      fresh[0] = sent & 0xff;
      port.postMessage(fresh, [fresh.buffer]);
    }
    sent++;
  };
  return new Promise((resolve) => {
    const start = performance.now();
    port.on('message', () => {
      if (++acked === count) {
        port.close();
        resolve({ value: (performance.now() - start) / 1000 });
      } else if (sent < count) post();
    });
    while (sent < Math.min(window, count)) post();
  });
}

function sink(req: BulkPortRequest): Promise<BulkPortReply> {
  const { port, count } = req;
  let received = 0;
  let bytes = 0;
  return new Promise((resolve) => {
    port.on('message', (data: Uint8Array) => {
      bytes += data.byteLength;
      port.postMessage(0);
      if (++received === count) {
        // Closing here could drop the last ack: the source closes the channel.
        resolve({ value: bytes });
      }
    });
  });
}

serveRequests((req: BulkPortRequest) => (req.role === 'source' ? source(req) : sink(req)));
