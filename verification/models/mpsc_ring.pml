/*
 * mpsc_ring.pml -- MpscRing, packages/ringbuffer/src/mpsc-ring.ts
 *
 * What is modelled (one Promela step per Atomics operation or per plain Int32 access; local
 * arithmetic is folded into the adjacent step):
 *   Producers (NPROD, each sending PER items): MpscRing.tryClaim(typeId, length) -- Atomics.load
 *     of TAIL, padding computed at the wrap, Atomics.load of HEAD_CACHE, on "full" an
 *     Atomics.load of HEAD and either -1 or an Atomics.store of HEAD_CACHE, then the CAS on
 *     TAIL (retried on failure); the padding record (plain TYPE_ID = -1, Atomics.store of its
 *     length); the plain TYPE_ID and the plain "claimed" length -recordLength; then the payload
 *     (plain) and MpscRing.commit (plain read of its own length word, Atomics.store of the
 *     positive length) or MpscRing.abort (plain TYPE_ID = -1, Atomics.store of the length);
 *     ABORTABLE(p, i) says which claims may abort (default: producer 1's first), to keep the
 *     state space small.
 *   Consumer: MpscRing.drain(handler, max) with max 1 or unbounded -- per contiguous block,
 *     Atomics.load of each length word, stop at <= 0, plain read of TYPE_ID, padding skipped,
 *     handler reads the payload; then the zero fill of the consumed bytes (one step: no other
 *     thread may legally touch them before the HEAD store that follows) and Atomics.store of
 *     HEAD; a second block after the wrap.
 *   Bytes are kept as in the code (8-byte header, lengths in bytes, 8-byte alignment); the
 *   record area is CAPB bytes = CAPB/4 Int32 words. Payloads are 0 or 4 bytes (recordLength 8
 *   or 12, the latter padded to 16), so records take one or two 8-byte units and the small
 *   ring wraps, pads and fills often. CAPB = 32 is below the code's 64-byte minimum, which only
 *   exists so that maxRecordBytes (capacity/8) is useful; the protocol does not depend on it.
 *   Positions are bytes wrapping at 256 (DIFF, common.pml), starting below the wrap.
 *
 * Properties:
 *   - no loss / no duplication: every committed record is handed to the handler exactly once
 *     and aborted records never are; a drain that starts after every producer has finished
 *     empties the ring (end state: delivered == committed, TAIL == HEAD).
 *   - claim order and per-producer FIFO: records are delivered in the order of their winning
 *     CAS on TAIL, hence each producer's records in its own order.
 *   - no read of an uncommitted or torn record: the handler sees the TYPE_ID, length and
 *     payload the producer wrote; padding is never delivered.
 *   - claims never overlap unconsumed bytes: a producer's plain writes go to words that are
 *     zero (free) when it claims them, and commit finds its own negative length still there.
 *   - 0 <= TAIL - HEAD <= CAPB at every step (Monitor).
 *
 * Memory model. SC interleavings; every Atomics op is SeqCst in JavaScript. Plain accesses:
 *   the TYPE_ID and payload words and the zero fill are race free (distinct item values make
 *   any race show up as a failed assertion in some SC interleaving; JavaScript's DRF-SC then
 *   covers them). One race is by design: the producer's plain store of -recordLength races the
 *   consumer's Atomics.load of the same word. Int32Array element accesses are tear-free and a
 *   read cannot see a write older than one that happens-before it (the consumer's own zero
 *   fill), so that load returns 0, -recordLength or the committed length -- exactly the three
 *   values this model lets it see. Not covered: the 2^32 wrap ABA of a stalled claim (noted in
 *   mpsc-ring.ts), payloads larger than one word, DataView/byte-granular tearing of payloads
 *   (argued race free above, not enumerated), a handler that throws (same release path as
 *   max = 1), the wake-up protocol (wake_signal.pml).
 *
 * Broken variants (spin -D...), each must fail:
 *   BROKEN_LENGTH_FIRST  commit stores the positive length before the payload is written.
 *   BROKEN_NO_CAS        tryClaim advances TAIL with a plain load + store instead of the CAS.
 *   BROKEN_NO_ZERO       drain does not zero consumed bytes before moving HEAD.
 */
#include "common.pml"

