/**
 * Worker: one producer or the consumer of a stress transfer run (see stress-protocol.ts). Each
 * payload carries its message number in its first and last Int32 words; the consumer sums them
 * so the main thread can check that every payload arrived whole and exactly once.
 */
import { NO_BLOCK, SharedSlabPool } from '@zactor/mempool';
import { type MpscRecordHandler, MpscRing, SpscRing } from '@zactor/ringbuffer';
import {
  abortRun,
  arriveAndWait,
  RunAborted,
  runAborted,
  StallMeter,
  sharedClockMs,
} from '../harness/run-control.js';
import { serveRequests } from '../harness/worker-host.js';
import {
  PORT_ACK_EVERY,
  PORT_WINDOW,
  type TransferReply,
  type TransferRequest,
} from '../suites/stress/stress-protocol.js';

const ABORT_CHECK_MASK = 0xfffff;
const TYPE_PAYLOAD = 1;

function checkAbort(polls: number, control: Int32Array): void {
  if ((polls & ABORT_CHECK_MASK) === 0 && runAborted(control)) throw new RunAborted('aborted');
}

/** A payload template: its words are overwritten with the message number at both ends. */
function template(bytes: number): Int32Array {
  return new Int32Array(bytes >> 2).fill(0x5a5a5a5a);
}

function ringProducer(req: TransferRequest, control: Int32Array): TransferReply {
  const ring = MpscRing.attach(req.ring!);
  const words = ring.int32;
  const payload = template(req.bytes);
  const last = payload.length - 1;
  const meter = new StallMeter();
  let checksum = 0;
  let polls = 0;
  arriveAndWait(control, req.producers + 1);
  const startMs = sharedClockMs();
  for (let i = 0; i < req.messages; i++) {
    const n = req.index * req.messages + i;
    let offset = ring.tryClaim(TYPE_PAYLOAD, req.bytes);
    while (offset === -1) {
      meter.miss();
      checkAbort(++polls, control);
      offset = ring.tryClaim(TYPE_PAYLOAD, req.bytes);
    }
    meter.hit();
    const at = offset >> 2;
    words.set(payload, at);
    words[at] = n;
    words[at + last] = n;
    ring.commit(offset);
    checksum = (checksum + n + n) | 0;
  }
  const endMs = sharedClockMs();
  return {
    startMs,
    endMs,
    count: req.messages,
    checksum,
    busy: meter.busyFraction(endMs - startMs),
  };
}

function ringConsumer(req: TransferRequest, control: Int32Array): TransferReply {
  const ring = MpscRing.attach(req.ring!);
  const words = ring.int32;
  const meter = new StallMeter();
  let count = 0;
  let checksum = 0;
  let polls = 0;
  const onRecord: MpscRecordHandler = (_type, _view, offset, length) => {
    checksum = (checksum + words[offset >> 2]! + words[(offset + length - 4) >> 2]!) | 0;
    count++;
  };
  arriveAndWait(control, req.producers + 1);
  const startMs = sharedClockMs();
  while (count < req.messages) {
    if (ring.drain(onRecord, 256) === 0) {
      meter.miss();
      checkAbort(++polls, control);
    } else meter.hit();
  }
  const endMs = sharedClockMs();
  return { startMs, endMs, count, checksum, busy: meter.busyFraction(endMs - startMs) };
}

function slabProducer(req: TransferRequest, control: Int32Array): TransferReply {
  const pool = SharedSlabPool.attach(req.slab!);
  const ring = SpscRing.attach(req.ring!);
  const words = new Int32Array(pool.buffer);
  const payload = template(req.bytes);
  const last = payload.length - 1;
  const meter = new StallMeter();
  let checksum = 0;
  let polls = 0;
  arriveAndWait(control, 2);
  const startMs = sharedClockMs();
  for (let n = 0; n < req.messages; n++) {
    let block = pool.alloc(req.bytes);
    while (block === NO_BLOCK) {
      meter.miss();
      checkAbort(++polls, control);
      block = pool.alloc(req.bytes);
    }
    const at = block >> 2;
    words.set(payload, at);
    words[at] = n;
    words[at + last] = n;
    while (!ring.offerInt32(block)) {
      meter.miss();
      checkAbort(++polls, control);
    }
    meter.hit();
    checksum = (checksum + n + n) | 0;
  }
  const endMs = sharedClockMs();
  return {
    startMs,
    endMs,
    count: req.messages,
    checksum,
    busy: meter.busyFraction(endMs - startMs),
  };
}

