import { EventEmitter } from 'node:events';
import type { WorkerPool } from '@zactor/scheduler-numa';
import { describe, expect, it } from 'vitest';
import { ControlChannel } from '../src/cluster/control-channel.js';

/** A pool worker stand-in: records what it is posted and acknowledges a death when `answers`. */
class FakeWorker extends EventEmitter {
  readonly posted: unknown[] = [];
  answers = true;

  postMessage(message: { zactor: string; req?: number }): void {
    this.posted.push(message.zactor);
    if (this.answers && message.req !== undefined) {
      const req = message.req;
      setImmediate(() => this.emit('message', { zactor: 'noted', req }));
    }
  }
}

describe('ControlChannel.noticeDeath', () => {
  it('returns the workers that did not acknowledge in time, and asks only those given again', async () => {
    // Worker 1 died; worker 0 acknowledges, worker 2 does not at first.
    const workers = [new FakeWorker(), new FakeWorker(), new FakeWorker()];
    workers[2]!.answers = false;
    const pool = {
      worker: (i: number) => workers[i],
      isAlive: (i: number) => i !== 1,
    } as unknown as WorkerPool;
    const channel = new ControlChannel(
      pool,
      3,
      1000,
      () => {},
      () => {},
    );
    for (const i of [0, 2]) channel.listen(i);

    expect(await channel.noticeDeath(1, 20)).toEqual([2]);
    expect(workers.map((w) => w.posted.length)).toEqual([1, 0, 1]);

    expect(await channel.noticeDeath(1, 20, [2])).toEqual([2]);
    expect(workers.map((w) => w.posted.length)).toEqual([1, 0, 2]);

    workers[2]!.answers = true;
    expect(await channel.noticeDeath(1, 20, [2])).toEqual([]);
    expect(workers.map((w) => w.posted.length)).toEqual([1, 0, 3]);
  });
});
