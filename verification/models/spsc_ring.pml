/*
 * spsc_ring.pml -- SpscRing, packages/ringbuffer/src/spsc-ring.ts
 *
 * What is modelled (one Promela step per Atomics operation or per plain Int32 access; local
 * arithmetic is folded into the adjacent step because no other thread can observe it):
 *   Producer: SpscRing.tryClaim(n) / tryClaimUpTo(max) with the producer-local cached consumer
 *             sequence (the Disruptor "gating" cache, re-read with Atomics.load only when the
 *             cache says full), plain writes of the claimed records, publish() (Atomics.store
 *             of PRODUCER_POSITION), possibly deferred so that several claims go out with one
 *             publish; and offerInt32(value) (claim + plain store of word 0 + publish).
 *   Consumer: SpscRing.drain(handler, max) and tryAcquire(max) + reads + release(), possibly
 *             deferring release over a second tryAcquire, with the consumer-local cached
 *             producer sequence.
 *   Records are two Int32 words; claim paths write both words with the item number, offerInt32
 *   writes word 0 only (as in the code). Positions are bytes wrapping at 256 and compared with
 *   DIFF (common.pml), starting at START so the run crosses the wrap.
 *
 * Properties (assertions; the end state is checked by init once both processes have ended):
 *   - FIFO, no loss, no duplication: the consumer reads items 1..ITEMS exactly in order, and a
 *     drain that starts after the producer has published everything leaves nothing behind.
 *   - no read of an unpublished or torn record: both words of each record read back as the
 *     item the producer wrote for that sequence.
 *   - tryClaimUpTo / tryAcquire hand out contiguous slots that never cross the buffer end.
 *   - 0 <= PRODUCER_POSITION - CONSUMER_POSITION <= CAP at every step (Monitor).
 *
 * Memory model. spin explores sequentially consistent interleavings. Every Atomics op in
 * JavaScript is SeqCst, so those steps are exact. The plain record accesses are covered by
 * the data-race-free argument: each item has a distinct value, so if a plain write and a
 * conflicting plain read of the same word could ever be unordered by happens-before, some SC
 * interleaving would run them in the order that reads the wrong value, and an assertion would
 * fail; since none fails, the plain accesses are race free and JavaScript's DRF-SC guarantee
 * makes the SC interleavings the only behaviours. Not covered: tearing of records wider than
 * the model's two words is argued the same way but not enumerated; DataView accesses that are
 * not Int32-aligned; position wrap-around ABA (needs 2^31 records in flight, see common.pml);
 * the wake-up protocol (wake_signal.pml).
 *
 * Broken variants (spin -D...), each must fail:
 *   BROKEN_PUBLISH_FIRST  publish() stores PRODUCER_POSITION before the records are written.
 *   BROKEN_GATING         the full check admits CAP+1 outstanding records (off by one).
 */
#include "common.pml"

#ifndef CAP
#define CAP 2
#endif
#ifndef ITEMS
#define ITEMS 4
#endif
#ifndef START
#define START 253
#endif
#define MASK (CAP - 1)
#define SLOT(seq) ((seq) & MASK)

#ifdef BROKEN_GATING
#define LIMIT (CAP + 1)
#else
#define LIMIT CAP
#endif

byte PRODUCER_POSITION = START;   /* PRODUCER_POSITION_INDEX */
byte CONSUMER_POSITION = START;   /* CONSUMER_POSITION_INDEX */
byte rec[CAP * 2];                /* the data area: record s is rec[2s], rec[2s + 1] */

/* ghosts */
bit producerDone;                 /* the producer has published every item */
bit wordOneWritten[ITEMS + 1];    /* item was written by a claim path (both words) */
byte delivered;
bit finished;

inline readRecord(slot) {
  /* the handler / the caller of tryAcquire reads the record in place (plain reads) */
  w0 = rec[2 * (slot)];
  assert(w0 == expect && expect <= ITEMS);
  if
  :: wordOneWritten[expect] -> w1 = rec[2 * (slot) + 1]; assert(w1 == expect)
  :: else
  fi;
  expect++;
  delivered++
}

