/*
 * slab_treiber.pml -- the free list of SharedSlabPool, packages/mempool/src/shared-slab-pool.ts
 * (a Treiber stack of block indices linked through LINKS[], with a tagged HEAD; layout.ts)
 *
 * What is modelled (one Promela step per Atomics operation or per plain Int32 access; local
 * arithmetic is folded into the adjacent step):
 *   SharedSlabPool.alloc: Atomics.load of HEAD; index = head & indexMask, NIL -> Atomics.add
 *     of FAILURES and NO_BLOCK; plain read of LINKS[index]; next = ((head + tagUnit) & tagMask)
 *     | (below & indexMask); CAS on HEAD (on failure continue from the value it returned); then
 *     the plain store LINKS[index] = SLAB_ALLOCATED and Atomics.add of ALLOCS (countAlloc; the
 *     high-water statistic is not modelled).
 *   SharedSlabPool.free: CAS of LINKS[index] from SLAB_ALLOCATED to NIL (the double-free
 *     check), Atomics.add of FREES, then push: plain read of HEAD as the first guess, plain
 *     store LINKS[index] = head & indexMask, CAS on HEAD to (head & tagMask) | index, retried
 *     with the value the CAS returned.
 *   BLOCKS blocks (default 3, so INDEX_BITS = 2, NIL = 3, tagUnit = 4, as slabGeometry computes
 *   for blockCount 3), created as createIn does: HEAD = 0, LINKS = [1, 2, NIL].
 *   NTHREADS threads (default 2) each run OPS operations, each an alloc (while holding fewer
 *   than HOLD blocks) or a free of a block it holds, chosen nondeterministically; then each
 *   frees what it still holds.
 *
 * Properties:
 *   - no ABA / no double allocation: a winning pop CAS always takes a block that is free (on
 *     the stack) and no other thread owns; a legitimate free always wins the LINKS CAS
 *     (DOUBLE_FREE is never thrown for a correct caller).
 *   - no loss: when every thread has freed its blocks, the stack from HEAD holds every block
 *     exactly once (no cycle, ends at NIL) and ALLOCS == FREES.
 *   - the counter invariant of layout.ts: 0 <= ALLOCS - FREES <= blocks off the stack, at every
 *     step (Monitor).
 *   - the untagged head (BROKEN_UNTAGGED) does suffer ABA: spin finds the classic trail (a
 *     popper stalls after reading LINKS[a] = b; another thread pops a, pops b, pushes a; the
 *     stale CAS succeeds and puts b, which is allocated, back on top; b is handed out twice).
 *
 * Memory model. SC interleavings; every Atomics op is SeqCst in JavaScript. Plain accesses:
 *   - the plain read of LINKS[index] in alloc races with other threads' writes of that word by
 *     design. If its CAS succeeds, HEAD still holds the value loaded (same tag, so no pop in
 *     between, and a push cannot restore the same index without a pop), so the push that
 *     wrote LINKS[index] happens-before the Atomics.load of HEAD, and any later write of the
 *     word comes after a pop CAS that follows ours in the SeqCst order, hence after the read.
 *     A failed CAS discards the value. So the SC model's value is the only one that matters.
 *   - the plain store LINKS[index] = SLAB_ALLOCATED after a pop, and the plain store of the
 *     link in push before its CAS: ordered by program order and the SeqCst CAS that publishes
 *     them. The model asserts that a correct free always finds SLAB_ALLOCATED, which relies on
 *     the caller's hand-off of the block offset synchronising (as alloc's comment says); the
 *     model hands blocks only to the thread that allocated them.
 *   - the plain first read of HEAD in push is only a guess checked by the CAS.
 * Not covered: tag wrap-around (a popper stalled for a multiple of 2^(32 - INDEX_BITS) pops);
 * the debug poison check; the high-water CAS loop (a statistic); block contents.
 *
 * Broken variants (spin -D...), each must fail:
 *   BROKEN_UNTAGGED    pop does not bump the tag (next = below): ABA.
 *   BROKEN_LINK_LATE   push CASes HEAD before storing the link word.
 * NO_STALE_CHECK drops the direct stale-link assertion, so that (with BROKEN_UNTAGGED and a
 * breadth-first search, -DBFS) spin must show the consequence instead: the shortest trail
 * hands one block to two threads.
 */

#ifndef BLOCKS
#define BLOCKS 3
#endif
#ifndef INDEX_BITS
#define INDEX_BITS 2              /* 32 - Math.clz32(BLOCKS) */
#endif
#ifndef NTHREADS
#define NTHREADS 2
#endif
#ifndef OPS
#define OPS 4
#endif
#ifndef HOLD
#define HOLD 2
#endif
#define TAG_UNIT (1 << INDEX_BITS)
#define INDEX_MASK (TAG_UNIT - 1)
#define NIL INDEX_MASK
#define TAG_MASK (~INDEX_MASK)
#define ALLOCATED (-1)            /* SLAB_ALLOCATED */
#define NOBODY 255

int HEAD = 0;                     /* SLAB_HEAD_WORD: (tag << INDEX_BITS) | index */
short LINKS[BLOCKS];              /* SLAB_LINKS_WORD + i */
byte ALLOCS, FREES, FAILURES;     /* the statistics counters */

/* ghosts */
byte owner[BLOCKS];               /* NOBODY while free */
bit onStack[BLOCKS];
byte offStack = 0;                /* blocks not on the stack */
byte linkRead[NTHREADS];          /* 1 + the block whose link the thread read in alloc, or 0 */
bit linkStale[NTHREADS];          /* that link word was written since the thread read it */
bit finished;

