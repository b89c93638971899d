import { afterEach, describe, expect, it } from 'vitest';
import { ActorSystem } from '../src/index.js';
import { deferred, record, settle } from './helpers.js';

/*
 * An ask whose outcome is already known fails at once with a typed error instead of waiting
 * its whole timeout (and holding the process alive meanwhile).
 */

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

/** A long timeout: a test that waited for it would fail vitest's own limit. */
const LONG = { timeoutMs: 600_000 };

describe('asks that cannot be answered', () => {
  it('fails an ask at once when its target stops before replying, with the request still queued', async () => {
    system = new ActorSystem();
    const gate = deferred();
    const ref = system.spawn<string>(async (m, ctx) => {
      if (m === 'hold') await gate.promise;
      if (m === 'stop') ctx.stop();
    });
    ref.tell('hold');
    const asked = ref.ask('never answered', LONG);
    ref.tell('stop');
    system.stop(ref);
    gate.resolve();
    await expect(asked).rejects.toMatchObject({ code: 'ASK_TARGET_STOPPED' });
  });

  it('fails an ask at once when its target took the request and stopped without a reply', async () => {
    system = new ActorSystem();
    const ref = system.spawn<string>((_m, ctx) => ctx.stop());
    await expect(ref.ask('stop without replying', LONG)).rejects.toMatchObject({
      code: 'ASK_TARGET_STOPPED',
      message: expect.stringMatching(
        /^@zactor\/actor-core\/ActorRef\.ask: .* stopped before it replied/,
      ),
    });
  });

  it('keeps an ask waiting across a restart of its target, and resolves with the reply after it', async () => {
    system = new ActorSystem();
    let replied = false;
    const ref = system.spawn<string>((m, ctx) => {
      if (m === 'boom') throw new Error('boom');
      replied = true;
      ctx.reply('after restart');
    });
    ref.tell('boom');
    await expect(ref.ask('hello', LONG)).resolves.toBe('after restart');
    expect(replied).toBe(true);
  });

  it('fails every pending ask at once with SYSTEM_SHUTDOWN when the system shuts down', async () => {
    system = new ActorSystem();
    const silent = system.spawn<string>(() => {});
    const asks = [silent.ask('a', LONG), silent.ask('b', { timeoutMs: 300_000 })];
    const outcome = Promise.allSettled(asks);
    await system.shutdown();
    const results = await outcome;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const r of results) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'SYSTEM_SHUTDOWN' });
    }
  });

  it('does not fail an ask to one actor when another actor stops', async () => {
    system = new ActorSystem();
    const other = system.spawn<string>(() => {});
    const slow = system.spawn<string>(async (m, ctx) => {
      await settle();
      ctx.reply(`late ${m}`);
    });
    const asked = slow.ask('x', LONG);
    system.stop(other);
    await expect(asked).resolves.toBe('late x');
  });

  it('fails only the asks whose target matches, through failPendingAsks', async () => {
    system = new ActorSystem();
    const a = system.spawn<string>(() => {});
    const b = system.spawn<string>((m, ctx) => {
      if (m === 'go') ctx.reply('b answered');
    });
    const toA = a.ask('x', LONG);
    const toB = b.ask('wait', LONG);
    const failed = system.failPendingAsks((t) => t === a, new Error('gone'));
    expect(failed).toBe(1);
    await expect(toA).rejects.toThrow('gone');
    // The ask to b still waits: b has not answered it.
    const dead = record(system, 'dead-letter');
    b.tell('go', null);
    await settle();
    expect(dead).toHaveLength(1);
    system.failPendingAsks(() => true, new Error('cleanup'));
    await expect(toB).rejects.toThrow('cleanup');
  });

  it('rejects a timeout no Node timer can wait with a typed error instead of firing at once', async () => {
    system = new ActorSystem();
    const ref = system.spawn<string>(() => {});
    await expect(ref.ask('x', { timeoutMs: 2 ** 31 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    await expect(ref.ask('x', { timeoutMs: Number.NaN })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });
});
