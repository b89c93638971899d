import type { ActorRef } from '@zactor/actor-core';
import type { BookMsg, TraderMsg } from '../actors/messages.js';
import { OrderBook } from '../matching/order-book.js';
import type { BookSnapshot, SubmitResult } from '../matching/types.js';

/** What a command did: the submit result of a place, the cancelled quantity of a cancel. */
export type CommandOutcome =
  | { readonly kind: 'place'; readonly result: SubmitResult }
  | { readonly kind: 'cancel'; readonly cancelledQty: number };

/** One committed command and whether its acknowledgement and reports have gone out. */
export interface JournalEntry {
  readonly command: BookMsg;
  readonly outcome: CommandOutcome;
  emitted: boolean;
}

/** Exchange-side totals, updated at the commit point together with the journal. */
export interface ExchangeTotals {
  acceptedOrders: number;
  acceptedQty: number;
  filledQty: number;
  trades: number;
  cancelledQty: number;
  commands: number;
}

/**
 * The "durable" store of one symbol's order book, owned outside the actor so that it
 * survives a crash: the last snapshot, the journal of commands committed since, the last
 * request number seen per trader (to recognise a redelivered command), and the commands
 * committed but not yet acknowledged, and each trader's ref (to send it maker fills).
 *
 * Contract: only the symbol's order-book actor writes it, on its worker's thread; it lives in
 * that worker's module memory, so it survives the actor's restarts but not the worker's death.
 */
export class BookJournal {
  readonly symbol: number;
  private snap: BookSnapshot | null = null;
  private entries: JournalEntry[] = [];
  private readonly lastReq = new Map<number, number>();
  private readonly unacked = new Map<number, JournalEntry>();
  private readonly clients = new Map<number, ActorRef<TraderMsg>>();
  private readonly snapshotEvery: number;
  readonly totals: ExchangeTotals = {
    acceptedOrders: 0,
    acceptedQty: 0,
    filledQty: 0,
    trades: 0,
    cancelledQty: 0,
    commands: 0,
  };
  /** Snapshots taken and commands replayed during recoveries, for the summary. */
  snapshots = 0;
  replayed = 0;

  constructor(symbol: number, snapshotEvery: number) {
    this.symbol = symbol;
    this.snapshotEvery = snapshotEvery;
  }

  /** True when `trader`'s request `req` is already committed (a redelivery). */
  isCommitted(trader: number, req: number): boolean {
    const last = this.lastReq.get(trader);
    return last !== undefined && req <= last;
  }

  /** The committed but unacknowledged entry of `trader`, if any. */
  unackedOf(trader: number): JournalEntry | undefined {
    return this.unacked.get(trader);
  }

  /** The ref of `trader`, known once one of its commands was committed here. */
  clientOf(trader: number): ActorRef<TraderMsg> | undefined {
    return this.clients.get(trader);
  }

  /** The commit point: from here on the command is part of the book's state. */
  commit(trader: number, req: number, command: BookMsg, outcome: CommandOutcome): JournalEntry {
    const entry: JournalEntry = { command, outcome, emitted: false };
    this.entries.push(entry);
    this.lastReq.set(trader, req);
    this.unacked.set(trader, entry);
    this.clients.set(trader, command.replyTo);
    const t = this.totals;
    t.commands++;
    if (outcome.kind === 'place') {
      t.acceptedOrders++;
      t.acceptedQty += command.type === 'place' ? command.order.qty : 0;
      t.trades += outcome.result.fills.length;
      for (const f of outcome.result.fills) t.filledQty += f.qty;
    } else {
      t.cancelledQty += outcome.cancelledQty;
    }
    return entry;
  }

  /** Marks the acknowledgement and reports of `entry` as sent. */
  emitted(trader: number, entry: JournalEntry): void {
    entry.emitted = true;
    if (this.unacked.get(trader) === entry) this.unacked.delete(trader);
  }

  /** Takes a snapshot when the journal is long enough; the journal restarts after it. */
  maybeSnapshot(book: OrderBook): void {
    if (this.entries.length < this.snapshotEvery) return;
    this.snap = book.snapshot();
    this.entries = [];
    this.snapshots++;
  }

  /** Rebuilds the book: the last snapshot, then every command committed since, in order. */
  recover(): OrderBook {
    const book = this.snap === null ? new OrderBook() : OrderBook.restore(this.snap);
    for (const { command } of this.entries) {
      if (command.type === 'place') book.submit(command.order);
      else book.cancel(command.orderId);
      this.replayed++;
    }
    return book;
  }
}
