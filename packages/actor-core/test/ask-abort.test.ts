import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActorContext, ActorError, ActorSystem, type AnyActorRef } from '../src/index.js';
import { clusterPerTest, record, settle } from './helpers.js';

/*
 * `ask` takes an AbortSignal: aborting it fails the ask at once, its temporary reply cell
 * stops, and the signal keeps no listener of a settled ask.
 */

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

/** An actor that keeps each request's sender, to answer it when the test says so. */
function holder() {
  const held: AnyActorRef[] = [];
  const ref = system.spawn<string>((m, ctx: ActorContext<string>) => {
    if (m === 'hold') held.push(ctx.sender!);
    else ctx.reply(m);
  });
  return { ref, held };
}

describe('ask with an AbortSignal', () => {
  it('rejects with ASK_ABORTED, the signal reason as cause, as soon as the signal aborts', async () => {
    system = new ActorSystem();
    const { ref } = holder();
    const controller = new AbortController();
    const asked = ref.ask('hold', { timeoutMs: 600_000, signal: controller.signal });
    await settle();
    const reason = new Error('user went away');
    controller.abort(reason);
    const error = await asked.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActorError);
    expect(error).toMatchObject({
      code: 'ASK_ABORTED',
      cause: reason,
      message: expect.stringMatching(/^@zactor\/actor-core\/ActorRef\.ask: .*aborted/),
    });
  });

  it('rejects an ask whose signal is already aborted without sending the message', async () => {
    system = new ActorSystem();
    const received: string[] = [];
    const ref = system.spawn<string>((m) => {
      received.push(m);
    });
    const asked = ref.ask('never sent', { signal: AbortSignal.abort('too late') });
    await expect(asked).rejects.toMatchObject({ code: 'ASK_ABORTED', cause: 'too late' });
    await settle();
    expect(received).toEqual([]);
  });

  it('makes a reply that comes after the abort a dead letter', async () => {
    system = new ActorSystem();
    const deadLetters = record(system, 'dead-letter');
    const { ref, held } = holder();
    const controller = new AbortController();
    const asked = ref.ask('hold', { signal: controller.signal }).catch((e: unknown) => e);
    await settle();
    controller.abort();
    expect(await asked).toMatchObject({ code: 'ASK_ABORTED' });
    held[0]!.tell('late reply');
    expect(deadLetters.map((e) => [e.message, e.reason])).toEqual([['late reply', 'stopped']]);
  });

  it('removes its abort listener when the ask is answered, times out or is aborted', async () => {
    system = new ActorSystem();
    const { ref } = holder();
    const controller = new AbortController();
    const signal = controller.signal;
    expect(await ref.ask('pong', { signal })).toBe('pong');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    await expect(ref.ask('hold', { signal, timeoutMs: 20 })).rejects.toMatchObject({
      code: 'ASK_TIMEOUT',
    });
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    const aborted = ref.ask('hold', { signal }).catch((e: unknown) => e);
    expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    controller.abort();
    expect(await aborted).toMatchObject({ code: 'ASK_ABORTED' });
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('keeps no ask alive after an abort: the system counts no pending ask and no live reply cell', async () => {
    system = new ActorSystem();
    const { ref } = holder();
    const controller = new AbortController();
    const asks = Array.from({ length: 3 }, () =>
      ref.ask('hold', { signal: controller.signal }).catch((e: unknown) => e),
    );
    await settle();
    controller.abort();
    for (const outcome of await Promise.all(asks)) {
      expect(outcome).toMatchObject({ code: 'ASK_ABORTED' });
    }
    // Failing the remaining asks now finds none: the aborted ones are settled.
    expect(system.failPendingAsks(() => true, new Error('none left'))).toBe(0);
  });
});

const start = clusterPerTest(new URL('./workers/cluster-actors.ts', import.meta.url));

describe('ActorCluster.ask options', () => {
  it('takes the same options object as ref.ask, with a signal, and still a number (deprecated)', async () => {
    const c = await start();
    const target = await c.spawn('stoppable', { worker: 0 });
    expect(await c.ask(target, 'x', { timeoutMs: 5000 })).toBe('x');
    expect(await c.ask(target, 'y', 5000)).toBe('y');
    const controller = new AbortController();
    target.tell('stop');
    const asked = c.ask(target, 'z', { timeoutMs: 600_000, signal: controller.signal });
    controller.abort('enough');
    await expect(asked).rejects.toMatchObject({ code: 'ASK_ABORTED', cause: 'enough' });
  });
});

const startAskers = clusterPerTest(new URL('./workers/ask-actors.ts', import.meta.url));

describe('ClusterHandle.ask on a worker', () => {
  it('takes the options of ref.ask on a worker thread, signal included', async () => {
    const c = await startAskers();
    const echo = await c.spawn('echo', { worker: 1 });
    const asker = await c.spawn('asker', { worker: 0 });
    expect(await c.ask(asker, { target: echo, message: 'hi' })).toEqual({ answer: 'hi' });
    expect(await c.ask(asker, { target: echo, message: 'hi', abort: true })).toEqual({
      code: 'ASK_ABORTED',
    });
  });
});