function slabConsumer(req: TransferRequest, control: Int32Array): TransferReply {
  const pool = SharedSlabPool.attach(req.slab!);
  const ring = SpscRing.attach(req.ring!);
  const handles = ring.int32;
  const words = new Int32Array(pool.buffer);
  const lastWord = (req.bytes >> 2) - 1;
  const meter = new StallMeter();
  let count = 0;
  let checksum = 0;
  let polls = 0;
  arriveAndWait(control, 2);
  const startMs = sharedClockMs();
  while (count < req.messages) {
    const n = ring.tryAcquire(256);
    if (n === 0) {
      meter.miss();
      checkAbort(++polls, control);
      continue;
    }
    meter.hit();
    const first = ring.acquiredSequence;
    for (let k = 0; k < n; k++) {
      const block = handles[ring.offsetOf((first + k) | 0) >> 2]!;
      const at = block >> 2;
      checksum = (checksum + words[at]! + words[at + lastWord]!) | 0;
      pool.free(block);
    }
    ring.release();
    count += n;
  }
  const endMs = sharedClockMs();
  return { startMs, endMs, count, checksum, busy: meter.busyFraction(endMs - startMs) };
}

async function portProducer(req: TransferRequest): Promise<TransferReply> {
  const port = req.ports![0]!;
  const payload = template(req.bytes);
  const last = payload.length - 1;
  let credit = PORT_WINDOW;
  let wake: (() => void) | undefined;
  port.on('message', (acked: number) => {
    credit += acked;
    wake?.();
  });
  let checksum = 0;
  const startMs = sharedClockMs();
  for (let i = 0; i < req.messages; i++) {
    while (credit === 0) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    credit--;
    const n = req.index * req.messages + i;
    payload[0] = n;
    payload[last] = n;
    port.postMessage(payload);
    checksum = (checksum + n + n) | 0;
  }
  const endMs = sharedClockMs();
  port.close();
  return { startMs, endMs, count: req.messages, checksum, busy: 1 };
}

function portConsumer(req: TransferRequest): Promise<TransferReply> {
  return new Promise((resolve) => {
    let count = 0;
    let checksum = 0;
    let startMs = 0;
    for (const port of req.ports!) {
      let sinceAck = 0;
      port.on('message', (payload: Int32Array) => {
        if (count === 0) startMs = sharedClockMs();
        checksum = (checksum + payload[0]! + payload[payload.length - 1]!) | 0;
        count++;
        if (++sinceAck === PORT_ACK_EVERY) {
          port.postMessage(sinceAck);
          sinceAck = 0;
        }
        if (count === req.messages) {
          for (const p of req.ports!) p.close();
          resolve({ startMs, endMs: sharedClockMs(), count, checksum, busy: 1 });
        }
      });
    }
  });
}

serveRequests((req: TransferRequest): TransferReply | Promise<TransferReply> => {
  const control = new Int32Array(req.control);
  try {
    switch (req.kind) {
      case 'ring':
        return req.role === 'producer' ? ringProducer(req, control) : ringConsumer(req, control);
      case 'slab':
        return req.role === 'producer' ? slabProducer(req, control) : slabConsumer(req, control);
      case 'port':
        return req.role === 'producer' ? portProducer(req) : portConsumer(req);
    }
  } catch (error) {
    abortRun(control);
    throw error;
  }
});
