/**
 * A listener of the cluster's events that throws (a bug in user code) is reported on stderr; the
 * listeners after it still get the event, and what emitted it goes on: a worker's restart, the
 * main thread's inbox drain, a worker's failure notice. Nothing escapes as an uncaught exception
 * or an unhandled rejection.
 */
import type { MpscRing } from '@zactor/ringbuffer';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RECORD_ENVELOPES } from '../src/cluster/wire/envelope-layout.js';
import { SysKind } from '../src/system-message.js';
import { clusterPerTest, untilWorkerSpawns, waitUntil } from './helpers.js';
import { RecordBuilder } from './record-builder.js';

const start = clusterPerTest(new URL('./workers/cluster-actors.ts', import.meta.url), {
  logFailures: false,
});

const escaped: unknown[] = [];
const onEscaped = (reason: unknown) => void escaped.push(reason);
process.on('unhandledRejection', onEscaped);
process.on('uncaughtException', onEscaped);
afterAll(() => {
  process.off('unhandledRejection', onEscaped);
  process.off('uncaughtException', onEscaped);
});
afterEach(() => {
  escaped.length = 0;
});

/** Collects what is printed with console.error until `restore`. */
function captureConsoleError(): { errors: unknown[][]; restore: () => void } {
  const errors: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args);
  return { errors, restore: () => void (console.error = original) };
}

const reported = (errors: unknown[][], event: string) =>
  errors.some((args) => String(args[0]).includes(`a '${event}' listener threw`));

/** Commits a record into `ring` that the main node refuses (a Suspend from a non-parent). */
function forgeInto(ring: MpscRing, targetId: number, fromId: number): void {
  const record = new RecordBuilder().system(SysKind.Suspend, targetId, fromId).record();
  const offset = ring.tryClaim(RECORD_ENVELOPES, record.length);
  new Uint8Array(ring.buffer, offset, record.length).set(
    new Uint8Array(record.view.buffer, 0, record.length),
  );
  ring.commit(offset);
  ring.wakeSignal.notifyIfParked();
}

describe('a cluster event listener that throws', () => {
  it("('worker-died') is reported, the listeners after it get the event, and the worker restarts", async () => {
    const c = await start();
    const seen: [number, boolean][] = [];
    c.on('worker-died', () => {
      throw new Error('a listener bug');
    });
    c.on('worker-died', (info) => void seen.push([info.worker, info.restarted]));
    const { errors, restore } = captureConsoleError();
    try {
      await c.kill(1);
      // The restarted worker 1 spawns again (the dead one refuses: WORKER_DEAD).
      await untilWorkerSpawns(c, 'echo', 1, 30_000);
    } finally {
      restore();
    }
    expect(reported(errors, 'worker-died')).toBe(true);
    expect(seen).toEqual([[1, true]]);
    expect(escaped).toEqual([]);
  });

  it("('ring-corrupt', the main thread's inbox) is reported and the main thread drains on", async () => {
    const c = await start();
    c.on('ring-corrupt', () => {
      throw new Error('a listener bug');
    });
    const mainEcho = await c.spawn('echo', { worker: 'main' });
    const echo = await c.spawn('echo', { worker: 1 });
    const forger = (await c.spawn('echo', { worker: 0 })).id;
    const mainRing = (c as unknown as { mainRing: MpscRing }).mainRing;
    const { errors, restore } = captureConsoleError();
    try {
      forgeInto(mainRing, mainEcho.id, forger);
      await waitUntil(() => reported(errors, 'ring-corrupt'), 'the report');
      // Replies to the main thread come through its inbox: it must still be drained.
      expect(await c.ask(echo, 'after')).toBe('after');
      await c.shutdown();
    } finally {
      restore();
    }
    expect(escaped).toEqual([]);
  });

  it("('node-failure') is reported instead of escaping the worker's message handler", async () => {
    const c = await start();
    c.on('node-failure', () => {
      throw new Error('a listener bug');
    });
    const { errors, restore } = captureConsoleError();
    try {
      const fragile = await c.spawn('fragile', { worker: 1 });
      fragile.tell('boom');
      await waitUntil(() => reported(errors, 'node-failure') || escaped.length > 0, 'the report');
    } finally {
      restore();
    }
    expect(escaped).toEqual([]);
  });
});
