import { seededRandom } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from '../src/actor-ref.js';
import { DormantChildren, type DormantSlots } from '../src/dormant-children.js';
import { packRefId } from '../src/ref-id.js';

/** A table of slots for the list to read back: slot -> the dormant child there (and its parent). */
class FakeSlots implements DormantSlots {
  readonly bySlot = new Map<number, { ref: AnyActorRef; parent: object }>();

  dormantChildAt(slot: number, parent: object): AnyActorRef | undefined {
    const entry = this.bySlot.get(slot);
    return entry !== undefined && entry.parent === parent ? entry.ref : undefined;
  }
}

/** A ref-shaped object: DormantChildren reads only its id. */
function refIn(slot: number, generation: number): AnyActorRef {
  return { id: packRefId(0, slot, generation) } as AnyActorRef;
}

/**
 * The list against a model (the set of dormant children) under seeded random spawns, wakes
 * (newest or any), stops of woken children (their slots reused, also by other parents) and
 * drains; sizes cross the first chunk's growth and the 4096-slot chunks.
 */
describe('DormantChildren', () => {
  it('drains exactly the children still dormant, whatever woke, stopped or took a slot again', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 16_000 }),
        (seed, steps) => {
          const random = seededRandom(seed);
          const slots = new FakeSlots();
          const parent = {};
          const other = {};
          const list = new DormantChildren(slots, parent);
          const dormant: AnyActorRef[] = [];
          const woken: number[] = [];
          const free: number[] = [];
          let nextSlot = 0;
          let generation = 0;
          const claim = (): number => free.pop() ?? nextSlot++;
          for (let step = 0; step < steps; step++) {
            const roll = random();
            if (roll < 0.6) {
              const slot = claim();
              const ref = refIn(slot, generation++);
              const mine = random() < 0.9;
              slots.bySlot.set(slot, { ref, parent: mine ? parent : other });
              if (mine) {
                list.add(ref);
                dormant.push(ref);
              } else woken.push(slot);
            } else if (roll < 0.85 && dormant.length > 0) {
              // The newest most of the time (spawn then tell), any other now and then.
              const at =
                random() < 0.5 ? dormant.length - 1 : Math.floor(random() * dormant.length);
              const [ref] = dormant.splice(at, 1);
              const slot = ref!.id % 2 ** 24;
              slots.bySlot.delete(slot);
              list.woke(ref!);
              woken.push(slot);
            } else if (woken.length > 0) {
              const [slot] = woken.splice(Math.floor(random() * woken.length), 1);
              slots.bySlot.delete(slot!);
              free.push(slot!);
            }
            expect(list.count).toBe(dormant.length);
          }
          const drained: AnyActorRef[] = [];
          list.drain((ref) => {
            drained.push(ref);
            // What a stop does to each: its slot no longer holds a dormant child.
            slots.bySlot.delete(ref.id % 2 ** 24);
          });
          expect(new Set(drained)).toEqual(new Set(dormant));
          expect(drained).toHaveLength(dormant.length);
          expect(list.count).toBe(0);
        },
      ),
      { numRuns: 25, seed: 0x0d0c },
    );
  });
});