#ifndef NPROD
#define NPROD 2
#endif
#ifndef PER
#define PER 2
#endif
#ifndef CAPB
#define CAPB 32
#endif
#ifndef START
#define START 232                 /* multiple of 8, 24 bytes below the wrap */
#endif
#define MASKB (CAPB - 1)
#define WORDS (CAPB / 4)
#define HEADER 8
#define PADDING_TYPE_ID (-1)
#define ALIGNED(len) ((((len) + 7) / 8) * 8)
#define ITEMS (NPROD * PER)
/* which claims may be aborted instead of committed (default: the first item of producer 1) */
#ifndef ABORTABLE
#define ABORTABLE(p, i) ((p) == 1 && (i) == 0)
#endif

byte TAIL = START;                /* PRODUCER_POSITION_INDEX */
byte HEAD = START;                /* CONSUMER_POSITION_INDEX */
byte HEAD_CACHE = START;          /* HEAD_CACHE_INDEX */
short mem[WORDS];                 /* the record area, as Int32 words */

/* ghosts */
byte claimRank[ITEMS + 1];        /* order of the winning CAS of each item (1-based) */
byte nextRank = 1;
byte itemLength[ITEMS + 1];       /* recordLength chosen for the item */
bit committed[ITEMS + 1];
bit aborted[ITEMS + 1];
bit consumed[ITEMS + 1];
byte producersDone;
byte delivered;
byte committedCount;
bit finished;

proctype Producer(byte p) {
  byte i, item, tail, head, index, padding, required, word, recordLength;
  bit claimedOk;

  i = 0;
  do
  :: i == PER -> break
  :: else ->
     item = p * PER + i + 1;      /* typeId; distinct per item */
     if :: recordLength = HEADER :: recordLength = HEADER + 4 fi;
     required = ALIGNED(recordLength);
     /* ---- tryClaim(typeId, length) ---- */
     do
     :: atomic {
          tail = TAIL;                                        /* Atomics.load(TAIL) */
          index = tail & MASKB;
          /* a record never straddles the end: pad to the end and start again at 0 */
          padding = (required > CAPB - index -> CAPB - index : 0)
        }
        atomic {
          claimedOk = (DIFF(tail, HEAD_CACHE) + padding + required <= CAPB)  /* Atomics.load */
        }
        if
        :: !claimedOk ->
           atomic {
             head = HEAD;                                     /* Atomics.load(HEAD) */
             claimedOk = (DIFF(tail, head) + padding + required <= CAPB)  /* else return -1 */
           }
           if
           :: claimedOk -> HEAD_CACHE = head; head = 0        /* Atomics.store(HEAD_CACHE) */
           :: else -> head = 0
           fi
        :: else
        fi;
        if
        :: claimedOk ->
#ifdef BROKEN_NO_CAS
           claimedOk = (TAIL == tail);                        /* plain check ... */
           if
           :: claimedOk ->                                    /* ... then plain store */
              atomic { TAIL = WRAP(tail + padding + required); claimRank[item] = nextRank; nextRank++ }
           :: else
           fi
#else
           atomic {                                           /* Atomics.compareExchange(TAIL) */
             claimedOk = (TAIL == tail);
             if
             :: claimedOk ->
                TAIL = WRAP(tail + padding + required);
                claimRank[item] = nextRank; nextRank++
             :: else
             fi
           }
#endif
        :: else
        fi;
        if :: claimedOk -> break :: else -> tail = 0 fi       /* retry on full or lost CAS */
     od;
     atomic { word = index / 4; tail = 0; index = 0; claimedOk = 0 }
     if
     :: padding != 0 ->
        atomic {                 /* the claimed bytes must be free (zero): no overlap */
          assert(mem[word] == 0 && mem[word + 1] == 0);
          mem[word + 1] = PADDING_TYPE_ID                     /* plain */
        }
        mem[word] = padding;                                  /* Atomics.store: committed */
        word = 0; padding = 0
     :: else
     fi;
     atomic {
       assert(mem[word] == 0 && mem[word + 1] == 0);
       mem[word + 1] = item                                   /* plain TYPE_ID */
     }
     atomic { mem[word] = -recordLength; itemLength[item] = recordLength }  /* plain: claimed */
     if
     :: recordLength > HEADER ->
#ifdef BROKEN_LENGTH_FIRST
        /* the commit's Atomics.store, too early (the ghosts move with it, so that only the
           payload check can catch it) */
        atomic { mem[word] = recordLength; committed[item] = 1; committedCount++ }
#endif
        atomic { assert(mem[word + 2] == 0); mem[word + 2] = item }  /* payload (plain) */
     :: else
     fi;
     /* ---- commit(offset), or abort(offset) for the items ABORTABLE allows ---- */
#ifndef BROKEN_LENGTH_FIRST
     assert(mem[word] == -recordLength);      /* commit's plain read of its own length word */
#endif
     if
#ifdef BROKEN_LENGTH_FIRST
     :: recordLength > HEADER -> mem[word] = recordLength    /* committed above already */
     :: recordLength == HEADER ->
        atomic { mem[word] = recordLength; committed[item] = 1; committedCount++ }
#else
     :: atomic { mem[word] = recordLength; committed[item] = 1; committedCount++ }  /* commit */
#endif
     :: ABORTABLE(p, i) ->
        mem[word + 1] = PADDING_TYPE_ID;                      /* abort: plain TYPE_ID */
        atomic { mem[word] = recordLength; aborted[item] = 1 }
     fi;
     atomic { i++; word = 0; item = 0; recordLength = 0; required = 0 }
  od;
  producersDone++
}

