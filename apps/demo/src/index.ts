export type { DeskPlan, DeskReport } from './desk/desk-protocol.js';
export { OrderBook } from './matching/order-book.js';
export type { BookSnapshot, Fill, LimitOrder, Side, SubmitResult } from './matching/types.js';
export type { ConservationItem, ConservationResult } from './run/conservation.js';
export {
  DEFAULT_OPTIONS,
  DemoOptionError,
  type ExchangeOptions,
  validateOptions,
} from './run/exchange-options.js';
export { type ExchangeReport, type RunOptions, runExchange } from './run/run-exchange.js';
