/*
 * chase_lev.pml -- ChaseLevDeque, packages/scheduler-numa/src/chase-lev-deque.ts
 *
 * What is modelled (one Promela step per Atomics operation or per plain Int32 access; local
 * arithmetic is folded into the adjacent step):
 *   Owner: ChaseLevDeque.tryClaim (Atomics.load BOTTOM, Atomics.load TOP, full when
 *     b - t >= capacity), the record's plain stores (two words), publish (Atomics.load BOTTOM,
 *     Atomics.store BOTTOM + 1) -- i.e. push/tryClaim+publish -- and popRecord/pop through
 *     takeBottom: Atomics.load BOTTOM, Atomics.store BOTTOM = b - 1 (the paper's fence),
 *     Atomics.load TOP, size < 0 -> Atomics.store BOTTOM = t and empty; size > 0 -> the
 *     record; size == 0 -> CAS TOP t -> t + 1 then Atomics.store BOTTOM = t + 1, and the
 *     record only if the CAS won; then the record's plain reads. The owner pushes ITEMS items
 *     interleaved with pops in every order, then pops until empty.
 *   Thieves (NTHIEVES): ChaseLevDeque.stealRecord -- Atomics.load TOP, then Atomics.load
 *     BOTTOM, empty when b - t <= 0, plain copy of the record at t (two words) *before* the
 *     CAS on TOP, DEQUE_ABORT when the CAS fails (retried). steal() is the one-word case.
 *   Capacity CAP (default 2) so the owner overwrites slots while thieves may still be copying
 *   them; positions are bytes wrapping at 256 (DIFF, common.pml) from START below the wrap,
 *   the `initialPosition` option of ChaseLevDeque.create.
 *
 * Properties:
 *   - every item is taken (popped or stolen) exactly once: never twice, and when the owner has
 *     found the deque empty after its last push and every thief has found it empty after that,
 *     all ITEMS have been taken (end state).
 *   - no torn or stale record: a pop or a winning steal gets both words of the item that was
 *     pushed at that position (the comment in chase-lev-deque.ts: the copy taken before the
 *     CAS is intact exactly when the CAS succeeds).
 *   - a push never lands below TOP (such a record could never be stolen or popped).
 *   - LIFO for the owner and FIFO for thieves are not asserted separately; the position
 *     arithmetic that gives them is what the exactly-once assertions exercise.
 *
 * Owner death (-DOWNER_DEATH): the owner may die once, after any step of takeBottom or just
 *   after it returned (a terminated worker, see the comment of repairOwner); its replacement
 *   runs ChaseLevDeque.repairOwner (Atomics.load TOP, Atomics.load BOTTOM, Atomics.store
 *   BOTTOM = TOP when BOTTOM < TOP) and carries on pushing and popping. Expected: at most the
 *   record the dead owner was popping is lost, every other one is taken exactly once, no push
 *   lands below TOP. With -DPROPOSED_REPAIR this is repairOwner as in the code since the
 *   fix (when BOTTOM == TOP: CAS TOP t -> t + 1, then BOTTOM = t + 1), which verifies. Without
 *   it, the model is the repair before the fix, which FAILS: a thief that loaded BOTTOM before
 *   the death could win its CAS after the repair, leaving TOP = BOTTOM + 1, and the next push
 *   was lost (docs/reliability.md, "A bug the models found").
 *
 * Memory model. SC interleavings; every Atomics op is SeqCst in JavaScript, and the paper's
 * fences are implied by the SeqCst store of BOTTOM in takeBottom and the SeqCst loads of TOP
 * then BOTTOM in steal (as the file header says), so SC is the relevant model for the
 * position words. Plain accesses: the thief's copy races by design with the owner's
 * overwrite of the slot at position t + capacity. The owner can only write that slot after
 * loading a TOP > t, which follows the CAS that moved TOP past t; if that CAS was not this
 * thief's, the thief's CAS fails and the copy is discarded; if it was, the CAS orders the copy
 * before the overwrite. This model checks that property on the SC interleavings: the copy is
 * asserted intact exactly when the CAS wins. Int32Array reads are tear-free per word; a record
 * of several words may be a mix of two items in a losing copy, which is discarded.
 * Not covered: an owner dying mid-push (the record is simply never published); TOP/BOTTOM wrap
 * at 2^32 (a thief stalled for 2^32 steals); the scheduler's task records, counters and
 * wake-ups around the deque.
 *
 * Broken variants (spin -D...), each must fail:
 *   BROKEN_NO_LAST_CAS     takeBottom takes the last record without the CAS on TOP.
 *   BROKEN_STEAL_B_FIRST   steal loads BOTTOM before TOP.
 *   BROKEN_COPY_AFTER_CAS  steal copies the record after its CAS.
 *   BROKEN_POP_NO_FENCE    takeBottom loads TOP before it stores the decremented BOTTOM.
 *   BROKEN_REPAIR_NO_CAS   (with OWNER_DEATH, PROPOSED_REPAIR) the fix without its CAS.
 */
