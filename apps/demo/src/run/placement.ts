import type { DeskPlan } from '../desk/desk-protocol.js';

/**
 * Where each actor goes: books, traders and subscribers are dealt round-robin over the
 * workers (book s and trader t on worker s % n and t % n), each worker gets its own risk
 * shard, and market data goes to the last worker. So with n workers an order's first hop
 * (trader -> its risk shard) stays on its thread, and the hop to the book and the answer
 * back cross workers (n - 1) / n of the time.
 */
export function planDesks(
  workers: number,
  symbols: number,
  traders: number,
  subscribers: number,
): DeskPlan[] {
  const plans = Array.from({ length: workers }, (_, w) => ({
    books: [] as number[],
    traders: [] as number[],
    subscribers: [] as number[],
    marketData: w === workers - 1,
  }));
  for (let s = 0; s < symbols; s++) plans[s % workers]!.books.push(s);
  for (let t = 0; t < traders; t++) plans[t % workers]!.traders.push(t);
  for (let i = 0; i < subscribers; i++) plans[i % workers]!.subscribers.push(i);
  return plans;
}
