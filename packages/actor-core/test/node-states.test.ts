/**
 * What a pool worker believes of a node of another process when its control channel lags the
 * rings (node/shared-node-states.ts): the main thread's word, written before its node-up
 * broadcast, revives a node the worker still holds lost.
 */
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActorSystem } from '../src/actor-system.js';
import type { RemoteTransport } from '../src/cluster/node/remote-cell.js';
import { RemoteRefCache } from '../src/cluster/node/remote-ref-cache.js';
import { type NodeStates, SharedNodeStates } from '../src/cluster/node/shared-node-states.js';
import { packRefId } from '../src/ref-id.js';

describe('SharedNodeStates', () => {
  it('says up only after a loss and a return, as a model of the main thread says', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ node: fc.nat(3), up: fc.boolean() }), { maxLength: 60 }),
        (steps) => {
          const states = SharedNodeStates.create(4);
          const model = [0, 0, 0, 0].map(() => ({ lost: false, back: false }));
          for (const { node, up } of steps) {
            const m = model[node]!;
            if (up) {
              states.markUp(node);
              if (m.lost) m.back = true;
              m.lost = false;
            } else {
              states.markLost(node);
              m.lost = true;
              m.back = false;
            }
            for (let n = 0; n < 4; n++) expect(states.isUp(n)).toBe(model[n]!.back);
          }
        },
      ),
      { seed: 20261205 },
    );
  });

  it('is read by another thread through the buffer the main thread made', async () => {
    const states = SharedNodeStates.create(8);
    states.markLost(5);
    states.markUp(5);
    states.markLost(6);
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const words = new Int32Array(workerData);
       parentPort.postMessage([5, 6, 7].map((n) => Atomics.load(words, n)));`,
      { eval: true, workerData: states.buffer },
    );
    const words = await new Promise<number[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const seen = SharedNodeStates.attach(states.buffer);
    expect(words).toEqual([2, 1, 0]);
    expect([5, 6, 7].map((n) => seen.isUp(n))).toEqual([true, false, false]);
  });
});

describe('RemoteRefCache with the main thread words', () => {
  function cache(states: NodeStates | undefined) {
    const system = new ActorSystem({ worker: 0 });
    const transport: RemoteTransport = {
      system,
      sendUser: () => true,
      sendSystem: () => undefined,
      pin: () => undefined,
    };
    return new RemoteRefCache(transport, 8, states);
  }

  it('gives a live ref for a node it holds lost once the main thread says the node is back', () => {
    const states = SharedNodeStates.create(8);
    const refs = cache(states);
    const id = packRefId(3, 7, 1);
    states.markLost(3);
    refs.nodeDied(3, 'node-down');
    expect(refs.isDead(3)).toBe(true);
    expect(refs.refOf(id)).not.toBe(refs.refOf(id)); // dead stand-ins are not cached
    states.markUp(3);
    const ref = refs.refOf(id);
    expect(refs.isDead(3)).toBe(false);
    expect(refs.refOf(id)).toBe(ref);
  });

  it('keeps a node lost while the main thread still says lost, and without words at all', () => {
    const states = SharedNodeStates.create(8);
    states.markLost(4);
    for (const refs of [cache(states), cache(undefined)]) {
      refs.nodeDied(4, 'node-down');
      refs.refOf(packRefId(4, 1, 1));
      expect(refs.isDead(4)).toBe(true);
    }
  });
});
