/*
 * mpmc_queue.pml -- MpmcQueue, packages/ringbuffer/src/mpmc-queue.ts (Vyukov bounded MPMC),
 * and, with -DPRODUCER_DEATH / -DCONSUMER_DEATH, finishing the claim or acquire of a thread that
 * died (mpmc-claim-log.ts, mpmc-orphans.ts)
 *
 * What is modelled (one Promela step per Atomics operation or per plain Int32 access; local
 * arithmetic is folded into the adjacent step):
 *   Producers (NPROD x PER items): MpmcQueue.tryClaim -- Atomics.load of the enqueue position,
 *     Atomics.load of the cell's SEQUENCE, lag = seq - pos: 0 -> CAS on the enqueue position
 *     (on failure continue from the value it returned), < 0 -> full (-1, retried later),
 *     > 0 -> reload the position; after a winning CAS the plain store of CLAIMED_POSITION.
 *     Then two plain payload words and MpmcQueue.publish (plain read of CLAIMED_POSITION,
 *     Atomics.store of SEQUENCE = claimed + 1).
 *   Consumers (NCONS): MpmcQueue.tryAcquire (the same loop on the dequeue position with
 *     lag = seq - (pos + 1)), two plain payload reads, MpmcQueue.release (plain read of
 *     CLAIMED_POSITION, Atomics.store of SEQUENCE = claimed + CAPACITY). drain() is this
 *     acquire/read/release sequence in a loop, so it is covered.
 *   Positions and sequences are bytes wrapping at 256 (DIFF, common.pml); the queue is
 *   created as MpmcQueue.create does, at START just below the wrap.
 *
 * Thread death (-DPRODUCER_DEATH or -DCONSUMER_DEATH, not both): a worker terminated at an
 *   arbitrary instruction leaves a cell claimed and not published (every consumer stops in front
 *   of it) or acquired and not released (a lap later every producer stops there); another
 *   thread must finish it.
 *   Claim log: tryClaim(slot) / tryAcquire(slot) in the lag == 0 branch, just before the CAS:
 *     MpmcThreadSlot.noteClaim / noteAcquire -- Atomics.store of the side's position word, then
 *     Atomics.store of its flag = 1 unless this thread's flag is already set; after a lost CAS
 *     claimLost / acquireLost (Atomics.store flag = 0). After a won CAS both words stay until
 *     the thread's next note. The words start zeroed; position 0 is one this run claims, so
 *     only the flag keeps a thread that has noted nothing out. Every producer (PRODUCER_DEATH)
 *     or consumer (CONSUMER_DEATH) notes; a thread of the other kind has a clear flag on this
 *     side, which settle skips, so those threads are left out.
 *   Death: producer 0 (consumer 0) may die once, after any step -- MAYBE_DIE after every
 *     shared write and where each operation starts (a death just after a load leaves the same
 *     shared state as one just before it): between its note and its CAS, between CAS and flag
 *     clear, after the CAS, between the payload words, before publish / release. A dead
 *     producer counts as done for the consumers' termination.
 *   Recovery, by the same process once dead (in the code the thread that learns of the death,
 *     before the worker is restarted): MpmcOrphans.of -- the dead thread's flag and position
 *     (one step: nobody writes them any more), forget (its flag cleared), Atomics.load of the
 *     enqueue (dequeue) position: the position p (a) counts only when it has been passed. Then
 *     MpmcOrphans.settle, again while it answers 'wait': claimOf(t) (acquireOf) of every
 *     thread, an Atomics.load of the flag and, if set, of the position, stopping at the first
 *     that names p; then Atomics.load of the cell's SEQUENCE. Not p (claim side; a + 1 on the
 *     acquire side): published (released), done. Else, when no word named it, the cell is the
 *     dead thread's: the claim side writes both payload words SKIP (the skip handler), the plain
 *     CLAIMED_POSITION = p and Atomics.store SEQUENCE = p + 1; the acquire side reads both
 *     payload words (the take handler) and stores SEQUENCE = a + CAPACITY. Else 'wait'.
 *     Consumers take a SKIP record like any other (read, release) and count no item for it.
 *   Why this order: the dead thread's words no longer change; once the queue position has
 *     passed p nobody starts a claim of p (a later note of p loses its CAS); a live thread that
 *     won p noted p and set its flag before its CAS and changes neither before it has published
 *     p. So when no word names p at its load, either the winner is the dead thread or it had
 *     already published, which the sequence load after it sees.
 *   Waiting: in these configurations a full or empty answer, and settle's 'wait', are retried
 *     once a word they read has changed (the process blocks until then; nothing else differs
 *     for safety), so a wait that never ends is a deadlock that pan reports as an invalid end
 *     state, not a livelock no safety search sees.
 *
 * Properties:
 *   - exactly once: every item is acquired by exactly one consumer; a tryAcquire that starts
 *     after every producer has published finds the rest (end state: all ITEMS acquired).
 *   - no read of an unpublished or torn record: both payload words hold the acquired item.
 *   - FIFO per producer at the dequeue CAS (the promise in mpmc-queue.ts: "a producer's records
 *     are dequeued in its publish order"; processing order across consumers is not promised).
 *   - release reads back the position it acquired (the claimed word left by the producer).
 *   - 0 <= enqueue - dequeue <= CAPACITY at every step (Monitor).
 *   With a dead thread, besides (the skip record is not an item):
 *   - no torn record for the consumers (both words one item, or both SKIP) nor for the take.
 *   - PRODUCER_DEATH: no item is taken twice; every item is taken except the dead producer's
 *     from the one it died on (it published the ones before; the one it was on, if claimed,
 *     becomes a skip). Consumers stop only after an empty answer that started once every
 *     producer was done and the death settled, so a cell nobody publishes shows as items not
 *     taken at the end (or, when a producer is stuck behind it, as an invalid end state).
 *   - CONSUMER_DEATH: the record the dead consumer acquired and did not release is handed to
 *     take exactly once, and nothing else is (end state: none left); one it had released was
 *     its own. A cell never released stops the producers a lap later (invalid end state).
 *   - settle ends (no invalid end state): it waits only for a live thread that will publish,
 *     release, or clear its flag.
 *
 * Memory model. SC interleavings; every Atomics op is SeqCst in JavaScript. The plain accesses
 * (payload words, CLAIMED_POSITION) carry distinct values per item/position, so any race
 * between them would fail an assertion in some SC interleaving; none does, so they are race
 * free and JavaScript's DRF-SC guarantee makes the SC interleavings complete for them. One
 * exception with a dead producer: its last plain writes and the recoverer's are ordered by no
 * Atomics op; the model takes the death (the worker's exit, after its thread was joined) to
 * order them, as a SeqCst access would.
 * Not covered: the 2^32 position-wrap ABA of a stalled CAS (noted in mpmc-queue.ts), records of
 * more than two words, hasItems()/size (read-only snapshots), the wake-up protocol
 * (wake_signal.pml), lock-freedom/progress (only safety is checked, and settle's end as above).
 * Of the deaths: more than one at a time (forget keeps each settle from waiting on another dead
 * thread's words; not modelled), a thread that both produces and consumes (separate words,
 * settled one side after the other), a thread that claims or acquires with no slot (offerInt32,
 * tryClaim()): settle cannot see it, which is BROKEN_NO_LIVE_CHECK for that thread.
 *
 * Broken variants (spin -D...), each must fail:
 *   BROKEN_PUBLISH_FIRST  publish stores SEQUENCE before the payload is written.
 *   BROKEN_NO_CAS         tryClaim advances the enqueue position with a plain store.
 *   BROKEN_EARLY_RELEASE  the consumer releases the cell before reading the payload.
 *   With PRODUCER_DEATH (or CONSUMER_DEATH for the ACQUIRE ones, either for the last three):
 *   BROKEN_SLOT_AFTER_CAS          noteClaim after the CAS: dying between them leaves a cell
 *                                  nobody publishes (items stuck behind it).
 *   BROKEN_ACQUIRE_SLOT_AFTER_CAS  noteAcquire after the CAS: the record is never handed over.
 *   BROKEN_NO_LIVE_CHECK           settle reads no live word (claim side): it publishes a skip
 *                                  over the cell of a live producer that won p (torn record).
 *   BROKEN_NO_LIVE_ACQUIRE_CHECK   the same on the acquire side: it takes a live consumer's.
 *   BROKEN_SEQ_BEFORE_SLOTS        settle loads the sequence before the live words: the live
 *                                  winner can publish p and note its next position in between.
 *   BROKEN_LOST_KEEPS_FLAG         a lost CAS leaves the flag set (the word is never cleared):
 *                                  a loser that then finds the queue full (NPROD=3: a third
 *                                  producer filled it) or empty (it lost the last record) names
 *                                  p for good and settle waits for ever (invalid end state).
 *                                  With NPROD=2 the producer side passes: the loser notes again.
 *   BROKEN_WAIT_WITHOUT_SEQ        a live word naming p means 'wait' without the sequence load:
 *                                  a winner that published p and then claims (acquires) nothing
 *                                  more names p for good; settle waits for ever.
 */