proctype Consumer() {
  byte head = START;              /* #head, consumer-local copy */
  byte max, count, index, blockEnd, read, word, lastRank, k;
  short recordLength, item;
  bit doneSeen;

  do
  :: atomic {
       doneSeen = (producersDone == NPROD);   /* ghost: every producer finished before */
       if :: max = 1 :: max = 255 fi          /* drain(handler, 1) or drain(handler) */
     }
     count = 0;
     do
     :: count >= max -> break
     :: else ->
        index = head & MASKB;
        blockEnd = CAPB - index;
        read = 0;
        do
        :: (read < blockEnd && count < max) ->
           atomic {
             word = (index + read) / 4;
             recordLength = mem[word]                         /* Atomics.load */
           }
           if :: recordLength <= 0 -> recordLength = 0; break :: else fi;
           atomic { read = read + ALIGNED(recordLength); item = mem[word + 1] }  /* plain TYPE_ID */
           if
           :: item != PADDING_TYPE_ID ->
              /* the handler: typeId, payload at word + 2, length recordLength - 8 */
              atomic {
                count++;
                assert(item >= 1 && item <= ITEMS);
                assert(committed[item] && !consumed[item]);
                assert(recordLength == itemLength[item]);
                assert(claimRank[item] > lastRank);           /* claim order => per-producer FIFO */
                lastRank = claimRank[item]
              }
              if
              :: recordLength > HEADER -> assert(mem[word + 2] == item)  /* plain payload read */
              :: else
              fi;
              atomic { consumed[item] = 1; delivered++ }
           :: else                                            /* padding or aborted: skipped */
           fi;
           atomic { item = 0; recordLength = 0; word = 0 }
        :: else -> break
        od;
        if
        :: read > 0 ->
#ifndef BROKEN_NO_ZERO
           d_step {                                           /* clearWords: zeroed by 8-byte words */
             k = index / 4;
             do
             :: k < (index + read) / 4 -> mem[k] = 0; k++
             :: else -> break
             od;
             k = 0
           }
#endif
           head = WRAP(head + read);
           HEAD = head                                        /* Atomics.store(HEAD) */
        :: else
        fi;
        if :: read != blockEnd -> break :: else fi
     od;
     if
     :: (count == 0 && doneSeen) -> break  /* drain after the last commit found nothing */
     :: else -> atomic { count = 0; index = 0; blockEnd = 0; read = 0; max = 0 }
     fi
  od
}

proctype Monitor() {
end: atomic {
    !(DIFF(TAIL, HEAD) >= 0 && DIFF(TAIL, HEAD) <= CAPB) ->
    assert(DIFF(TAIL, HEAD) >= 0 && DIFF(TAIL, HEAD) <= CAPB)
  }
}

init {
  byte pr;
  atomic {
    run Monitor();
    pr = 0;
    do
    :: pr < NPROD -> run Producer(pr); pr++
    :: else -> break
    od;
    run Consumer()
  }
  (_nr_pr == 2);
  assert(delivered == committedCount && TAIL == HEAD);
  finished = 1
}
