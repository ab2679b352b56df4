/**
 * Block structure for the fast YAML path: mappings and sequences by indentation, with the same
 * node ranges as the `yaml` package. Most of the care goes into trailing trivia (blank and comment
 * lines), because the package attributes them to different nodes depending on their indentation:
 *
 * - a comment line indented deeper than the innermost collection, after only blank lines, extends
 *   the range of the scalar or flow collection just before it;
 * - other trivia trails the innermost collection; when that collection ends, it stays in its range
 *   if a comment is at least as indented as the collection (and the collection is not at column
 *   0), otherwise it moves outwards, ending up after the document's contents;
 * - after a key with no value, all trivia belongs to the empty value, cut at the second line break
 *   when the next key of the same mapping follows.
 */
import { Pair, YAMLMap, YAMLSeq, type Schema, type Scalar } from 'yaml';
import { FlowParser } from './flow';
import { BLANK, COMMENT, CONTENT, type Lines } from './lines';
import { parseBlockScalar } from './literal';
import { bail, C, canStartPlain, scanPlain, scanQuoted, unfoldLines, type ScalarFactory } from './scalar';

/** A node of the block structure. */
export type BlockNode = YAMLMap | YAMLSeq | Scalar;

/** Deeper block nesting than any card needs; the `yaml` package handles the rest. */
const MAX_DEPTH = 200;

/** Trivia after the last value, not yet claimed by a collection: where it ends, its deepest comment. */
interface Trivia {
  end: number;
  maxCommentIndent: number;
}

/** Parses the block structure of one document from its line table. */
export class BlockParser {
  private readonly text: string;
  private readonly flow: FlowParser;
  /** The next line to look at: after a value, the next content line (or `lines.count`). */
  line = 0;
  /** Trailing trivia of the innermost collection, or null. */
  pending: Trivia | null = null;
  private depth = 0;

  constructor(
    private readonly lines: Lines,
    private readonly schema: Schema,
    private readonly scalars: ScalarFactory,
  ) {
    this.text = lines.text;
    this.flow = new FlowParser(this.text, schema, scalars);
  }

  /** The root collection starting on content line `first` at column 0. */
  root(first: number): YAMLMap | YAMLSeq {
    this.line = first;
    return this.lines.isDash(first) ? this.seq(first, 0) : this.map(first, 0);
  }

  /** A block mapping whose first key is at column `col` of line `li`. */
  private map(li: number, col: number): YAMLMap {
    if (++this.depth > MAX_DEPTH) bail();
    const lines = this.lines;
    const map = new YAMLMap(this.schema);
    const start = (lines.start[li] as number) + col;
    let end = start;
    for (;;) {
      const pair = this.pair(li, col);
      map.items.push(pair);
      end = (pair.value as BlockNode).range?.[2] as number;
      const next = this.line;
      if (next >= lines.count) break;
      const k = lines.indent[next] as number;
      if (k < col) break;
      if (k > col || lines.isDash(next)) bail();
      this.pending = null;
      li = next;
    }
    this.depth--;
    return this.close(map, start, end, col);
  }

  /** A block sequence whose first `-` is at column `col` of line `li`. */
  private seq(li: number, col: number): YAMLSeq {
    if (++this.depth > MAX_DEPTH) bail();
    const lines = this.lines;
    const seq = new YAMLSeq(this.schema);
    const start = (lines.start[li] as number) + col;
    let end = start;
    // Trivia before a `-` belongs to its item: a comment there reaches an empty item's range.
    let before: Trivia | null = null;
    for (;;) {
      const item = this.item(li, col, before !== null && before.maxCommentIndent >= 0);
      seq.items.push(item);
      end = item.range?.[2] as number;
      const next = this.line;
      if (next >= lines.count) break;
      const k = lines.indent[next] as number;
      if (k > col) bail();
      if (k < col || !lines.isDash(next)) break;
      before = this.pending;
      this.pending = null;
      li = next;
    }
    this.depth--;
    return this.close(seq, start, end, col);
  }

  /** Sets a finished collection's range, claiming the trailing trivia when `yaml` keeps it inside. */
  private close<T extends YAMLMap | YAMLSeq>(node: T, start: number, end: number, col: number): T {
    node.range = [start, end, end];
    const p = this.pending;
    if (p && col > 0 && p.maxCommentIndent >= col) {
      node.range[2] = p.end;
      this.pending = null;
    }
    return node;
  }

