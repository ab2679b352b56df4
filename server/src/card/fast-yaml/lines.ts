/**
 * The line table of the fast YAML path: where each line starts and ends, how far it is indented,
 * and whether it is blank, a comment, or content. Block structure is decided line by line from it.
 */
import { bail, C } from './scalar';

/** A line with nothing but spaces. */
export const BLANK = 0;
/** A line whose first non-space character is `#`. */
export const COMMENT = 1;
/** Any other line. */
export const CONTENT = 2;

/** Per-line facts of one text; a trailing newline does not open an extra line. */
export class Lines {
  /** Offset of each line's first character. */
  readonly start: number[] = [];
  /** Offset of each line's newline, or the text length for a last line without one. */
  readonly end: number[] = [];
  /** Leading spaces of each line. */
  readonly indent: number[] = [];
  /** BLANK, COMMENT or CONTENT. */
  readonly kind: number[] = [];
  readonly count: number;

  constructor(readonly text: string) {
    let pos = 0;
    while (pos < text.length) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = text.length;
      let i = pos;
      while (i < nl && text.charCodeAt(i) === C.SP) i++;
      const c = text.charCodeAt(i);
      this.start.push(pos);
      this.end.push(nl);
      this.indent.push(i - pos);
      this.kind.push(i === nl ? BLANK : c === C.HASH ? COMMENT : CONTENT);
      // Document markers (and anything that merely looks like one) are left to the package.
      if (i === pos && (text.startsWith('---', pos) || text.startsWith('...', pos))) bail();
      pos = nl + 1;
    }
    this.count = this.start.length;
  }

  /** The first content line at or after `from`, or `count` when there is none. */
  nextContent(from: number): number {
    let i = from;
    while (i < this.count && this.kind[i] !== CONTENT) i++;
    return i;
  }

  /** The offset just after a line's newline (the text length for a last line without one). */
  after(line: number): number {
    const end = this.end[line] as number;
    return end < this.text.length ? end + 1 : end;
  }

  /** The offset of a line's first non-space character, or the text length past the last line. */
  contentStart(line: number): number {
    return line < this.count ? (this.start[line] as number) + (this.indent[line] as number) : this.text.length;
  }

  /** The offset where a line starts, or the text length past the last line. */
  lineStart(line: number): number {
    return line < this.count ? (this.start[line] as number) : this.text.length;
  }

  /** The index of the line starting at `offset` (a line start or the text length), searching from `from`. */
  lineAt(offset: number, from: number): number {
    let i = from;
    while (i < this.count && (this.start[i] as number) < offset) i++;
    return i;
  }

  /** True when a content line starts with a block sequence indicator `- ` (or a lone `-`). */
  isDash(line: number): boolean {
    const at = this.contentStart(line);
    if (this.text.charCodeAt(at) !== C.DASH) return false;
    return at + 1 >= (this.end[line] as number) || this.text.charCodeAt(at + 1) === C.SP;
  }
}