#include "common.pml"

#if defined(PRODUCER_DEATH) && defined(CONSUMER_DEATH)
#error "PRODUCER_DEATH and CONSUMER_DEATH are separate configurations"
#endif

#ifndef CAP
#define CAP 2
#endif
#ifndef NPROD
#define NPROD 2
#endif
#ifndef PER
#define PER 2
#endif
#ifndef NCONS
#define NCONS 2
#endif
#ifndef START
#define START 254
#endif
#define MASK (CAP - 1)
#define ITEMS (NPROD * PER)
#define SKIP 255                  /* the payload of a skip record (no item has it) */

byte ENQUEUE = START;             /* PRODUCER_POSITION_INDEX */
byte DEQUEUE = START;             /* CONSUMER_POSITION_INDEX */
byte SEQ[CAP];                    /* SEQUENCE word of each cell */
byte CLAIMED[CAP];                /* CLAIMED_POSITION word of each cell */
byte PAY[CAP * 2];                /* two payload words per cell */
#ifdef PRODUCER_DEATH
/* claim log (mpmc-claim-log.ts), claim side of producer thread t; zeroed like a new buffer, so
   the position word starts at 0, a position this run does claim (START wraps through it) */
byte CPOS[NPROD];                 /* claim position */
bit CFLAG[NPROD];                 /* claim flag */
#endif
#ifdef CONSUMER_DEATH
byte APOS[NCONS];                 /* acquire position of consumer thread t */
bit AFLAG[NCONS];                 /* acquire flag */
#endif

