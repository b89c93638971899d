/*
 * wake_signal.pml -- the parking protocol of the shared rings:
 *   WakeSignal (packages/ringbuffer/src/wake-signal.ts: prepare, cancel, park, notifyIfParked)
 *   as driven by SpinThenParkWaitStrategy.waitFor
 *   (packages/ringbuffer/src/spin-then-park-wait-strategy.ts; AsyncParkWaitStrategy runs the
 *   same steps with Atomics.waitAsync).
 *
 * What is modelled (one Promela step per Atomics operation):
 *   Producers (NPROD x PER items): publish = one SeqCst store that makes an item visible (the
 *     rings' Atomics.store of the position/length/sequence; abstracted here as an increment of
 *     AVAILABLE), then notifyIfParked: Atomics.load PARKED, and when non-zero Atomics.add
 *     WAKE_COUNT and Atomics.notify(WAKE_COUNT, 1).
 *   Consumers (NCONS, like MpmcQueue consumers; NCONS = 1 is the SPSC/MPSC case): waitFor with
 *     spins = 0 (one hasItems poll), then the loop: prepare (Atomics.add PARKED, Atomics.load
 *     WAKE_COUNT = token), hasItems re-check (Atomics.load) -> cancel (Atomics.sub PARKED);
 *     otherwise park: Atomics.wait(WAKE_COUNT, token) with no timeout, then Atomics.sub PARKED,
 *     hasItems. Once waitFor returns true the consumer tries to take one item (an atomic
 *     decrement if one is still there: another consumer may have taken it) and waits again.
 *   Atomics.wait compares and enqueues the waiter inside the waiter list's critical section
 *   and Atomics.notify removes waiters inside it, so wait's compare+enqueue is one step and
 *   notify(…, 1) is one step that wakes at most one waiter (any of them: the spec's FIFO order
 *   is a special case).
 *
 * Property (no lost wake-up): whenever the whole system is stuck -- every producer done and
 * every consumer asleep in Atomics.wait (spin's `timeout`) -- no item is left unconsumed.
 * Consumers asleep at the end are valid end states (label `end`).
 *
 * Memory model: every step is an Atomics op (SeqCst), so SC interleavings are exact. The
 * abstraction of the ring by a counter assumes what the ring models check: an item is visible
 * to hasItems exactly when its publishing store is. Not covered: timeouts (they only bound a
 * lost wake-up, they do not cause one), spurious wake-ups, the event-loop side of waitAsync.
 *
 * DEFERRED: the cluster's deferred wakes (actor-core cluster/link/wake-linger.ts, on
 *   MpscRing.commitQuietly / wakeConsumer): a producer publishes without notifying and owes a
 *   wake, which it pays after any later publish or not (the linger passed, or not: a free
 *   choice here), and always before it goes idle (the step that did no work; here, before it
 *   is done).
 *
 * Broken variants (spin -D...), each must fail:
 *   BROKEN_NOTIFY_FIRST  the producer checks PARKED before its publishing store.
 *   BROKEN_NO_RECHECK    the consumer parks after prepare() without re-checking the ring.
 *   BROKEN_NO_IDLE_PAY   (with DEFERRED) the producer may go idle still owing a wake.
 */

#ifndef NPROD
#define NPROD 2
#endif
#ifndef PER
#define PER 1
#endif
#ifndef NCONS
#define NCONS 2
#endif

byte AVAILABLE;                   /* published, not yet taken (the ring, abstracted) */
byte PARKED;                      /* PARKED_INDEX */
byte WAKE_COUNT;                  /* WAKE_COUNT_INDEX */
bit sleeping[NCONS];              /* in the waiter list of WAKE_COUNT */
byte producersDone;
byte consumed;
bit finished;

inline notifyIfParked() {
  if
  :: PARKED != 0 ->                                           /* Atomics.load(PARKED) */
     WAKE_COUNT = (WAKE_COUNT + 1) % 256;                     /* Atomics.add(WAKE_COUNT, 1) */
     atomic {                                                 /* Atomics.notify(WAKE_COUNT, 1) */
       if
       :: sleeping[0] -> sleeping[0] = 0
       :: NCONS > 1 && sleeping[1] -> sleeping[1] = 0
       :: NCONS > 2 && sleeping[2] -> sleeping[2] = 0
       :: else                                                /* nobody waiting */
       fi
     }
  :: else
  fi
}

proctype Producer() {
  byte i;
  bit owed;
  do
  :: i < PER ->
#ifdef DEFERRED
     AVAILABLE++;                                             /* commitQuietly's store */
     owed = 1;
     if
     :: owed = 0; notifyIfParked()                            /* endStep pays (linger passed) */
     :: skip                                                  /* still owed into the next step */
     fi;
#elif defined(BROKEN_NOTIFY_FIRST)
     notifyIfParked();
     AVAILABLE++;                                             /* the publishing store */
#else
     AVAILABLE++;                                             /* the publishing store */
     notifyIfParked();
#endif
     i++
  :: else -> break
  od;
#if defined(DEFERRED) && !defined(BROKEN_NO_IDLE_PAY)
  if
  :: owed -> owed = 0; notifyIfParked()                       /* the idle step pays */
  :: else
  fi;
#endif
  producersDone++
}

proctype Consumer(byte me) {
  byte token;
  do
  :: /* ---- waitFor(target): spins = 0, so one poll ---- */
     if
     :: AVAILABLE > 0 -> skip                                 /* hasItems() */
     :: else ->
        do
        :: PARKED++;                                          /* prepare(): Atomics.add */
           token = WAKE_COUNT;                                /*            Atomics.load */
#ifndef BROKEN_NO_RECHECK
           if
           :: AVAILABLE > 0 -> PARKED--; break                /* re-check; cancel() */
           :: else
           fi;
#endif
           atomic {                                           /* park(): Atomics.wait */
             if
             :: WAKE_COUNT == token -> sleeping[me] = 1       /* enqueue and sleep */
             :: else                                          /* "not-equal" */
             fi
           }
end:       !sleeping[me];                                     /* asleep until notified */
           PARKED--;                                          /* Atomics.sub(PARKED) */
           token = 0;
           if
           :: AVAILABLE > 0 -> break                          /* hasItems() */
           :: else
           fi
        od
     fi;
     /* waitFor returned true: take an item if another consumer has not taken it first */
     atomic { if :: AVAILABLE > 0 -> AVAILABLE--; consumed++ :: else fi }
  od
}

init {
  byte k;
  atomic {
    k = 0;
    do
    :: k < NPROD -> run Producer(); k++
    :: else -> break
    od;
    k = 0;
    do
    :: k < NCONS -> run Consumer(k); k++
    :: else -> break
    od
  }
  (producersDone == NPROD);
  timeout;                        /* nothing can move: every consumer is asleep */
  assert(AVAILABLE == 0 && consumed == NPROD * PER);
  finished = 1
}
