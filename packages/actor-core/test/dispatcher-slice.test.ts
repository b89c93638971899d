import { afterEach, describe, expect, it } from 'vitest';
import { RunQueueDispatcher, type Schedulable } from '../src/dispatcher.js';
import { Actor, type ActorContext, ActorError, ActorSystem } from '../src/index.js';
import { deferred } from './helpers.js';

const systems: ActorSystem[] = [];
afterEach(async () => {
  await Promise.all(systems.splice(0).map((s) => s.shutdown()));
});

function system(sliceTurns?: number): ActorSystem {
  const s = new ActorSystem(sliceTurns === undefined ? {} : { sliceTurns });
  systems.push(s);
  return s;
}

/**
 * A tree of `fanOut ** depth` leaves: each node spawns and tells its children, each leaf
 * answers 1 and stops, each node answers the sum once all its children have and stops.
 * Returns the most actors of the tree alive at once.
 */
async function tree(s: ActorSystem, depth: number, fanOut: number): Promise<number> {
  let alive = 0;
  let peak = 0;
  class Node extends Actor<number> {
    private pending = -1;
    private sum = 0;
    constructor() {
      super();
      if (++alive > peak) peak = alive;
    }
    override postStop(): void {
      alive--;
    }
    receive(msg: number, ctx: ActorContext<number>): void {
      if (this.pending >= 0) {
        this.sum += msg;
        if (--this.pending === 0) {
          ctx.parent!.tell(this.sum);
          ctx.stop();
        }
        return;
      }
      if (msg === 0) {
        ctx.parent!.tell(1);
        ctx.stop();
        return;
      }
      for (let i = 0; i < fanOut; i++) ctx.spawn(Node).tell(msg - 1);
      this.pending = fanOut;
    }
  }
  const done = deferred<number>();
  s.spawn<number>((msg, ctx) => {
    if (msg < 0) ctx.spawn(Node).tell(depth);
    else done.resolve(msg);
  }).tell(-1);
  expect(await done.promise).toBe(fanOut ** depth);
  return peak;
}

describe('RunQueueDispatcher slices', () => {
  it('walks a tree of spawning actors depth first, keeping few of them alive at once', async () => {
    // 10^4 leaves, 11,111 nodes. Breadth first (a strict FIFO) has every leaf alive at once.
    const fifo = await tree(system(0), 4, 10);
    const sliced = await tree(system(), 4, 10);
    expect(fifo).toBeGreaterThanOrEqual(10_000);
    expect(sliced).toBeLessThan(fifo / 4);
  });

  it('gives an actor at the head of the queue its turn within a slice while two actors ping-pong forever', async () => {
    const s = system(16);
    let exchanged = 0;
    let stop = false;
    const b = s.spawn<'ping'>((_m, ctx) => {
      exchanged++;
      if (!stop) ctx.reply('pong');
    });
    const a = s.spawn<'pong' | 'go'>((_m, ctx) => {
      exchanged++;
      if (!stop) ctx.tell(b, 'ping');
    });
    const seen = deferred<number>();
    const c = s.spawn<'hello'>(() => {
      stop = true;
      seen.resolve(exchanged);
    });
    a.tell('go');
    c.tell('hello');
    // a's turn readies b, b's readies a, ...: without the slice c would never run.
    const before = await seen.promise;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThanOrEqual(16 + 2);
  });

  it('runs actors made ready by one turn newest first, or first in, first out with sliceTurns 0', async () => {
    const order = async (s: ActorSystem) => {
      const seen: string[] = [];
      const done = deferred();
      const x = s.spawn<string>((m) => void seen.push(m));
      const y = s.spawn<string>((m) => {
        seen.push(m);
        done.resolve();
      });
      s.spawn<'go'>(() => {
        y.tell('y');
        x.tell('x');
      }).tell('go');
      await done.promise;
      await new Promise((r) => setTimeout(r, 1));
      return seen;
    };
    expect(await order(system(0))).toEqual(['y', 'x']);
    expect(await order(system())).toEqual(['x', 'y']);
  });

  it('puts a cell that reschedules itself at the back of the queue, behind the ones already waiting', () => {
    const d = new RunQueueDispatcher();
    const ran: string[] = [];
    const cell = (name: string, again: () => boolean): Schedulable => {
      const me: Schedulable = {
        id: name.charCodeAt(0),
        runTurn() {
          ran.push(name);
          if (again()) d.schedule(me);
          return 1;
        },
      };
      return me;
    };
    let aTurns = 0;
    const a = cell('a', () => ++aTurns < 3);
    const b = cell('b', () => false);
    d.hold();
    d.schedule(a);
    d.schedule(b);
    d.runNow();
    expect(ran).toEqual(['a', 'b', 'a', 'a']);
  });

  it('rejects a negative or fractional sliceTurns', () => {
    for (const sliceTurns of [-1, 1.5, Number.NaN]) {
      expect(() => new RunQueueDispatcher({ sliceTurns })).toThrowError(ActorError);
      expect(() => new ActorSystem({ sliceTurns })).toThrow(/sliceTurns/);
    }
  });
});
