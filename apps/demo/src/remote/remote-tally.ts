/** What the exchange asks the market-data process for at the end (`zactor-demo --remote`). */
export interface TallyRequest {
  readonly type: 'tally';
}

/** What the market-data process saw: updates, trades, traded quantity; and its pid. */
export interface RemoteTally {
  updates: number;
  trades: number;
  tradeQty: number;
  readonly pid: number;
}
