/**
 * Anything a {@link BatchProcessor} can pull a batch from: calls `handler` once per item, in
 * order, for at most `max` items (all available items when `max` is omitted), and returns how
 * many it handed out (0 when empty). The in-heap and shared-memory queues of
 * `@zactor/ringbuffer` have this shape.
 *
 * Called by the source's single consumer only; what the source publishes and when is the
 * source's own contract.
 */
export interface DrainSource<T> {
  drain(handler: (item: T) => void, max?: number): number;
}
