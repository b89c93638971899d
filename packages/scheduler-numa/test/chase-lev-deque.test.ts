import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChaseLevDeque, DEQUE_ABORT, DEQUE_EMPTY, DEQUE_OK, SchedulerError } from '../src/index.js';
import { DEQUE_BOTTOM, DEQUE_TOP } from '../src/layout.js';

describe('ChaseLevDeque', () => {
  it('pops the newest record and steals the oldest', () => {
    const deque = ChaseLevDeque.create({ capacity: 8 });
    for (const v of [1, 2, 3, 4]) expect(deque.push(v)).toBe(true);
    expect(deque.size()).toBe(4);
    expect(deque.pop()).toBe(4);
    expect(deque.steal()).toBe(1);
    expect(deque.pop()).toBe(3);
    expect(deque.steal()).toBe(2);
    expect(deque.pop()).toBe(DEQUE_EMPTY);
    expect(deque.steal()).toBe(DEQUE_EMPTY);
    expect(deque.size()).toBe(0);
  });

  it('reports full instead of overwriting, and accepts again once a record is taken', () => {
    const deque = ChaseLevDeque.create({ capacity: 4 });
    for (let i = 0; i < 4; i++) expect(deque.push(i)).toBe(true);
    expect(deque.push(99)).toBe(false);
    expect(deque.tryClaim()).toBe(-1);
    expect(deque.steal()).toBe(0);
    expect(deque.push(4)).toBe(true);
    expect([deque.pop(), deque.pop(), deque.pop(), deque.pop(), deque.pop()]).toEqual([
      4,
      3,
      2,
      1,
      DEQUE_EMPTY,
    ]);
  });

  it('keeps multi-word records whole through push, pop and steal', () => {
    const deque = ChaseLevDeque.create({ capacity: 4, recordWords: 3 });
    for (let i = 0; i < 3; i++) {
      const at = deque.tryClaim();
      deque.words.set([i + 1, (i + 1) * 10, -(i + 1)], at);
      deque.publish();
    }
    const out = new Int32Array(4);
    expect(deque.stealRecord(out, 1)).toBe(DEQUE_OK);
    expect([...out]).toEqual([0, 1, 10, -1]);
    expect(deque.popRecord(out, 0)).toBe(true);
    expect([...out.subarray(0, 3)]).toEqual([3, 30, -3]);
    expect(deque.popRecord(out)).toBe(true);
    expect([...out.subarray(0, 3)]).toEqual([2, 20, -2]);
    expect(deque.popRecord(out)).toBe(false);
    expect(deque.stealRecord(out)).toBe(DEQUE_EMPTY);
  });

  it('wraps its Int32 positions at 2^31 without losing or repeating a record', () => {
    const deque = ChaseLevDeque.create({ capacity: 4, initialPosition: 2 ** 31 - 3 });
    const taken: number[] = [];
    for (let i = 0; i < 40; i++) {
      expect(deque.push(i)).toBe(true);
      expect(deque.push(i + 1000)).toBe(true);
      taken.push(deque.steal(), deque.pop());
    }
    expect(taken.filter((v) => v < 0)).toEqual([]);
    expect(new Set(taken).size).toBe(80);
    expect(deque.size()).toBe(0);
  });

  it('behaves like a double-ended array under any sequence of operations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.array(fc.oneof(fc.constant('pop'), fc.constant('steal'), fc.nat(1000)), {
          maxLength: 200,
        }),
        (start, ops) => {
          const deque = ChaseLevDeque.create({ capacity: 8, initialPosition: start });
          const model: number[] = [];
          for (const op of ops) {
            if (op === 'pop') expect(deque.pop()).toBe(model.pop() ?? DEQUE_EMPTY);
            else if (op === 'steal') expect(deque.steal()).toBe(model.shift() ?? DEQUE_EMPTY);
            else {
              const fits = model.length < 8;
              expect(deque.push(op)).toBe(fits);
              if (fits) model.push(op);
            }
            expect(deque.size()).toBe(model.length);
          }
        },
      ),
    );
  });

  it('lets a second view attached to the same buffer steal what the first pushed', () => {
    const owner = ChaseLevDeque.create({ capacity: 16, recordWords: 2 });
    const thief = ChaseLevDeque.attach(owner.buffer);
    expect(thief.capacity).toBe(16);
    expect(thief.recordWords).toBe(2);
    owner.words.set([7, 8], owner.tryClaim());
    owner.publish();
    const out = new Int32Array(2);
    expect(thief.stealRecord(out)).toBe(DEQUE_OK);
    expect([...out]).toEqual([7, 8]);
  });

  it('repairs a bottom left below top by an owner that died inside pop', () => {
    const deque = ChaseLevDeque.create({ capacity: 4 });
    deque.push(1);
    // Simulate: the owner stored BOTTOM - 1, a thief then took the record, the owner died.
    deque.words[DEQUE_BOTTOM] = (deque.words[DEQUE_BOTTOM]! - 1) | 0;
    expect(deque.size()).toBe(0);
    deque.words[DEQUE_TOP] = (deque.words[DEQUE_TOP]! + 1) | 0;
    deque.repairOwner();
    expect(deque.push(2)).toBe(true);
    expect(deque.steal()).toBe(2);
  });

  it('loses no later push when a thief wins a last-record race after the owner died mid-pop', () => {
    const deque = ChaseLevDeque.create({ capacity: 4 });
    deque.push(1);
    const top = deque.words[DEQUE_TOP]!;
    // A thief has loaded TOP and BOTTOM (one record) and pauses before its CAS; the owner
    // lowers BOTTOM to take the same record and dies; the new owner repairs the deque.
    deque.words[DEQUE_BOTTOM] = top;
    deque.repairOwner();
    // The thief's CAS comes late: it must not succeed against the repaired deque ...
    const thiefWon = Atomics.compareExchange(deque.words, DEQUE_TOP, top, (top + 1) | 0) === top;
    expect(thiefWon).toBe(false);
    // ... and the next push is visible to thieves and to the owner.
    expect(deque.push(2)).toBe(true);
    expect(deque.size()).toBe(1);
    expect(deque.steal()).toBe(2);
    expect(deque.push(3)).toBe(true);
    expect(deque.pop()).toBe(3);
  });

  it('rejects bad capacities, record sizes and buffers with typed errors', () => {
    expect(() => ChaseLevDeque.create({ capacity: 6 })).toThrow(SchedulerError);
    expect(() => ChaseLevDeque.create({ capacity: 6 })).toThrow(
      '@zactor/scheduler-numa/ChaseLevDeque.bytesFor: capacity (6) must be a power of two',
    );
    expect(() => ChaseLevDeque.create({ capacity: 1 })).toThrow(/from 2 to/);
    expect(() => ChaseLevDeque.create({ capacity: 8, recordWords: 0 })).toThrow(
      /recordWords \(0\)/,
    );
    expect(() => ChaseLevDeque.attach(new SharedArrayBuffer(1024))).toThrow(/no deque/);
    expect(() => ChaseLevDeque.attach(new SharedArrayBuffer(1024), 100)).toThrow(/multiple of 128/);
    const small = new SharedArrayBuffer(ChaseLevDeque.bytesFor(8) - 128);
    expect(() => ChaseLevDeque.format(small, 0, { capacity: 8 })).toThrow(/needs/);
    try {
      ChaseLevDeque.create({ capacity: 3 });
    } catch (error) {
      expect((error as SchedulerError).code).toBe('INVALID_CAPACITY');
    }
  });

  it('returns DEQUE_ABORT to a thief whose claim was taken first', () => {
    const deque = ChaseLevDeque.create({ capacity: 4 });
    deque.push(5);
    deque.push(6);
    // Another thief moves TOP between this thief's read and its CAS: emulate by a stale view.
    const spy = ChaseLevDeque.attach(deque.buffer);
    const originalLoad = Atomics.load;
    let calls = 0;
    Atomics.load = ((array: Int32Array, index: number) => {
      const value = originalLoad(array, index);
      // After the thief has loaded TOP and BOTTOM, someone else steals.
      if (++calls === 2) expect(spy.steal()).toBe(5);
      return value;
    }) as typeof Atomics.load;
    try {
      expect(deque.steal()).toBe(DEQUE_ABORT);
    } finally {
      Atomics.load = originalLoad;
    }
    expect(deque.steal()).toBe(6);
  });
});