/* ghosts */
byte taken[ITEMS + 1];            /* how many times each item was acquired */
byte nextSeq[NPROD];              /* per producer: index of the next item due at the dequeue CAS */
byte cellItem[CAP];               /* item published in the cell (set with the publish store) */
byte producersDone;
byte acquired;
bit finished;
#ifdef PRODUCER_DEATH
bit died;                         /* producer 0 died */
byte deadIdx;                     /* ... while on its item of this index (the ones before: published) */
bit recovered;                    /* producer 0 finished, or died and its death was settled */
#define ALL_DONE (producersDone == NPROD && recovered)
#define MAYBE_DIE if :: me == 0 -> goto death :: true fi;
#else
#define ALL_DONE (producersDone == NPROD)
#endif
#ifdef CONSUMER_DEATH
byte mortalHeld;                  /* item consumer 0 acquired and has not released (0: none) */
#define MAYBE_DIE_C if :: me == 0 -> goto death :: true fi;
#endif
#ifndef MAYBE_DIE
#define MAYBE_DIE
#endif
#if defined(PRODUCER_DEATH) || defined(CONSUMER_DEATH)
/* a full (empty) answer is retried once a word the retry reads has changed (see the header);
   the locals it no longer needs are cleared first, so fewer waiting states are told apart */
#define GAVE_UP(flag) atomic { flag = 1; lag = 0; cell = 0 }
#define FULL_WAIT (ENQUEUE != position || DIFF(SEQ[position & MASK], position) >= 0);
#define EMPTY_WAIT (DEQUEUE != position || DIFF(SEQ[position & MASK], WRAP(position + 1)) >= 0 || ALL_DONE);
#else
#define GAVE_UP(flag) flag = 1
#define FULL_WAIT
#define EMPTY_WAIT
#endif
#ifndef MAYBE_DIE_C
#define MAYBE_DIE_C
#endif