/* every write of a LINKS word goes through here, so a pop can tell it read a stale link */
inline setLink(block, value) {
  atomic {
    LINKS[block] = value;
    t = 0;
    do
    :: t < NTHREADS -> if :: linkRead[t] == block + 1 -> linkStale[t] = 1 :: else fi; t++
    :: else -> t = 0; break
    od
  }
}

inline alloc(result) {
  head = HEAD;                                                /* Atomics.load(HEAD) */
  do
  :: atomic { index = head & INDEX_MASK }
     if
     :: index == NIL ->
        FAILURES++;                                           /* Atomics.add(FAILURES) */
        result = NOBODY;
        break                                                 /* NO_BLOCK */
     :: else
     fi;
     atomic {
       below = LINKS[index];                                  /* plain read */
       linkRead[me] = index + 1; linkStale[me] = 0;
#ifdef BROKEN_UNTAGGED
       next = below & INDEX_MASK
#else
       next = ((head + TAG_UNIT) & TAG_MASK) | (below & INDEX_MASK)
#endif
     }
     atomic {                                                 /* Atomics.compareExchange(HEAD) */
       seen = HEAD;
       linkRead[me] = 0;
       if
       :: seen == head ->
          HEAD = next;
          /* no ABA: the winning CAS installs a link that nobody rewrote since it was read */
#ifndef NO_STALE_CHECK
          assert(!linkStale[me]);
#endif
          assert(onStack[index] && owner[index] == NOBODY);   /* no double allocation */
          onStack[index] = 0; offStack++;
          owner[index] = me
       :: else
       fi
     }
     if
     :: seen == head ->
        setLink(index, ALLOCATED);                            /* plain store */
        ALLOCS++;                                             /* Atomics.add(ALLOCS) */
        result = index;
        break
     :: else -> head = seen
     fi
  od;
  atomic { head = 0; seen = 0; next = 0; below = 0; index = 0 }
}

inline free(block) {
  atomic {                                                    /* CAS LINKS[i]: ALLOCATED -> NIL */
    assert(owner[block] == me);
    owner[block] = NOBODY;
    claimed = LINKS[block];
    assert(claimed == ALLOCATED);                             /* DOUBLE_FREE never thrown */
    if :: claimed == ALLOCATED -> setLink(block, NIL) :: else fi
  }
  FREES++;                                                    /* Atomics.add(FREES) */
  /* push(index) */
  head = HEAD;                                                /* plain read: a first guess */
  do
  ::
#ifndef BROKEN_LINK_LATE
     setLink(block, head & INDEX_MASK);                       /* plain store of the link */
#endif
     atomic {                                                 /* Atomics.compareExchange(HEAD) */
       seen = HEAD;
       if
       :: seen == head ->
          HEAD = (head & TAG_MASK) | block;                   /* a push keeps the tag */
          onStack[block] = 1; offStack--
       :: else
       fi
     }
     if
     :: seen == head ->
#ifdef BROKEN_LINK_LATE
        setLink(block, head & INDEX_MASK);                    /* the link, too late */
#endif
        break
     :: else -> head = seen
     fi
  od;
  atomic { head = 0; seen = 0; claimed = 0 }
}

proctype Thread(byte me) {
  int head, seen, next;
  short below, claimed;
  byte index, got, ops, k, t;
  byte held[HOLD];
  byte nheld;

  ops = 0;
  do
  :: ops == OPS -> break
  :: ops < OPS && nheld < HOLD ->
     alloc(got);
     if
     :: got != NOBODY -> held[nheld] = got; nheld++
     :: else
     fi;
     atomic { got = 0; ops++ }
  :: ops < OPS && nheld > 0 ->
     /* free one of the held blocks (any of them) */
     if
     :: k = 0
     :: nheld > 1 -> k = 1
     fi;
     free(held[k]);
     atomic { held[k] = held[nheld - 1]; held[nheld - 1] = 0; nheld--; k = 0; ops++ }
  od;
  do
  :: nheld > 0 -> free(held[nheld - 1]); atomic { held[nheld - 1] = 0; nheld-- }
  :: else -> break
  od
}

proctype Monitor() {
  /* layout.ts: FREES <= ALLOCS, and ALLOCS - FREES never exceeds the blocks really out */
end: atomic {
    !(FREES <= ALLOCS && ALLOCS - FREES <= offStack) ->
    assert(FREES <= ALLOCS && ALLOCS - FREES <= offStack)
  }
}

init {
  byte k, count, i;
  bit seenBlock[BLOCKS];
  atomic {
    /* SharedSlabPool.createIn: block 0 on top, each linked to the next, the last to NIL */
    k = 0;
    do
    :: k < BLOCKS ->
       LINKS[k] = (k + 1 < BLOCKS -> k + 1 : NIL);
       owner[k] = NOBODY;
       onStack[k] = 1;
       k++
    :: else -> break
    od;
    run Monitor();
    k = 0;
    do
    :: k < NTHREADS -> run Thread(k); k++
    :: else -> break
    od
  }
  (_nr_pr == 2);
  /* every block is back, exactly once, on a NIL-terminated stack */
  d_step {
    assert(ALLOCS == FREES);
    i = HEAD & INDEX_MASK;
    count = 0;
    do
    :: i == NIL -> break
    :: else ->
       assert(i < BLOCKS && !seenBlock[i]);
       seenBlock[i] = 1;
       count++;
       i = LINKS[i] & INDEX_MASK
    od;
    assert(count == BLOCKS)
  }
  finished = 1
}
