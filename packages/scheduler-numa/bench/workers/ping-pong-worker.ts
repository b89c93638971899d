import { workerData } from 'node:worker_threads';
import { MpscRing } from '@zactor/ringbuffer';
import { pinCurrentThread } from '../../src/index.js';
import { DONE, GO, ROUNDS } from '../ping-pong-control.js';

// One side of a ring ping-pong: the initiator sends a record to the peer's ring and spins on
// its own until the answer arrives; the responder answers each record it gets.
const { initiator, own, peer, control, cpu } = workerData as {
  initiator: boolean;
  own: SharedArrayBuffer;
  peer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  cpu: number;
};
if (cpu >= 0 && !pinCurrentThread([cpu]).ok) throw new Error(`cannot pin to cpu ${cpu}`);
const inbox = MpscRing.attach(own);
const outbox = MpscRing.attach(peer);
const words = new Int32Array(control);
let received = 0;
const onRecord = () => {
  received++;
};

function send(value: number): void {
  let offset: number;
  while ((offset = outbox.tryClaim(1, 4)) < 0) {}
  outbox.view.setInt32(offset, value, true);
  outbox.commit(offset);
}

let seen = 0;
for (;;) {
  Atomics.wait(words, GO, seen);
  seen = Atomics.load(words, GO);
  const rounds = Atomics.load(words, ROUNDS);
  if (rounds < 0) break;
  received = 0;
  for (let r = 0; r < rounds; r++) {
    if (initiator) send(r);
    while (received === r) inbox.drain(onRecord, 1);
    if (!initiator) send(r);
  }
  if (initiator) {
    Atomics.add(words, DONE, 1);
    Atomics.notify(words, DONE);
  }
}