#ifdef PRODUCER_DEATH
/* MpmcThreadSlot.noteClaim(position): Atomics.store of the position, then of the flag unless set */
inline noteClaim() {
  CPOS[me] = position;                                        /* Atomics.store */
  MAYBE_DIE
  if
  :: !claiming -> atomic { CFLAG[me] = 1; claiming = 1 }      /* Atomics.store */
     MAYBE_DIE
  :: else
  fi
}
#endif
#ifdef CONSUMER_DEATH
/* MpmcThreadSlot.noteAcquire(position) */
inline noteAcquire() {
  APOS[me] = position;                                        /* Atomics.store */
  MAYBE_DIE_C
  if
  :: !acquiring -> atomic { AFLAG[me] = 1; acquiring = 1 }    /* Atomics.store */
     MAYBE_DIE_C
  :: else
  fi
}
#endif

proctype Producer(byte me) {
  byte i, item, position, seen, cell;
  short lag;
  bit isFull;
#ifdef PRODUCER_DEATH
  bit claiming;                   /* MpmcThreadSlot.#claiming */
  byte rp, m, t, s;               /* recovery: the dead thread's claim, a live holder, a thread */
  bit pending, live, f;
#endif

  i = 0;
  do
  :: i == PER -> break
  :: else ->
     MAYBE_DIE
     item = me * PER + i + 1;
     /* ---- tryClaim(slot) ---- */
     position = ENQUEUE;                                      /* Atomics.load */
     do
     :: atomic {
          cell = position & MASK;
          lag = DIFF(SEQ[cell], position)                     /* Atomics.load(SEQUENCE) */
        }
        if
        :: lag == 0 ->
#if defined(PRODUCER_DEATH) && !defined(BROKEN_SLOT_AFTER_CAS)
           noteClaim();
#endif
#ifdef BROKEN_NO_CAS
           seen = position;
           ENQUEUE = WRAP(position + 1);                      /* plain store, no CAS */
#else
           atomic {                                           /* Atomics.compareExchange */
             seen = ENQUEUE;
             if :: seen == position -> ENQUEUE = WRAP(position + 1) :: else fi
           }
#endif
           MAYBE_DIE
           if
           :: seen == position ->
#if defined(PRODUCER_DEATH) && defined(BROKEN_SLOT_AFTER_CAS)
              noteClaim();                                    /* too late */
#endif
              CLAIMED[cell] = position; break                 /* plain store */
           :: else ->
#if defined(PRODUCER_DEATH) && !defined(BROKEN_SLOT_AFTER_CAS) && !defined(BROKEN_LOST_KEEPS_FLAG)
              atomic { CFLAG[me] = 0; claiming = 0 }          /* claimLost(): Atomics.store */
              MAYBE_DIE
#endif
              position = seen
           fi
        :: lag < 0 -> GAVE_UP(isFull); break                    /* return -1: full */
        :: lag > 0 -> position = ENQUEUE                      /* Atomics.load: reload */
        fi
     od;
     if
     :: isFull -> FULL_WAIT isFull = 0                        /* retry later */
     :: else ->
        MAYBE_DIE
#ifdef BROKEN_PUBLISH_FIRST
        atomic { SEQ[cell] = WRAP(CLAIMED[cell] + 1); cellItem[cell] = item }  /* too early */
#endif
        PAY[2 * cell] = item;                                 /* plain payload writes */
        MAYBE_DIE
        PAY[2 * cell + 1] = item;
        MAYBE_DIE
#ifndef BROKEN_PUBLISH_FIRST
        /* ---- publish(offset) ---- */
        atomic { seen = CLAIMED[cell]; assert(seen == position) }  /* plain read */
        MAYBE_DIE
        atomic { SEQ[cell] = WRAP(seen + 1); cellItem[cell] = item }  /* Atomics.store */
#endif
        i++
     fi;
     atomic { position = 0; seen = 0; cell = 0; lag = 0; item = 0 }
  od;
#ifdef PRODUCER_DEATH
  atomic { producersDone++; if :: me == 0 -> recovered = 1 :: else fi };
  goto finish;
death:
  /* the worker dies here; it counts as done for the consumers' termination */
  atomic {
    died = 1; deadIdx = i; producersDone++;
    i = 0; item = 0; position = 0; seen = 0; cell = 0; lag = 0; isFull = 0; claiming = 0
  }
  /* the thread that learns of the death: MpmcOrphans.of -- claimOf(dead) (its flag, then its
     position: words nobody writes any more), forget(dead) ... */
  atomic { pending = CFLAG[me]; rp = CPOS[me]; CFLAG[me] = 0 }
  /* ... Atomics.load(ENQUEUE): only a position the enqueue position has passed was claimed */
  atomic { pending = (pending && DIFF(ENQUEUE, rp) > 0) }
  cell = rp & MASK;
  /* settle(), called again while it answers 'wait' */
  do
  :: !pending -> break
  :: else ->
#ifdef BROKEN_SEQ_BEFORE_SLOTS
     s = SEQ[cell];                                           /* Atomics.load: too early */
#endif
     /* #liveHolds: claimOf(t) of every thread of the log, the dead one's flag now clear */
#ifndef BROKEN_NO_LIVE_CHECK
     do
     :: atomic { t < NPROD && !live -> f = CFLAG[t] }          /* Atomics.load(flag) */
        if
        :: f -> atomic { live = (CPOS[t] == rp); m = t }      /* Atomics.load(position) */
        :: else
        fi;
        t++
     :: else -> break
     od;
#endif
#ifdef BROKEN_WAIT_WITHOUT_SEQ
     /* the order first proposed: a live word naming rp means wait, the sequence is not read */
     if
     :: live -> (CFLAG[m] == 0 || CPOS[m] != rp)              /* wait until that word moves */
     :: else ->
        s = SEQ[cell];                                        /* Atomics.load */
        if
        :: s != rp -> pending = 0                             /* published: nothing to do */
        :: else ->
           PAY[2 * cell] = SKIP;                              /* skip(view, offset) */
           PAY[2 * cell + 1] = SKIP;
           CLAIMED[cell] = rp;                                /* plain store */
           atomic { SEQ[cell] = WRAP(rp + 1); cellItem[cell] = SKIP }  /* Atomics.store */
           pending = 0
        fi
     fi;
#else
#ifndef BROKEN_SEQ_BEFORE_SLOTS
     s = SEQ[cell];                                           /* Atomics.load(SEQUENCE) */
#endif
     if
     :: s != rp -> pending = 0                                /* published: nothing to do */
     :: else ->
        if
        :: !live ->                                           /* the dead thread's claim */
           PAY[2 * cell] = SKIP;                              /* skip(view, offset) */
           PAY[2 * cell + 1] = SKIP;
           CLAIMED[cell] = rp;                                /* plain store */
           atomic { SEQ[cell] = WRAP(rp + 1); cellItem[cell] = SKIP }  /* Atomics.store */
           pending = 0
        :: else ->                /* 'wait': called again once a word it read has changed */
           (CFLAG[m] == 0 || CPOS[m] != rp || SEQ[cell] != s)
        fi
     fi;
#endif
     atomic { t = 0; m = 0; f = 0; live = 0; s = 0 }
  od;
  atomic { recovered = 1; rp = 0; cell = 0 };
finish:
#else
  producersDone++
#endif
}

