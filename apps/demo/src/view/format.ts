/** 1234567 -> "1.23M", 12345 -> "12.3k". */
export function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return `${Math.round(n)}`;
}

/** Milliseconds with a precision that suits the size. */
export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)}ms` : `${value.toFixed(1)}ms`;
}
