/**
 * Worker: one side of a cross-thread round-trip latency run, after the LMAX Disruptor's
 * ping-pong latency test: the pinger sends a sequence number, waits (spinning) for the ponger to
 * echo it, records the round trip, then pauses `intervalNs` before the next. The ponger echoes
 * every value it sees. Three transports: two SpscRings, a pair of Atomics words, and a
 * MessagePort (Node's own worker messaging, for scale). A request may name a cpu: the worker
 * then pins its thread there first (the rows measured beside a pinned cluster).
 */
import { SpscRing } from '@zactor/ringbuffer';
import { pinThisThread } from '../harness/cluster-cpus.js';
import { abortRun, arriveAndWait, RunAborted, runAborted } from '../harness/run-control.js';
import { serveRequests } from '../harness/worker-host.js';
import { PINGPONG_PING, PINGPONG_PONG } from '../layout.js';
import type { PingPongReply, PingPongRequest } from '../suites/latency/latency-protocol.js';

const ABORT_CHECK_MASK = 0xfffff;

function pace(fromMs: number, intervalNs: number): void {
  const until = fromMs + intervalNs / 1e6;
  while (performance.now() < until) {
    // Busy wait: sleeping would add the scheduler's wake-up latency to the next sample.
  }
}

function spscPinger(req: PingPongRequest, control: Int32Array): PingPongReply {
  const ping = SpscRing.attach(req.ping!);
  const pong = SpscRing.attach(req.pong!);
  const words = pong.int32;
  const latencies = new Float64Array(req.samples);
  let polls = 0;
  arriveAndWait(control, 2);
  const start = performance.now();
  for (let i = 0; i < req.samples; i++) {
    const t0 = performance.now();
    while (!ping.offerInt32(i)) {
      // The ring has room for every ping in flight (one): this never spins in practice.
    }
    while (pong.tryAcquire(1) === 0) {
      if ((++polls & ABORT_CHECK_MASK) === 0 && runAborted(control))
        throw new RunAborted('aborted');
    }
    const echoed = words[pong.offsetOf(pong.acquiredSequence) >> 2]!;
    pong.release();
    const t1 = performance.now();
    if (echoed !== i) throw new Error(`echo ${echoed} for ping ${i}`);
    latencies[i] = (t1 - t0) * 1e6;
    pace(t1, req.intervalNs);
  }
  return {
    latenciesNs: latencies,
    echoed: req.samples,
    seconds: (performance.now() - start) / 1000,
  };
}

function spscPonger(req: PingPongRequest, control: Int32Array): PingPongReply {
  const ping = SpscRing.attach(req.ping!);
  const pong = SpscRing.attach(req.pong!);
  const words = ping.int32;
  let polls = 0;
  arriveAndWait(control, 2);
  for (let i = 0; i < req.samples; i++) {
    while (ping.tryAcquire(1) === 0) {
      if ((++polls & ABORT_CHECK_MASK) === 0 && runAborted(control))
        throw new RunAborted('aborted');
    }
    const value = words[ping.offsetOf(ping.acquiredSequence) >> 2]!;
    ping.release();
    while (!pong.offerInt32(value)) {
      // One echo in flight at most: the ring is never full.
    }
  }
  return { echoed: req.samples, seconds: 0 };
}

function atomicsPinger(req: PingPongRequest, control: Int32Array): PingPongReply {
  const cell = new Int32Array(req.ping!);
  const latencies = new Float64Array(req.samples);
  let polls = 0;
  arriveAndWait(control, 2);
  const start = performance.now();
  for (let i = 0; i < req.samples; i++) {
    const seq = i + 1;
    const t0 = performance.now();
    Atomics.store(cell, PINGPONG_PING, seq);
    while (Atomics.load(cell, PINGPONG_PONG) !== seq) {
      if ((++polls & ABORT_CHECK_MASK) === 0 && runAborted(control))
        throw new RunAborted('aborted');
    }
    const t1 = performance.now();
    latencies[i] = (t1 - t0) * 1e6;
    pace(t1, req.intervalNs);
  }
  return {
    latenciesNs: latencies,
    echoed: req.samples,
    seconds: (performance.now() - start) / 1000,
  };
}

function atomicsPonger(req: PingPongRequest, control: Int32Array): PingPongReply {
  const cell = new Int32Array(req.ping!);
  let polls = 0;
  arriveAndWait(control, 2);
  for (let seq = 1; seq <= req.samples; seq++) {
    while (Atomics.load(cell, PINGPONG_PING) !== seq) {
      if ((++polls & ABORT_CHECK_MASK) === 0 && runAborted(control))
        throw new RunAborted('aborted');
    }
    Atomics.store(cell, PINGPONG_PONG, seq);
  }
  return { echoed: req.samples, seconds: 0 };
}

async function portPinger(req: PingPongRequest): Promise<PingPongReply> {
  const port = req.port!;
  const latencies = new Float64Array(req.samples);
  let next: ((value: number) => void) | undefined;
  port.on('message', (value: number) => next?.(value));
  const start = performance.now();
  for (let i = 0; i < req.samples; i++) {
    const t0 = performance.now();
    const echo = new Promise<number>((resolve) => {
      next = resolve;
    });
    port.postMessage(i);
    const echoed = await echo;
    const t1 = performance.now();
    if (echoed !== i) throw new Error(`echo ${echoed} for ping ${i}`);
    latencies[i] = (t1 - t0) * 1e6;
    pace(t1, req.intervalNs);
  }
  port.close();
  return {
    latenciesNs: latencies,
    echoed: req.samples,
    seconds: (performance.now() - start) / 1000,
  };
}

function portPonger(req: PingPongRequest): Promise<PingPongReply> {
  const port = req.port!;
  return new Promise((resolve) => {
    let echoed = 0;
    port.on('message', (value: number) => {
      port.postMessage(value);
      if (++echoed === req.samples) {
        port.close();
        resolve({ echoed, seconds: 0 });
      }
    });
  });
}

serveRequests((req: PingPongRequest): PingPongReply | Promise<PingPongReply> => {
  const control = new Int32Array(req.control);
  try {
    if (req.cpu !== undefined) pinThisThread(req.cpu, 'latency-pingpong');
    switch (req.kind) {
      case 'spsc':
        return req.role === 'pinger' ? spscPinger(req, control) : spscPonger(req, control);
      case 'atomics':
        return req.role === 'pinger' ? atomicsPinger(req, control) : atomicsPonger(req, control);
      case 'port':
        return req.role === 'pinger' ? portPinger(req) : portPonger(req);
    }
  } catch (error) {
    abortRun(control);
    throw error;
  }
});