#include "common.pml"

#ifndef CAP
#define CAP 2
#endif
#ifndef ITEMS
#define ITEMS 3
#endif
#ifndef NTHIEVES
#define NTHIEVES 2
#endif
#ifndef START
#define START 254
#endif
#define MASK (CAP - 1)
#define DEQUE_EMPTY 0
#define DEQUE_ABORT 255

byte TOP = START;                 /* DEQUE_TOP */
byte BOTTOM = START;              /* DEQUE_BOTTOM */
byte SLOTS[CAP * 2];              /* two Int32 words per record */

/* ghosts */
byte takenBy[ITEMS + 1];          /* 0: not taken; 1: owner; 2 + i: thief i */
byte takenCount;
bit ownerDone;
bit died;                         /* OWNER_DEATH: the first owner died */
byte lostItem;                    /* OWNER_DEATH: the record it was popping */
bit finished;

inline take(item, who) {
  assert(item >= 1 && item <= ITEMS && takenBy[item] == 0);   /* exactly once */
  takenBy[item] = who;
  takenCount++
}

#ifdef OWNER_DEATH
/* the owner may die once, after any step of takeBottom or right after it returned */
#define MAYBE_DIE if :: !died -> goto death :: true -> skip fi
#else
#define MAYBE_DIE skip
#endif

proctype Owner() {
  byte next = 1, b, t, slot, w0, w1;
  short size;
  bit got, wonCas;

loop:
  do
  :: next <= ITEMS ->
     /* ---- push(value): tryClaim, plain stores, publish ---- */
     b = BOTTOM;                                              /* Atomics.load(BOTTOM) */
     atomic {
       t = TOP;                                               /* Atomics.load(TOP) */
       /* a record pushed below TOP could never be stolen or popped */
       assert(DIFF(b, t) >= 0);
       got = (DIFF(b, t) < CAP)                               /* full? */
     }
     if
     :: got ->
        slot = b & MASK;
        SLOTS[2 * slot] = next;                               /* plain stores */
        SLOTS[2 * slot + 1] = next;
        b = BOTTOM;                                           /* publish: Atomics.load */
        BOTTOM = WRAP(b + 1);                                 /* Atomics.store */
        next++
     :: else                                                  /* full: push returns false */
     fi;
     atomic { b = 0; t = 0; slot = 0; got = 0 }
  :: true ->
     /* ---- popRecord(dst): takeBottom, then plain reads ---- */
#ifdef BROKEN_POP_NO_FENCE
     t = TOP;                                                 /* TOP read too early */
     b = WRAP(BOTTOM + 255);                                  /* Atomics.load(BOTTOM) - 1 */
     BOTTOM = b;                                              /* Atomics.store */
#else
     b = WRAP(BOTTOM + 255);                                  /* Atomics.load(BOTTOM) - 1 */
     BOTTOM = b;                                              /* Atomics.store: the fence */
     MAYBE_DIE;
     t = TOP;                                                 /* Atomics.load(TOP) */
#endif
     MAYBE_DIE;
     size = DIFF(b, t);
     if
     :: size < 0 -> BOTTOM = t; got = 0                       /* empty: restore BOTTOM */
     :: size > 0 -> got = 1
     :: size == 0 ->                                          /* the last record: TOP decides */
#ifdef BROKEN_NO_LAST_CAS
        wonCas = 1;
#else
        atomic { wonCas = (TOP == t); if :: wonCas -> TOP = WRAP(t + 1) :: else fi }  /* CAS */
#endif
        MAYBE_DIE;
        BOTTOM = WRAP(t + 1);                                 /* Atomics.store */
        got = wonCas; wonCas = 0
     fi;
     MAYBE_DIE;
     if
     :: got ->
        slot = b & MASK;
        w0 = SLOTS[2 * slot];                                 /* plain reads */
        w1 = SLOTS[2 * slot + 1];
        atomic { assert(w0 == w1); take(w0, 1) }
     :: else ->
        if
        :: next > ITEMS -> break  /* empty after the last push: done */
        :: else
        fi
     fi;
     atomic { b = 0; t = 0; slot = 0; got = 0; size = 0; w0 = 0; w1 = 0 }
  od;
  ownerDone = 1;
#ifdef OWNER_DEATH
  goto finish;
death:
  /* the worker dies; the record it was popping (position b) may be lost with it */
  died = 1;
  d_step {
    lostItem = SLOTS[2 * (b & MASK)];
    b = 0; t = 0; slot = 0; got = 0; size = 0; w0 = 0; w1 = 0; wonCas = 0
  }
  /* its replacement owns the deque from here: ChaseLevDeque.repairOwner(), then carries on */
#if defined(PROPOSED_REPAIR)
  /* ChaseLevDeque.repairOwner() as in the code: settle a pending last-record race like
     takeBottom does, giving up the record the dead owner was popping */
  t = TOP;                                                    /* Atomics.load(TOP) */
  if
  :: DIFF(BOTTOM, t) < 0 -> BOTTOM = t                        /* Atomics.load, Atomics.store */
  :: DIFF(BOTTOM, t) == 0 ->                                  /* Atomics.load */
#ifndef BROKEN_REPAIR_NO_CAS
     atomic { if :: TOP == t -> TOP = WRAP(t + 1) :: else fi }  /* CAS TOP t -> t + 1 */
#endif
     BOTTOM = WRAP(t + 1)                                     /* Atomics.store */
  :: else
  fi;
  t = 0;
#else
  /* ChaseLevDeque.repairOwner() before the fix (kept as a broken variant) */
  t = TOP;                                                    /* Atomics.load(TOP) */
  if
  :: DIFF(BOTTOM, t) < 0 -> BOTTOM = t                        /* Atomics.load, Atomics.store */
  :: else
  fi;
  t = 0;
#endif
  goto loop;
finish:
#endif
  skip
}

