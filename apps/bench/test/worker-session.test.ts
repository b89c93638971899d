import { describe, expect, it } from 'vitest';
import { createControl } from '../src/harness/run-control.js';
import { runningFromSource, workerModuleUrl } from '../src/harness/worker-launcher.js';
import { WorkerSession } from '../src/harness/worker-session.js';

describe('worker launcher', () => {
  it('picks the TypeScript source under tests and the built sibling from dist', () => {
    expect(runningFromSource()).toBe(true);
    expect(workerModuleUrl('ring-throughput').pathname).toMatch(
      /\/src\/workers\/ring-throughput\.ts$/,
    );
    expect(workerModuleUrl('ring-throughput', 'file:///app/dist/cli.js').href).toBe(
      'file:///app/dist/workers/ring-throughput.js',
    );
  });
});

describe('WorkerSession', () => {
  it('rejects the request when the worker fails, with the worker error, instead of hanging', async () => {
    const session = await WorkerSession.start('ring-throughput', 'test worker');
    try {
      await expect(
        session.request({
          kind: 'no-such-queue',
          queue: new SharedArrayBuffer(8),
          control: createControl(),
        }),
      ).rejects.toThrow(/test worker: /);
    } finally {
      await session.close();
    }
  });

  it('refuses requests after close', async () => {
    const session = await WorkerSession.start('ring-throughput', 'closed worker');
    await session.close();
    await expect(session.request({})).rejects.toThrow(/closed/);
  });
});
