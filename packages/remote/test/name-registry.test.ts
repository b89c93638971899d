import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError, RemoteNode } from '../src/index.js';
import { hasNats, type NatsServerHandle, startNatsServer, until } from './nats-fixture.js';

/** The registry's rules on a real nats-server: who may take a name, and when a name is freed. */
describe.skipIf(!hasNats)('the name registry', () => {
  let server: NatsServerHandle;
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Polls lookup until `name` names nothing. */
  async function untilUnnamed(node: RemoteNode, name: string): Promise<void> {
    let gone = false;
    const poll = async () => {
      gone = (await node.lookup(name)) === undefined;
    };
    await poll();
    const deadline = Date.now() + 20_000;
    while (!gone) {
      if (Date.now() > deadline) throw new Error(`'${name}' still registered`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await poll();
    }
  }

  it('refuses a name another live actor holds, on this node or another, and lets its holder re-register', async () => {
    const a = await RemoteNode.start({ servers: server.url, name: 'a', cluster: 'reg-taken' });
    const b = await RemoteNode.start({ servers: server.url, name: 'b', cluster: 'reg-taken' });
    try {
      await until(() => a.members().length === 2 && b.members().length === 2, 'both members');
      const first = a.system.spawn<unknown>(() => undefined);
      await a.register('svc', first);
      // The holder itself may register the name again.
      await a.register('svc', first);
      const other = a.system.spawn<unknown>(() => undefined);
      const taken = await a.register('svc', other).catch((e: unknown) => e);
      expect(taken).toBeInstanceOf(RemoteError);
      expect((taken as RemoteError).code).toBe('REGISTRY_NAME_TAKEN');
      const fromB = await b
        .register(
          'svc',
          b.system.spawn<unknown>(() => undefined),
        )
        .catch((e: unknown) => e);
      expect((fromB as RemoteError).code).toBe('REGISTRY_NAME_TAKEN');
      expect((await b.lookup('svc'))?.id).toBe(first.id);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('frees every name of an actor that stops, and the name can then be taken', async () => {
    const a = await RemoteNode.start({ servers: server.url, name: 'a', cluster: 'reg-stop' });
    try {
      const worker = a.system.spawn<unknown>(() => undefined);
      const keeper = a.system.spawn<unknown>(() => undefined);
      await a.register('primary', worker);
      await a.register('alias', worker);
      await a.register('kept', keeper);
      expect((await a.lookup('alias'))?.id).toBe(worker.id);
      a.system.stop(worker);
      await untilUnnamed(a, 'primary');
      await untilUnnamed(a, 'alias');
      // A name whose actor is alive stays.
      expect((await a.lookup('kept'))?.id).toBe(keeper.id);
      const next = a.system.spawn<unknown>(() => undefined);
      await a.register('primary', next);
      expect((await a.lookup('primary'))?.id).toBe(next.id);
    } finally {
      await a.stop();
    }
  });

  it('rejects names that are not NATS keys, for register, lookup and unregister', async () => {
    const a = await RemoteNode.start({ servers: server.url, name: 'a', cluster: 'reg-names' });
    try {
      const ref = a.system.spawn<unknown>(() => undefined);
      for (const bad of ['', '.lead', 'trail.', 'two..dots', 'with space', 'x'.repeat(257)]) {
        for (const call of [
          () => a.register(bad, ref),
          () => a.lookup(bad),
          () => a.unregister(bad),
        ]) {
          const error = await call().catch((e: unknown) => e);
          expect(error, bad).toBeInstanceOf(RemoteError);
          expect((error as RemoteError).code).toBe('INVALID_OPTION');
        }
      }
      // The same rules accept the documented characters and inner dots.
      await a.register('a-b_c=d/e.f', ref);
      expect((await a.lookup('a-b_c=d/e.f'))?.id).toBe(ref.id);
      await a.unregister('a-b_c=d/e.f');
      expect(await a.lookup('a-b_c=d/e.f')).toBeUndefined();
    } finally {
      await a.stop();
    }
  });
});