  /** One `key: value` pair whose key starts at column `col` of line `li`. */
  private pair(li: number, col: number): Pair {
    const lines = this.lines;
    const lineEnd = lines.end[li] as number;
    const key = this.key((lines.start[li] as number) + col, lineEnd) ?? bail();
    const r = this.skipSpaces(key.colon + 1, lineEnd);
    if (r < lineEnd && this.text.charCodeAt(r) !== C.HASH) return new Pair(key.node, this.inline(r, li, col));
    const next = lines.nextContent(li + 1);
    if (next < lines.count) {
      const k = lines.indent[next] as number;
      if (k > col || (k === col && lines.isDash(next))) return new Pair(key.node, this.nested(next));
    }
    return new Pair(key.node, this.empty(r, li, next, col));
  }

  /** One sequence item whose `-` is at column `col` of line `li`. */
  private item(li: number, col: number, commentBefore: boolean): BlockNode {
    const lines = this.lines;
    const lineEnd = lines.end[li] as number;
    const r = this.skipSpaces((lines.start[li] as number) + col + 1, lineEnd);
    if (r >= lineEnd || this.text.charCodeAt(r) === C.HASH) {
      const next = lines.nextContent(li + 1);
      if (next < lines.count && (lines.indent[next] as number) > col) return this.nested(next);
      return this.emptyItem(r, li, next, commentBefore);
    }
    if (this.key(r, lineEnd)) return this.map(li, r - (lines.start[li] as number));
    return this.inline(r, li, col);
  }

  /** The block collection starting on content line `li` (the value of a key or item above it). */
  private nested(li: number): YAMLMap | YAMLSeq {
    this.line = li;
    const col = this.lines.indent[li] as number;
    return this.lines.isDash(li) ? this.seq(li, col) : this.map(li, col);
  }

  /** An implicit key at `pos` followed by `: ` (or `:` at the line end), or undefined. */
  private key(pos: number, lineEnd: number): { node: Scalar; colon: number } | undefined {
    const text = this.text;
    const c = text.charCodeAt(pos);
    let node: Scalar;
    let colon: number;
    if (c === C.DQ || c === C.SQ) {
      const end = scanQuoted(text, pos, lineEnd);
      colon = this.skipSpaces(end, lineEnd);
      if (text.charCodeAt(colon) !== C.COLON || colon >= lineEnd) return undefined;
      if (colon + 1 < lineEnd && text.charCodeAt(colon + 1) !== C.SP) return undefined;
      node = this.scalars.quoted(text, pos, end, end);
    } else {
      if (!canStartPlain(text, pos, lineEnd)) return undefined;
      const s = scanPlain(text, pos, lineEnd, false);
      if (s.why !== 'colon') return undefined;
      colon = s.stop;
      node = this.scalars.plain(text, pos, s.end, s.end);
    }
    // `yaml` in strict mode rejects implicit keys longer than 1024 characters.
    if (colon - pos > 1000) bail();
    return { node, colon };
  }

  /** A value starting at `pos` on line `li` inside a collection at column `col`. */
  private inline(pos: number, li: number, col: number): BlockNode {
    const text = this.text;
    const lines = this.lines;
    const lineEnd = lines.end[li] as number;
    const c = text.charCodeAt(pos);
    let node: BlockNode;
    if (c === C.PIPE || c === C.GT) {
      const r = parseBlockScalar(text, pos, lineEnd, col, this.scalars);
      this.line = lines.lineAt(r.end, li + 1);
      this.setPending();
      return r.node;
    }
    if (c === C.DQ || c === C.SQ) {
      const end = scanQuoted(text, pos, lineEnd);
      this.expectLineEnd(end, lineEnd);
      node = this.scalars.quoted(text, pos, end, lines.after(li));
      this.line = li + 1;
    } else if (c === C.LBR || c === C.LBC) {
      const r = this.flow.parse(pos, lineEnd);
      this.expectLineEnd(r.end, lineEnd);
      node = r.node;
      (node.range as [number, number, number])[2] = lines.after(li);
      this.line = li + 1;
    } else {
      node = this.plain(pos, li, col);
    }
    this.absorbDeeperComments(node, col);
    this.setPending();
    return node;
  }

