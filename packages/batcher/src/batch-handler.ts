/**
 * Receives one batch: `items[0]` to `items[count - 1]`, in arrival order.
 *
 * The array is the caller's reusable buffer: it can be longer than `count`, and it is cleared
 * and refilled as soon as the handler returns, so copy out anything you keep.
 */
export type BatchHandler<T> = (items: readonly T[], count: number) => void;
