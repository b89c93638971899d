/**
 * Worker: one producer or consumer of a cross-thread queue throughput run. Producers push their
 * share of values (singly or in batches); the last producer to finish pushes one stop pill per
 * consumer; consumers take whatever is available, up to CONSUMER_BATCH values per call (the way
 * a Disruptor event processor drains), until their pill. Everyone starts at a common barrier and
 * reports shared-clock start/end times, counts and checksums, so the main thread can time the
 * whole run and check that every value arrived exactly once.
 */

import {
  abortRun,
  arriveAndWait,
  producerDone,
  RunAborted,
  runAborted,
  StallMeter,
  sharedClockMs,
} from '../harness/run-control.js';
import { serveRequests } from '../harness/worker-host.js';
import {
  attachQueue,
  CONSUMER_BATCH,
  type IntQueue,
  STOP_PILL,
  VALUE_MASK,
} from '../suites/ringbuffer/int-queue.js';
import type { RingRunReply, RingRunRequest } from '../suites/ringbuffer/ring-protocol.js';

const ABORT_CHECK_MASK = 0xfffff;

function produce(q: IntQueue, req: RingRunRequest, control: Int32Array): RingRunReply {
  const meter = new StallMeter();
  const base = req.index * req.items;
  const batch = req.batch;
  const src = new Int32Array(batch);
  let checksum = 0;
  let polls = 0;
  arriveAndWait(control, req.producers + req.consumers);
  const startMs = sharedClockMs();
  if (batch === 1) {
    for (let i = 0; i < req.items; i++) {
      const v = (base + i) & VALUE_MASK;
      while (!q.push(v)) {
        meter.miss();
        if ((++polls & ABORT_CHECK_MASK) === 0 && runAborted(control))
          throw new RunAborted('aborted');
      }
      meter.hit();
      checksum = (checksum + v) | 0;
    }
  } else {
    for (let next = 0; next < req.items; ) {
      const n = Math.min(batch, req.items - next);
      for (let i = 0; i < n; i++) {
        const v = (base + next + i) & VALUE_MASK;
        src[i] = v;
        checksum = (checksum + v) | 0;
      }
      for (let pushed = 0; pushed < n; ) {
        const k = q.pushBatch(src, pushed, n - pushed);
        if (k === 0) {
          meter.miss();
          if ((++polls & ABORT_CHECK_MASK) === 0 && runAborted(control))
            throw new RunAborted('aborted');
        } else {
          meter.hit();
          pushed += k;
        }
      }
      next += n;
    }
  }
  const endMs = sharedClockMs();
  if (producerDone(control, req.producers)) {
    for (let c = 0; c < req.consumers; c++) {
      while (!q.push(STOP_PILL)) {
        if ((++polls & ABORT_CHECK_MASK) === 0 && runAborted(control))
          throw new RunAborted('aborted');
      }
    }
  }
  return { startMs, endMs, count: req.items, checksum, busy: meter.busyFraction(endMs - startMs) };
}

function consume(q: IntQueue, req: RingRunRequest, control: Int32Array): RingRunReply {
  const meter = new StallMeter();
  const dst = new Int32Array(CONSUMER_BATCH);
  let count = 0;
  let checksum = 0;
  let polls = 0;
  arriveAndWait(control, req.producers + req.consumers);
  const startMs = sharedClockMs();
  let stopped = false;
  while (!stopped) {
    const n = q.popBatch(dst, CONSUMER_BATCH);
    if (n === 0) {
      meter.miss();
      if ((++polls & ABORT_CHECK_MASK) === 0 && runAborted(control))
        throw new RunAborted('aborted');
      continue;
    }
    meter.hit();
    for (let i = 0; i < n; i++) {
      const v = dst[i]!;
      if (v === STOP_PILL) {
        // All values precede all pills, so the rest of this batch can only be pills meant for
        // other consumers: hand them back.
        for (let j = i + 1; j < n; j++) {
          while (!q.push(STOP_PILL)) {
            if ((++polls & ABORT_CHECK_MASK) === 0 && runAborted(control))
              throw new RunAborted('aborted');
          }
        }
        stopped = true;
        break;
      }
      count++;
      checksum = (checksum + v) | 0;
    }
  }
  const endMs = sharedClockMs();
  return { startMs, endMs, count, checksum, busy: meter.busyFraction(endMs - startMs) };
}

serveRequests((req: RingRunRequest): RingRunReply => {
  const control = new Int32Array(req.control);
  try {
    const q = attachQueue(req.kind, req.queue);
    return req.role === 'producer' ? produce(q, req, control) : consume(q, req, control);
  } catch (error) {
    abortRun(control);
    throw error;
  }
});
