/** Builds indented JavaScript source for the generated codec; names are unique per writer. */
export class SourceWriter {
  private readonly lines: string[] = [];
  private depth = 0;
  private readonly counter: { next: number };

  constructor(counter: { next: number } = { next: 0 }) {
    this.counter = counter;
  }

  /** A fresh writer sharing this one's name counter (for functions emitted out of line). */
  fork(): SourceWriter {
    return new SourceWriter(this.counter);
  }

  /** A local name no other emitted code uses. */
  name(prefix: string): string {
    return `${prefix}${this.counter.next++}`;
  }

  line(text: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${text}`);
  }

  /** Emits `text` (ending in `{`) and indents what follows. */
  open(text: string): void {
    this.line(text);
    this.depth++;
  }

  close(text = '}'): void {
    this.depth--;
    this.line(text);
  }

  append(other: SourceWriter): void {
    for (const line of other.lines) this.lines.push(`${'  '.repeat(this.depth)}${line}`);
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

/** A JS string literal. */
export function lit(text: string): string {
  return JSON.stringify(text);
}

/** `base + offset`, without the `+ 0`. */
export function addr(base: string, offset: number): string {
  return offset === 0 ? base : `${base} + ${offset}`;
}
