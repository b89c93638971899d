import type { SubscriberTally } from '../actors/market-data-subscriber.js';
import type { BookJournal } from '../store/book-journal.js';
import type { TraderAccount } from '../store/trader-account.js';

/** One line of the conservation check. */
export interface ConservationItem {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface ConservationResult {
  readonly ok: boolean;
  readonly items: readonly ConservationItem[];
}

export interface ConservationInput {
  readonly accounts: readonly TraderAccount[];
  readonly journals: readonly BookJournal[];
  readonly subscribers: readonly SubscriberTally[];
  /** Messages still unhandled when the check ran (0 after a clean drain). */
  readonly pending: number;
  readonly deadLetters: number;
}

function item(name: string, ok: boolean, detail: string): ConservationItem {
  return { name, ok, detail };
}

/**
 * Proves nothing was lost or counted twice, from the traders' accounts (what the clients
 * saw) and the books' journals (what the exchange committed): every order is filled,
 * resting, cancelled or rejected exactly once; fills balance between buyers and sellers;
 * the books (rebuilt from their durable journals) hold exactly the orders traders think open.
 */
export function checkConservation(input: ConservationInput): ConservationResult {
  const t = {
    submitted: 0,
    submittedQty: 0,
    filled: 0,
    cancelled: 0,
    rejected: 0,
    rejectedQty: 0,
    resting: 0,
    restingQty: 0,
    filledQty: 0,
    cancelledQty: 0,
    bought: 0,
    sold: 0,
    cash: 0,
  };
  const traderOpen = new Map<number, number>();
  for (const a of input.accounts) {
    t.submitted += a.submitted;
    t.submittedQty += a.submittedQty;
    t.filled += a.filledOrders;
    t.cancelled += a.cancelledOrders;
    t.rejected += a.rejected;
    t.rejectedQty += a.rejectedQty;
    t.filledQty += a.filledQty;
    t.cancelledQty += a.cancelledQty;
    t.bought += a.bought;
    t.sold += a.sold;
    t.cash += a.cash;
    for (const [id, o] of a.open) {
      t.resting++;
      t.restingQty += a.remainingOf(o);
      traderOpen.set(id, a.remainingOf(o));
    }
  }
  const x = { accepted: 0, filledQty: 0, cancelledQty: 0, resting: 0, restingQty: 0 };
  let bookMismatches = 0;
  for (const j of input.journals) {
    x.accepted += j.totals.acceptedOrders;
    x.filledQty += j.totals.filledQty;
    x.cancelledQty += j.totals.cancelledQty;
    const book = j.recover();
    for (const side of ['buy', 'sell'] as const) {
      for (const o of book.depth(side)) {
        x.resting++;
        x.restingQty += o.remaining;
        if (traderOpen.get(o.id) !== o.remaining) bookMismatches++;
      }
    }
  }
  const settled = t.filled + t.cancelled + t.rejected + t.resting;
  const settledQty = t.filledQty + t.cancelledQty + t.rejectedQty + t.restingQty;
  const items: ConservationItem[] = [
    item('drained', input.pending === 0, `${input.pending} messages unhandled`),
    item(
      'orders accounted for',
      t.submitted === settled,
      `${t.submitted} submitted = ${t.filled} filled + ${t.cancelled} cancelled + ${t.rejected} rejected + ${t.resting} resting`,
    ),
    item(
      'quantity accounted for',
      t.submittedQty === settledQty,
      `${t.submittedQty} = ${t.filledQty} filled + ${t.cancelledQty} cancelled + ${t.rejectedQty} rejected + ${t.restingQty} resting`,
    ),
    item(
      'fills balance',
      t.bought === t.sold && t.bought === x.filledQty && t.cash === 0,
      `bought ${t.bought} = sold ${t.sold} = exchange ${x.filledQty}; net cash ${t.cash}`,
    ),
    item(
      'books match traders',
      bookMismatches === 0 && x.resting === t.resting && x.restingQty === t.restingQty,
      `${x.resting} resting orders (${x.restingQty} qty) in the journals, ${t.resting} (${t.restingQty}) open at traders, ${bookMismatches} mismatches`,
    ),
    item(
      'exchange agrees',
      x.accepted === t.submitted - t.rejected && x.cancelledQty === t.cancelledQty,
      `${x.accepted} accepted = ${t.submitted} - ${t.rejected} rejected; cancelled qty ${x.cancelledQty} = ${t.cancelledQty}`,
    ),
    item(
      'market data complete',
      input.subscribers.every((s) => s.tradeQty === x.filledQty),
      `${input.subscribers.length} subscribers saw ${input.subscribers.map((s) => s.tradeQty).join('/')} traded qty`,
    ),
    item('no dead letters', input.deadLetters === 0, `${input.deadLetters} dead letters`),
  ];
  return { ok: items.every((i) => i.ok), items };
}