  /**
   * A plain value from `pos` on line `li`, continued on following lines indented deeper than the
   * collection at `col` (blank lines between fold to line breaks), as the `yaml` lexer reads it.
   * Leaves `this.line` after its last line.
   */
  private plain(pos: number, li: number, col: number): Scalar {
    const lines = this.lines;
    const text = this.text;
    if (!canStartPlain(text, pos, lines.end[li] as number)) bail();
    let s = scanPlain(text, pos, lines.end[li] as number, false);
    let last = li;
    for (let j = li + 1; s.why === 'end' && j < lines.count; j++) {
      if (lines.kind[j] === BLANK) continue;
      if (lines.kind[j] !== CONTENT || (lines.indent[j] as number) <= col) break;
      // Comment lines end the scalar; any other deeper line continues it, whatever it starts with.
      s = scanPlain(text, lines.contentStart(j), lines.end[j] as number, false);
      last = j;
    }
    if (s.why === 'colon') bail();
    this.line = last + 1;
    const rangeEnd = lines.after(last);
    if (last === li) return this.scalars.plain(text, pos, s.end, rangeEnd);
    return this.scalars.plainValue(unfoldLines(text.slice(pos, s.end)), pos, s.end, rangeEnd);
  }

  /** After a quoted scalar or flow collection only spaces and a ` #` comment may follow. */
  private expectLineEnd(end: number, lineEnd: number): void {
    const r = this.skipSpaces(end, lineEnd);
    if (r < lineEnd && (r === end || this.text.charCodeAt(r) !== C.HASH)) bail();
  }

  /** Comment lines deeper than the collection, after only blank lines, extend the value's range. */
  private absorbDeeperComments(node: BlockNode, col: number): void {
    const lines = this.lines;
    for (let j = this.line; j < lines.count && lines.kind[j] !== CONTENT; j++) {
      if (lines.kind[j] !== COMMENT) continue;
      if ((lines.indent[j] as number) <= col) break;
      (node.range as [number, number, number])[2] = lines.after(j);
      this.line = j + 1;
    }
  }

  /** Records the trivia between the last value and the next content line, and moves to that line. */
  private setPending(): void {
    const lines = this.lines;
    const next = lines.nextContent(this.line);
    const start = lines.lineStart(this.line);
    const end = lines.contentStart(next);
    let maxCommentIndent = -1;
    for (let j = this.line; j < next; j++) {
      if (lines.kind[j] === COMMENT) maxCommentIndent = Math.max(maxCommentIndent, lines.indent[j] as number);
    }
    this.pending = start < end ? { end, maxCommentIndent } : null;
    this.line = next;
  }

  /** The null value of a key with nothing after `: `; `r` is where the value would start. */
  private empty(r: number, li: number, next: number, col: number): Scalar {
    const lines = this.lines;
    const text = this.text;
    let breaks: number[] = [];
    const comments: number[] = [];
    if (r < (lines.end[li] as number)) comments.push(r);
    if ((lines.end[li] as number) < text.length) breaks.push(lines.end[li] as number);
    for (let j = li + 1; j < next; j++) {
      if (lines.kind[j] === COMMENT) {
        // `yaml` restarts its count of line breaks after a comment deeper than the mapping.
        if ((lines.indent[j] as number) > col) breaks = [];
        comments.push(lines.contentStart(j));
      }
      if ((lines.end[j] as number) < text.length) breaks.push(lines.end[j] as number);
    }
    const runEnd = lines.contentStart(next);
    const nextKey = next < lines.count && lines.indent[next] === col;
    const sepEnd = nextKey && breaks.length >= 2 ? (breaks[1] as number) : runEnd;
    const commented = comments.some((c) => c < sepEnd);
    this.line = next;
    this.pending = null;
    return this.scalars.empty(r, commented ? sepEnd : r);
  }

  /**
   * The null value of a `-` with nothing after it. All trivia up to the next content belongs to the
   * item, so with any comment in it (before or after the `-`) the range reaches that content.
   */
  private emptyItem(r: number, li: number, next: number, commentBefore: boolean): Scalar {
    const lines = this.lines;
    let commented = commentBefore || r < (lines.end[li] as number);
    for (let j = li + 1; j < next && !commented; j++) commented = lines.kind[j] === COMMENT;
    this.line = next;
    this.pending = null;
    return this.scalars.empty(r, commented ? lines.contentStart(next) : r);
  }

  private skipSpaces(i: number, lineEnd: number): number {
    while (i < lineEnd && this.text.charCodeAt(i) === C.SP) i++;
    return i;
  }
}
