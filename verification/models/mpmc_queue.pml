/*
 * mpmc_queue.pml -- MpmcQueue, packages/ringbuffer/src/mpmc-queue.ts (Vyukov bounded MPMC)
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
 * Properties:
 *   - exactly once: every item is acquired by exactly one consumer; a tryAcquire that starts
 *     after every producer has published finds the rest (end state: all ITEMS acquired).
 *   - no read of an unpublished or torn record: both payload words hold the acquired item.
 *   - FIFO per producer at the dequeue CAS (the promise in mpmc-queue.ts: "a producer's records
 *     are dequeued in its publish order"; processing order across consumers is not promised).
 *   - release reads back the position it acquired (the claimed word left by the producer).
 *   - 0 <= enqueue - dequeue <= CAPACITY at every step (Monitor).
 *
 * Memory model. SC interleavings; every Atomics op is SeqCst in JavaScript. The plain accesses
 * (payload words, CLAIMED_POSITION) carry distinct values per item/position, so any race
 * between them would fail an assertion in some SC interleaving; none does, so they are race
 * free and JavaScript's DRF-SC guarantee makes the SC interleavings complete for them.
 * Not covered: the 2^32 position-wrap ABA of a stalled CAS (noted in mpmc-queue.ts), records of
 * more than two words, hasItems()/size (read-only snapshots), the wake-up protocol
 * (wake_signal.pml), lock-freedom/progress (only safety is checked).
 *
 * Broken variants (spin -D...), each must fail:
 *   BROKEN_PUBLISH_FIRST  publish stores SEQUENCE before the payload is written.
 *   BROKEN_NO_CAS         tryClaim advances the enqueue position with a plain store.
 *   BROKEN_EARLY_RELEASE  the consumer releases the cell before reading the payload.
 */
#include "common.pml"

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

byte ENQUEUE = START;             /* PRODUCER_POSITION_INDEX */
byte DEQUEUE = START;             /* CONSUMER_POSITION_INDEX */
byte SEQ[CAP];                    /* SEQUENCE word of each cell */
byte CLAIMED[CAP];                /* CLAIMED_POSITION word of each cell */
byte PAY[CAP * 2];                /* two payload words per cell */

/* ghosts */
byte taken[ITEMS + 1];            /* how many times each item was acquired */
byte nextSeq[NPROD];              /* per producer: index of the next item due at the dequeue CAS */
byte cellItem[CAP];               /* item published in the cell (set with the publish store) */
byte producersDone;
byte acquired;
bit finished;

proctype Producer(byte p) {
  byte i, item, position, seen, cell;
  short lag;
  bit isFull;

  i = 0;
  do
  :: i == PER -> break
  :: else ->
     item = p * PER + i + 1;
     /* ---- tryClaim() ---- */
     position = ENQUEUE;                                      /* Atomics.load */
     do
     :: atomic {
          cell = position & MASK;
          lag = DIFF(SEQ[cell], position)                     /* Atomics.load(SEQUENCE) */
        }
        if
        :: lag == 0 ->
#ifdef BROKEN_NO_CAS
           seen = position;
           ENQUEUE = WRAP(position + 1);                      /* plain store, no CAS */
#else
           atomic {                                           /* Atomics.compareExchange */
             seen = ENQUEUE;
             if :: seen == position -> ENQUEUE = WRAP(position + 1) :: else fi
           }
#endif
           if
           :: seen == position -> CLAIMED[cell] = position; break   /* plain store */
           :: else -> position = seen
           fi
        :: lag < 0 -> isFull = 1; break                         /* return -1: full */
        :: lag > 0 -> position = ENQUEUE                      /* Atomics.load: reload */
        fi
     od;
     if
     :: isFull -> isFull = 0                                      /* retry later */
     :: else ->
#ifdef BROKEN_PUBLISH_FIRST
        atomic { SEQ[cell] = WRAP(CLAIMED[cell] + 1); cellItem[cell] = item }  /* too early */
#endif
        PAY[2 * cell] = item;                                 /* plain payload writes */
        PAY[2 * cell + 1] = item;
#ifndef BROKEN_PUBLISH_FIRST
        /* ---- publish(offset) ---- */
        atomic { seen = CLAIMED[cell]; assert(seen == position) }  /* plain read */
        atomic { SEQ[cell] = WRAP(seen + 1); cellItem[cell] = item }  /* Atomics.store */
#endif
        i++
     fi;
     atomic { position = 0; seen = 0; cell = 0; lag = 0; item = 0 }
  od;
  producersDone++
}

proctype Consumer() {
  byte position, seen, cell, item, w0, w1, p;
  short lag;
  bit isEmpty, doneSeen;

  do
  :: atomic {
       doneSeen = (producersDone == NPROD);  /* ghost: every producer finished before */
       position = DEQUEUE                                     /* Atomics.load */
     }
     /* ---- tryAcquire() ---- */
     do
     :: atomic {
          cell = position & MASK;
          lag = DIFF(SEQ[cell], WRAP(position + 1))           /* Atomics.load(SEQUENCE) */
        }
        if
        :: lag == 0 ->
           atomic {                                           /* Atomics.compareExchange */
             seen = DEQUEUE;
             if
             :: seen == position ->
                DEQUEUE = WRAP(position + 1);
                /* linearisation point: the item in the cell leaves the queue here */
                item = cellItem[cell];
                assert(item >= 1 && item <= ITEMS && taken[item] == 0);
                taken[item] = 1;
                p = (item - 1) / PER;
                assert((item - 1) % PER == nextSeq[p]);       /* per-producer FIFO */
                nextSeq[p]++;
                acquired++
             :: else
             fi
           }
           if
           :: seen == position -> break
           :: else -> position = seen
           fi
        :: lag < 0 -> isEmpty = 1; break                        /* return -1: empty */
        :: lag > 0 -> position = DEQUEUE                      /* Atomics.load: reload */
        fi
     od;
     if
     :: isEmpty ->
        if
        :: doneSeen -> break      /* an acquire after the last publish found nothing */
        :: else -> isEmpty = 0
        fi
     :: else ->
#ifdef BROKEN_EARLY_RELEASE
        atomic { seen = CLAIMED[cell]; SEQ[cell] = WRAP(seen + CAP) }
#endif
        w0 = PAY[2 * cell];                                   /* plain payload reads */
        w1 = PAY[2 * cell + 1];
        assert(w0 == item && w1 == item);
#ifndef BROKEN_EARLY_RELEASE
        /* ---- release(offset) ---- */
        atomic { seen = CLAIMED[cell]; assert(seen == position) }  /* plain read */
        SEQ[cell] = WRAP(seen + CAP)                          /* Atomics.store */
#endif
     fi;
     atomic { position = 0; seen = 0; cell = 0; lag = 0; item = 0; w0 = 0; w1 = 0; p = 0 }
  od
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
    :: k < NCONS -> run Consumer(); k++
    :: else -> break
    od
  }
  (_nr_pr == 2);
  assert(acquired == ITEMS);
  finished = 1
}