proctype Thief(byte me) {
  byte t, b, slot, w0, w1, result;
  bit doneSeen;

  do
  :: /* ---- stealRecord(dst) ---- */
#ifdef BROKEN_STEAL_B_FIRST
     atomic { doneSeen = ownerDone; b = BOTTOM }              /* BOTTOM first: wrong order */
     t = TOP;
#else
     atomic { doneSeen = ownerDone; t = TOP }                 /* Atomics.load(TOP) */
     b = BOTTOM;                                              /* Atomics.load(BOTTOM) */
#endif
     if
     :: DIFF(b, t) <= 0 -> result = DEQUE_EMPTY
     :: else ->
        slot = t & MASK;
#ifndef BROKEN_COPY_AFTER_CAS
        w0 = SLOTS[2 * slot];                                 /* plain copy before the CAS */
        w1 = SLOTS[2 * slot + 1];
#endif
        atomic {                                              /* Atomics.compareExchange(TOP) */
          if
          :: TOP == t -> TOP = WRAP(t + 1); result = 1
          :: else -> result = DEQUE_ABORT
          fi
        }
#ifdef BROKEN_COPY_AFTER_CAS
        if
        :: result == 1 -> w0 = SLOTS[2 * slot]; w1 = SLOTS[2 * slot + 1]
        :: else
        fi;
#endif
        if
        :: result == 1 -> atomic { assert(w0 == w1); take(w0, 2 + me) }
        :: else
        fi
     fi;
     if
     :: (result == DEQUE_EMPTY && doneSeen) -> break  /* empty after the owner finished */
     :: else -> atomic { t = 0; b = 0; slot = 0; w0 = 0; w1 = 0; result = 0 }
     fi
  od
}

init {
  byte k;
  atomic {
    run Owner();
    k = 0;
    do
    :: k < NTHIEVES -> run Thief(k); k++
    :: else -> break
    od
  }
  (_nr_pr == 1);
#ifdef OWNER_DEATH
  /* at most the record the dead owner was popping is lost; every other one is taken once */
  assert(takenCount == ITEMS ||
         (died && takenCount == ITEMS - 1 && lostItem >= 1 && lostItem <= ITEMS &&
          takenBy[lostItem] == 0));
  assert(DIFF(BOTTOM, TOP) == 0);
#else
  assert(takenCount == ITEMS && DIFF(BOTTOM, TOP) == 0);
#endif
  finished = 1
}
