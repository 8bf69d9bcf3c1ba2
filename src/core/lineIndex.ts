import type { Position, Range, Span } from './types';

/** Where each line of a text starts: lines end at `\n`, `\r\n` or a lone `\r`, as in VS Code. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Maps UTF-16 offsets to LSP positions and back. JavaScript strings are UTF-16,
 * so an offset into the decoded text is already what LSP counts. Lines end at
 * `\n`, `\r\n` or a lone `\r`, as in VS Code.
 */
export class LineIndex {
  // Line starts are computed on first use: most sources of a large corpus never have a
  // position asked of them, and a warm start from the persisted index should not scan
  // every text. A #private field keeps two indexes of one text deep-equal either way.
  #starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private get lineStarts(): number[] {
    return (this.#starts ??= lineStartsOf(this.text));
  }

  /** Number of lines; a trailing line break starts one more, empty line. */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of a UTF-16 offset, clamped to the text. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low]! };
  }

  /**
   * The offset of a position, clamped to the text: characters past the end of a line clamp
   * to its end, lines past the last to the end of the text. Positions come from editors, so
   * negative values, fractions and NaN clamp too rather than producing a NaN offset.
   */
  offsetAt(position: Position): number {
    const line = Math.trunc(position.line);
    if (Number.isNaN(line) || line < 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[line]!;
    const character = Math.trunc(position.character);
    return character > 0 ? Math.min(start + character, this.lineContentEnd(line)) : start;
  }

  /** The range of a span. */
  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** The span of a range. */
  spanOf(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }

  /** Offset where a line starts (lines clamp to the text). */
  lineStart(line: number): number {
    const whole = Math.trunc(line);
    return this.lineStarts[whole > 0 ? Math.min(whole, this.lineStarts.length - 1) : 0]!;
  }

  /** Offset where a line's content ends, before its line break. */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    let end = next;
    if (end > this.lineStarts[line]! && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line]! && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}
