import { afterEach, describe, expect, it } from 'vitest';
import { type ActorRef, ActorSystem, OneForOneStrategy } from '../src/index.js';
import { deferred, record, settle } from './helpers.js';

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

describe('async receive', () => {
  it('holds the mailbox until the returned promise settles, so messages never overlap', async () => {
    system = new ActorSystem();
    const log: string[] = [];
    const done = deferred();
    const ref = system.spawn<number>(async (n) => {
      log.push(`start ${n}`);
      await new Promise((r) => setTimeout(r, 2));
      log.push(`end ${n}`);
      if (n === 2) done.resolve();
    });
    ref.tell(1);
    ref.tell(2);
    await done.promise;
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('treats a rejected promise as a failure for the supervisor', async () => {
    system = new ActorSystem();
    const failed = record(system, 'actor-failed');
    let child!: ActorRef<string>;
    system.spawn<string>(
      {
        preStart: (ctx) => {
          child = ctx.spawn<string>(async (m, c) => {
            await Promise.resolve();
            if (m === 'bad') throw new Error('async failure');
            c.reply('fine');
          });
        },
        receive() {},
      },
      { supervisor: new OneForOneStrategy({ decider: () => 'resume' }) },
    );
    child.tell('bad');
    await settle();
    expect(failed).toHaveLength(1);
    expect((failed[0]!.error as Error).message).toBe('async failure');
    await expect(child.ask('good')).resolves.toBe('fine');
  });
});
