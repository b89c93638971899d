export { OrderBook } from './matching/order-book.js';
export type { BookSnapshot, Fill, LimitOrder, Side, SubmitResult } from './matching/types.js';
export type { ConservationItem, ConservationResult } from './run/conservation.js';
export {
  DEFAULT_OPTIONS,
  DemoOptionError,
  type ExchangeOptions,
  validateOptions,
} from './run/exchange-options.js';
export { type ExchangeReport, runExchange } from './run/run-exchange.js';
