/**
 * The only converter from offsets and YAML nodes to ranges. Every diagnostic, hint and edit in the
 * product is located through this file, so line and column arithmetic lives in one place.
 */
import { isNode, isPair, isScalar, type Node, type Pair } from 'yaml';
import type { Position, Range } from './findings';

/** Maps UTF-16 offsets of one text to LSP positions (and back) with a binary search over line starts. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // CRLF counts as one break; a lone CR is a break too, as in LSP.
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  /** Number of lines in the text (a trailing newline opens an empty last line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset, clamped to the text. */
  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: at - (this.starts[lo] ?? 0) };
  }

  /** The offset of a position, clamped to its line. */
  offset(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
    const start = this.starts[line] ?? 0;
    const next = this.starts[line + 1] ?? this.text.length + 1;
    return Math.min(start + Math.max(0, position.character), next - 1, this.text.length);
  }

  /** The range between two offsets. */
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The range of a whole line without its line break, found from the next line's start (no scan). */
  lineRange(line: number): Range {
    const at = Math.max(0, Math.min(line, this.starts.length - 1));
    const start = this.starts[at] ?? 0;
    return this.range(start, this.lineEnd(at));
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    const at = Math.max(0, Math.min(line, this.starts.length - 1));
    return this.text.slice(this.starts[at] ?? 0, this.lineEnd(at));
  }

  /**
   * The leading spaces and tabs of a line. Read from the line's start, so a finding on a line of
   * a megabyte costs its indentation, not the line (fixes insert comments at this indentation).
   */
  indentation(line: number): string {
    const at = Math.max(0, Math.min(line, this.starts.length - 1));
    const start = this.starts[at] ?? 0;
    const end = this.lineEnd(at);
    let i = start;
    while (i < end && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    return this.text.slice(start, i);
  }

  /** The offset where a line's break (or the text) begins. */
  private lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    // The next line starts after "\n", "\r\n" or a lone "\r".
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }
}

/** Where in a card a finding points: a YAML node (its value) or a pair's key. */
export type CardNode = Node | Pair;

/**
 * The range of a card node. A pair means its key (unknown property, missing child); any other node
 * means its value without trailing comments. Quoted scalars include their quotes.
 */
export function nodeRange(index: LineIndex, node: CardNode): Range {
  if (isPair(node)) {
    const key = node.key;
    if (isNode(key) && key.range) return index.range(key.range[0], key.range[1]);
    if (isNode(node.value) && node.value.range) return index.range(node.value.range[0], node.value.range[0]);
    return index.range(0, 0);
  }
  if (!node.range) return index.range(0, 0);
  const [start, valueEnd] = node.range;
  return index.range(start, trimEnd(index, start, valueEnd, isScalar(node)));
}

/** Block collections end after their last line break; the underline should stop at the last character. */
function trimEnd(index: LineIndex, start: number, end: number, scalar: boolean): number {
  if (scalar) return end;
  const text = index.text;
  let e = end;
  while (e > start && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

/** The range of a pair's key, or of the node itself when it is not a pair. */
export function keyRange(index: LineIndex, pair: Pair): Range {
  return nodeRange(index, pair);
}

/** A zero-width range at an offset, for findings about an absence at a point. */
export function pointRange(index: LineIndex, offset: number): Range {
  return index.range(offset, offset);
}
