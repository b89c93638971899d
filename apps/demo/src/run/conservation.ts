import type { BookTotals, TraderTotals } from '../desk/desk-protocol.js';

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
  /** What the traders saw, summed over every worker. */
  readonly traders: TraderTotals;
  /** What the books committed, summed over every worker; resting orders from the journals. */
  readonly books: BookTotals;
  /** Traded quantity each subscriber saw. */
  readonly subscriberTradeQty: readonly number[];
  /** Messages still unhandled when the check ran (0 after a clean drain). */
  readonly pending: number;
  readonly deadLetters: number;
}

/** Sums per-worker totals field by field (digests mod 2^32). */
export function sumTotals<T extends object>(parts: readonly T[], zero: T): T {
  const out = { ...zero } as Record<string, number>;
  for (const part of parts) {
    for (const [key, value] of Object.entries(part as Record<string, number>)) {
      out[key] = key === 'digest' ? ((out[key] ?? 0) + value) >>> 0 : (out[key] ?? 0) + value;
    }
  }
  return out as T;
}

function item(name: string, ok: boolean, detail: string): ConservationItem {
  return { name, ok, detail };
}

/**
 * Proves nothing was lost or counted twice, from the traders' accounts (what the clients
 * saw) and the books' journals (what the exchange committed), gathered from every worker:
 * every order is filled, resting, cancelled or rejected exactly once; fills balance between
 * buyers and sellers; the books (rebuilt from their journals) hold exactly the orders traders
 * think open (same count, quantity and digest of (id, remaining) pairs).
 */
export function checkConservation(input: ConservationInput): ConservationResult {
  const t = input.traders;
  const x = input.books;
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
      x.resting === t.resting && x.restingQty === t.restingQty && x.digest === t.digest,
      `${x.resting} resting orders (${x.restingQty} qty, digest ${hex(x.digest)}) in the journals, ${t.resting} (${t.restingQty}, ${hex(t.digest)}) open at traders`,
    ),
    item(
      'exchange agrees',
      x.accepted === t.submitted - t.rejected && x.cancelledQty === t.cancelledQty,
      `${x.accepted} accepted = ${t.submitted} - ${t.rejected} rejected; cancelled qty ${x.cancelledQty} = ${t.cancelledQty}`,
    ),
    item(
      'market data complete',
      input.subscriberTradeQty.every((q) => q === x.filledQty),
      `${input.subscriberTradeQty.length} subscribers saw ${input.subscriberTradeQty.join('/')} traded qty`,
    ),
    item('no dead letters', input.deadLetters === 0, `${input.deadLetters} dead letters`),
  ];
  return { ok: items.every((i) => i.ok), items };
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
