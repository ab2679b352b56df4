/**
 * Block scalars (`|`, `>`, with `-`/`+` chomping) for the fast YAML path. The extent follows the
 * `yaml` lexer (which lines belong to the scalar, which trailing blank lines are dropped) and the
 * value follows its `resolveBlockScalar`, so ranges and folding match the package exactly.
 * Explicit indentation indicators are left to the package.
 */
import type { Scalar } from 'yaml';
import { bail, C, type ScalarFactory } from './scalar';

/** A block scalar and the offset where it (and its range) ends: a line start or the text end. */
export interface BlockScalarResult {
  node: Scalar;
  end: number;
}

/** Parses the block scalar whose header starts at `at` on a line ending at `lineEnd`. */
export function parseBlockScalar(text: string, at: number, lineEnd: number, parentIndent: number, scalars: ScalarFactory): BlockScalarResult {
  const folded = text.charCodeAt(at) === C.GT;
  let h = at + 1;
  const chomp = text[h] === '-' || text[h] === '+' ? (text[h++] as string) : '';
  if (h < lineEnd && text.charCodeAt(h) !== C.SP) bail();
  while (h < lineEnd && text.charCodeAt(h) === C.SP) h++;
  if (h < lineEnd && text.charCodeAt(h) !== C.HASH) bail();
  if (lineEnd >= text.length) bail();
  const pos = lineEnd + 1;
  const nl = contentEnd(text, pos, parentIndent + 1, chomp === '+');
  const source = text.slice(pos, nl + 1);
  const value = blockValue(source, folded, chomp, parentIndent);
  const end = pos + source.length;
  return { node: scalars.block(value, folded, at, end), end };
}

/** The offset of the last newline of the scalar's content, as the `yaml` lexer finds it. */
function contentEnd(text: string, pos: number, indentNext: number, keep: boolean): number {
  let nl = pos - 1;
  let indent = 0;
  let i = pos;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === C.SP) indent++;
    else if (c === C.NL) {
      nl = i;
      indent = 0;
    } else break;
  }
  if (indent >= indentNext) {
    const detected = indent;
    do {
      const cs = continueScalar(text, nl + 1, detected);
      if (cs === -1) break;
      nl = text.indexOf('\n', cs);
    } while (nl !== -1);
    if (nl === -1) nl = text.length;
  }
  if (!keep) {
    // Trailing lines of spaces no deeper than the first content line are not content.
    for (;;) {
      let j = nl - 1;
      const lastChar = j;
      while (text.charCodeAt(j) === C.SP) j--;
      if (text.charCodeAt(j) === C.NL && j >= pos && j + 1 + indent > lastChar) nl = j;
      else break;
    }
  }
  return nl;
}

/** Where the next line of a block scalar starts its content, or -1 when the scalar ends before it. */
function continueScalar(text: string, offset: number, indentNext: number): number {
  let indent = 0;
  while (text.charCodeAt(offset + indent) === C.SP) indent++;
  const c = text.charCodeAt(offset + indent);
  return c === C.NL || indent >= indentNext ? offset + indent : -1;
}

/** The value of a block scalar source, as `yaml`'s resolveBlockScalar computes it. */
function blockValue(source: string, folded: boolean, chomp: string, parentIndent: number): string {
  const lines = source ? splitLines(source) : [];
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0 && (lines[i] as [string, string])[1] === ''; --i) chompStart = i;
  if (chompStart === 0) return chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  let trimIndent = parentIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i] as [string, string];
    if (content === '') {
      if (indent.length > trimIndent) trimIndent = indent.length;
      continue;
    }
    // More-indented leading blank lines need an indentation indicator: an error in `yaml`.
    if (indent.length < trimIndent) bail();
    trimIndent = indent.length;
    // Unindented block scalars inside collections are an error in `yaml`.
    if (trimIndent === 0) bail();
    contentStart = i;
    break;
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if ((lines[i] as [string, string])[0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  for (let i = 0; i < contentStart; ++i) value += (lines[i] as [string, string])[0].slice(trimIndent) + '\n';
  value += folded ? foldLines(lines, contentStart, chompStart, trimIndent) : literalLines(lines, contentStart, chompStart, trimIndent);
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + (lines[i] as [string, string])[0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp === '') value += '\n';
  return value;
}

/** Literal content lines joined by newlines, keeping indentation beyond the block's. */
function literalLines(lines: [string, string][], from: number, to: number, trimIndent: number): string {
  let value = '';
  let sep = '';
  for (let i = from; i < to; ++i) {
    const [indent, content] = lines[i] as [string, string];
    if (content && indent.length < trimIndent) bail();
    value += sep + indent.slice(trimIndent) + content;
    sep = '\n';
  }
  return value;
}

/** Folded content lines: single breaks become spaces, except around more-indented lines. */
function foldLines(lines: [string, string][], from: number, to: number, trimIndent: number): string {
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = from; i < to; ++i) {
    const [indent, content] = lines[i] as [string, string];
    if (content && indent.length < trimIndent) bail();
    if (indent.length > trimIndent) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  return value;
}

/** Splits a source into [indentation, content] per line, as `yaml` does. */
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0] as string;
  const m = /^( *)/.exec(first);
  const lines: [string, string][] = [m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i] as string, split[i + 1] as string]);
  return lines;
}