proctype Consumer(byte me) {
  byte position, seen, cell, item, w0, w1, p;
  short lag;
  bit isEmpty, doneSeen;
#ifdef CONSUMER_DEATH
  bit acquiring;                  /* MpmcThreadSlot.#acquiring */
  byte ra, m, t, s;               /* recovery: the dead thread's acquire, a live holder, a thread */
  bit pending, live, f;
#endif

  do
  :: MAYBE_DIE_C
     atomic {
       doneSeen = ALL_DONE;       /* ghost: every producer finished (and was settled) before */
       position = DEQUEUE                                     /* Atomics.load */
     }
     /* ---- tryAcquire(slot) ---- */
     do
     :: atomic {
          cell = position & MASK;
          lag = DIFF(SEQ[cell], WRAP(position + 1))           /* Atomics.load(SEQUENCE) */
        }
        if
        :: lag == 0 ->
#if defined(CONSUMER_DEATH) && !defined(BROKEN_ACQUIRE_SLOT_AFTER_CAS)
           noteAcquire();
#endif
           atomic {                                           /* Atomics.compareExchange */
             seen = DEQUEUE;
             if
             :: seen == position ->
                DEQUEUE = WRAP(position + 1);
                /* linearisation point: the item in the cell leaves the queue here */
                item = cellItem[cell];
                if
                :: item != SKIP ->
                   assert(item >= 1 && item <= ITEMS && taken[item] == 0);
                   taken[item] = 1;
                   p = (item - 1) / PER;
                   assert((item - 1) % PER == nextSeq[p]);    /* per-producer FIFO */
                   nextSeq[p]++;
                   acquired++
                :: else                                       /* a skip record: not an item */
                fi;
#ifdef CONSUMER_DEATH
                if :: me == 0 -> mortalHeld = item :: else fi;
#endif
             :: else
             fi
           }
           MAYBE_DIE_C
           if
           :: seen == position ->
#if defined(CONSUMER_DEATH) && defined(BROKEN_ACQUIRE_SLOT_AFTER_CAS)
              noteAcquire();                                  /* too late */
#endif
              break
           :: else ->
#if defined(CONSUMER_DEATH) && !defined(BROKEN_ACQUIRE_SLOT_AFTER_CAS) && !defined(BROKEN_LOST_KEEPS_FLAG)
              atomic { AFLAG[me] = 0; acquiring = 0 }         /* acquireLost(): Atomics.store */
              MAYBE_DIE_C
#endif
              position = seen
           fi
        :: lag < 0 -> GAVE_UP(isEmpty); break                   /* return -1: empty */
        :: lag > 0 -> position = DEQUEUE                      /* Atomics.load: reload */
        fi
     od;
     if
     :: isEmpty ->
        if
        :: doneSeen -> break      /* an acquire after the last publish found nothing */
        :: else -> EMPTY_WAIT isEmpty = 0                    /* retry later */
        fi
     :: else ->
#ifdef BROKEN_EARLY_RELEASE
        atomic { seen = CLAIMED[cell]; SEQ[cell] = WRAP(seen + CAP) }
#endif
        w0 = PAY[2 * cell];                                   /* plain payload reads */
        MAYBE_DIE_C
        w1 = PAY[2 * cell + 1];
        MAYBE_DIE_C
        assert(w0 == item && w1 == item);
#ifndef BROKEN_EARLY_RELEASE
        /* ---- release(offset) ---- */
        atomic { seen = CLAIMED[cell]; assert(seen == position) }  /* plain read */
        MAYBE_DIE_C
#ifdef CONSUMER_DEATH
        atomic { SEQ[cell] = WRAP(seen + CAP); if :: me == 0 -> mortalHeld = 0 :: else fi }
#else
        SEQ[cell] = WRAP(seen + CAP)                          /* Atomics.store */
#endif
#endif
     fi;
     atomic { position = 0; seen = 0; cell = 0; lag = 0; item = 0; w0 = 0; w1 = 0; p = 0 }
  od;
#ifdef CONSUMER_DEATH
  goto finish;
death:
  /* the worker dies here, holding what it acquired and did not release (mortalHeld) */
  atomic {
    position = 0; seen = 0; cell = 0; item = 0; w0 = 0; w1 = 0; p = 0; lag = 0;
    isEmpty = 0; doneSeen = 0; acquiring = 0
  }
  /* MpmcOrphans.of: acquireOf(dead) (flag, then position), forget(dead), ... */
  atomic { pending = AFLAG[me]; ra = APOS[me]; AFLAG[me] = 0 }
  /* ... Atomics.load(DEQUEUE): only a position the dequeue position has passed was acquired */
  atomic { pending = (pending && DIFF(DEQUEUE, ra) > 0) }
  cell = ra & MASK;
  /* settle(), called again while it answers 'wait' */
  do
  :: !pending -> break
  :: else ->
#ifdef BROKEN_SEQ_BEFORE_SLOTS
     s = SEQ[cell];                                           /* Atomics.load: too early */
#endif
     /* #liveHolds: acquireOf(t) of every thread of the log, the dead one's flag now clear */
#ifndef BROKEN_NO_LIVE_ACQUIRE_CHECK
     do
     :: atomic { t < NCONS && !live -> f = AFLAG[t] }          /* Atomics.load(flag) */
        if
        :: f -> atomic { live = (APOS[t] == ra); m = t }      /* Atomics.load(position) */
        :: else
        fi;
        t++
     :: else -> break
     od;
#endif
#ifdef BROKEN_WAIT_WITHOUT_SEQ
     if
     :: live -> (AFLAG[m] == 0 || APOS[m] != ra)              /* wait until that word moves */
     :: else ->
        s = SEQ[cell];                                        /* Atomics.load */
        if
        :: s != WRAP(ra + 1) -> pending = 0                   /* released: nothing to do */
        :: else ->
           w0 = PAY[2 * cell];                                /* take(view, offset) */
           atomic { w1 = PAY[2 * cell + 1]; assert(w0 == w1) }
           atomic { assert(w0 != 0 && w0 == mortalHeld); mortalHeld = 0 }  /* handed over */
           SEQ[cell] = WRAP(ra + CAP);                        /* Atomics.store: release */
           pending = 0
        fi
     fi;
#else
#ifndef BROKEN_SEQ_BEFORE_SLOTS
     s = SEQ[cell];                                           /* Atomics.load(SEQUENCE) */
#endif
     if
     :: s != WRAP(ra + 1) -> pending = 0                      /* released: nothing to do */
     :: else ->
        if
        :: !live ->                                           /* the dead thread's acquire */
           w0 = PAY[2 * cell];                                /* take(view, offset) */
           atomic { w1 = PAY[2 * cell + 1]; assert(w0 == w1) }
           atomic { assert(w0 != 0 && w0 == mortalHeld); mortalHeld = 0 }  /* handed over */
           SEQ[cell] = WRAP(ra + CAP);                        /* Atomics.store: release */
           pending = 0
        :: else ->                /* 'wait': called again once a word it read has changed */
           (AFLAG[m] == 0 || APOS[m] != ra || SEQ[cell] != s)
        fi
     fi;
#endif
     atomic { t = 0; m = 0; f = 0; live = 0; s = 0; w0 = 0; w1 = 0 }
  od;
  atomic { ra = 0; cell = 0 };
finish:
  skip
#endif
}