proctype Producer() {
  byte claimStart = START, claimEnd = START, cachedConsumer = START;
  byte next = 1;                  /* next item to write; items are 1..ITEMS */
  byte n, k, want, seq, end;
  short room;
  bit unpublished;

  do
  :: next > ITEMS -> break
  :: else ->
     if
     :: /* tryClaim(n) */
        if
        :: n = 1
        :: (CAP >= 2 && next + 1 <= ITEMS) -> n = 2
        fi;
        atomic {
          end = WRAP(claimEnd + n);
          if
          :: DIFF(end, cachedConsumer) <= LIMIT -> claimStart = claimEnd; claimEnd = end
          :: else ->
             cachedConsumer = CONSUMER_POSITION;              /* Atomics.load */
             if
             :: DIFF(end, cachedConsumer) > LIMIT -> n = 0
             :: else -> claimStart = claimEnd; claimEnd = end
             fi
          fi
        }
     :: /* tryClaimUpTo(max) */
        if
        :: want = 1
        :: (CAP >= 2 && next + 1 <= ITEMS) -> want = 2
        fi;
        atomic {
          seq = claimEnd;
          if :: CAP - SLOT(seq) < want -> want = CAP - SLOT(seq) :: else fi;
          room = LIMIT - DIFF(seq, cachedConsumer);
          if
          :: room < want ->
             cachedConsumer = CONSUMER_POSITION;              /* Atomics.load */
             room = LIMIT - DIFF(seq, cachedConsumer)
          :: else
          fi;
          if
          :: room < want -> n = (room > 0 -> room : 0)
          :: else -> n = want
          fi;
          if
          :: n > 0 -> claimStart = seq; claimEnd = WRAP(seq + n); assert(SLOT(seq) + n <= CAP)
          :: else
          fi
        }
     :: /* offerInt32(value): claim one record, plain store of word 0, publish */
        atomic {
          seq = claimEnd;
          end = WRAP(seq + 1);
          n = 1;
          if
          :: DIFF(end, cachedConsumer) > LIMIT ->
             cachedConsumer = CONSUMER_POSITION;              /* Atomics.load */
             if :: DIFF(end, cachedConsumer) > LIMIT -> n = 0 :: else fi
          :: else
          fi
        }
        if
        :: n == 1 ->
#ifdef BROKEN_PUBLISH_FIRST
           PRODUCER_POSITION = end;                           /* Atomics.store, too early */
           rec[2 * SLOT(seq)] = next;
#else
           rec[2 * SLOT(seq)] = next;                          /* plain store of word 0 */
           PRODUCER_POSITION = end;                           /* Atomics.store (publish) */
#endif
           claimStart = seq; claimEnd = end;
           next++; unpublished = 0;
           n = 0                                              /* nothing left to write */
        :: else
        fi
     fi;
     /* write the claimed records (plain stores), then publish now or with a later claim */
#ifdef BROKEN_PUBLISH_FIRST
     if :: n > 0 -> PRODUCER_POSITION = claimEnd :: else fi;  /* Atomics.store, too early */
#endif
     k = 0;
     do
     :: k < n ->
        atomic { rec[2 * SLOT(claimStart + k)] = next; wordOneWritten[next] = 1 }
        rec[2 * SLOT(claimStart + k) + 1] = next;
        next++; k++
     :: else -> break
     od;
     if
     :: n > 0 -> unpublished = 1
     :: else
     fi;
     if
     :: unpublished -> PRODUCER_POSITION = claimEnd; unpublished = 0  /* publish(): Atomics.store */
     :: (unpublished && next <= ITEMS) -> skip                        /* defer the publish */
     :: !unpublished -> skip
     fi
  od;
  assert(!unpublished);           /* the last claim is never deferred */
  producerDone = 1
}

proctype Consumer() {
  byte acquireStart = START, acquireEnd = START, cachedProducer = START;
  byte expect = 1;                /* next item the consumer must see */
  byte seq, want, k, w0, w1;
  short avail, n;
  bit doneSeen, pendingRelease;

  do
  :: expect > ITEMS -> break
  :: else ->
     if
     :: !pendingRelease ->
        /* drain(handler, max) with max 1 or the default (capacity) */
        if :: want = 1 :: want = CAP fi;
        atomic {
          doneSeen = producerDone;   /* ghost: read before the attempt */
          seq = acquireEnd;
          avail = DIFF(cachedProducer, seq);
          if
          :: avail < want ->
             cachedProducer = PRODUCER_POSITION;              /* Atomics.load */
             avail = DIFF(cachedProducer, seq)
          :: else
          fi;
          n = (avail < want -> avail : want)
        }
        k = 0;
        do
        :: k < n -> readRecord(SLOT(seq + k)); k++
        :: else -> break
        od;
        if
        :: n > 0 ->
           acquireEnd = WRAP(seq + n);
           CONSUMER_POSITION = acquireEnd                     /* Atomics.store (finally) */
        :: else
        fi
     :: /* tryAcquire(max), read the records, release() now or after one more tryAcquire */
        if :: want = 1 :: want = CAP fi;
        atomic {
          doneSeen = producerDone;
          seq = acquireEnd;
          if :: CAP - SLOT(seq) < want -> want = CAP - SLOT(seq) :: else fi;
          avail = DIFF(cachedProducer, seq);
          if
          :: avail < want ->
             cachedProducer = PRODUCER_POSITION;              /* Atomics.load */
             avail = DIFF(cachedProducer, seq)
          :: else
          fi;
          n = (avail < want -> avail : want);
          if
          :: n > 0 -> acquireStart = seq; acquireEnd = WRAP(seq + n); assert(SLOT(seq) + n <= CAP)
          :: else
          fi
        }
        k = 0;
        do
        :: k < n -> readRecord(SLOT(acquireStart) + k); k++
        :: else -> break
        od;
        if
        :: n > 0 -> pendingRelease = 1
        :: else
        fi;
        if
        :: pendingRelease -> CONSUMER_POSITION = acquireEnd; pendingRelease = 0  /* release() */
        :: (pendingRelease && n > 0) -> skip                                    /* release later */
        :: !pendingRelease -> skip
        fi
     fi;
     if
     :: (n <= 0 && doneSeen && !pendingRelease) -> break   /* a post-publish attempt found nothing */
     :: else
     fi
  od;
  if :: pendingRelease -> CONSUMER_POSITION = acquireEnd :: else fi
}

proctype Monitor() {
  /* the layout invariant, checked in every reachable state */
end: atomic {
    !(DIFF(PRODUCER_POSITION, CONSUMER_POSITION) >= 0 &&
      DIFF(PRODUCER_POSITION, CONSUMER_POSITION) <= CAP) ->
    assert(DIFF(PRODUCER_POSITION, CONSUMER_POSITION) >= 0 &&
           DIFF(PRODUCER_POSITION, CONSUMER_POSITION) <= CAP)
  }
}

init {
#ifdef BROKEN_GATING
  /* without the monitor, so that the record assertions themselves must catch the overwrite */
  atomic { run Producer(); run Consumer() }
  (_nr_pr == 1);
#else
  atomic { run Monitor(); run Producer(); run Consumer() }
  (_nr_pr == 2);                  /* only init and the monitor are left */
#endif
  assert(delivered == ITEMS);
  finished = 1
}