proctype Monitor() {
end: atomic {
    !(DIFF(ENQUEUE, DEQUEUE) >= 0 && DIFF(ENQUEUE, DEQUEUE) <= CAP) ->
    assert(DIFF(ENQUEUE, DEQUEUE) >= 0 && DIFF(ENQUEUE, DEQUEUE) <= CAP)
  }
}

init {
  byte k;
  atomic {
    /* MpmcQueue.create: the cell of position START + k starts with sequence START + k */
    k = 0;
    do
    :: k < CAP -> SEQ[WRAP(START + k) & MASK] = WRAP(START + k); k++
    :: else -> break
    od;
    run Monitor();
    k = 0;
    do
    :: k < NPROD -> run Producer(k); k++
    :: else -> break
    od;
    k = 0;
    do
    :: k < NCONS -> run Consumer(k); k++
    :: else -> break
    od
  }
  (_nr_pr == 2);
#ifdef PRODUCER_DEATH
  /* every item is taken, except those of the dead producer from the one it died on */
  d_step {
    k = 1;
    do
    :: k <= ITEMS ->
       assert(taken[k] == 1 || (died && (k - 1) / PER == 0 && (k - 1) % PER >= deadIdx));
       k++
    :: else -> break
    od;
    k = 0
  }
#else
  assert(acquired == ITEMS);
#endif
#ifdef CONSUMER_DEATH
  assert(mortalHeld == 0);        /* what the dead consumer held unreleased was handed over */
#endif
  finished = 1
}
