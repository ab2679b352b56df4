/**
 * Scalars for the fast YAML path: scanning plain and quoted scalars on one line and resolving them
 * exactly as the `yaml` package does (YAML 1.2 core schema, using the package's own tag objects).
 * Anything the package would report as an error, or that we are not sure about, raises `Bail`.
 */
import { Scalar, type Document } from 'yaml';

/** Thrown to abandon the fast path; the caller falls back to the `yaml` package. */
export class Bail extends Error {}

/** The one instance thrown, so bailing out allocates nothing. */
export const BAIL = new Bail('outside the fast YAML subset');

/** Throws BAIL: a shorthand that reads as a statement in parsers. */
export function bail(): never {
  throw BAIL;
}

/** Character codes used by the scanners. */
export const C = {
  NL: 10, SP: 32, HASH: 35, COLON: 58, DASH: 45, COMMA: 44, DQ: 34, SQ: 39, BSL: 92,
  LBR: 91, RBR: 93, LBC: 123, RBC: 125, PIPE: 124, GT: 62,
} as const;

/** Where a plain scalar stopped: at `: ` (a key), at ` #` (a comment), or at the end of the line/flow item. */
export type PlainStop = 'colon' | 'comment' | 'end';

/** The extent of a scanned scalar: its source ends at `end`; scanning stopped at `stop` because of `why`. */
export interface Scanned {
  end: number;
  stop: number;
  why: PlainStop;
}

/** True for the flow indicators `,[]{}`. */
export function isFlowIndicator(c: number): boolean {
  return c === C.COMMA || c === C.LBR || c === C.RBR || c === C.LBC || c === C.RBC;
}

/**
 * Scans a plain scalar from `pos` up to `lineEnd` as the `yaml` lexer does on one line: it stops at
 * `: ` (or `:` before the line end), at ` #`, and in flow context also at a flow indicator. Trailing
 * spaces are not part of the source.
 */
export function scanPlain(text: string, pos: number, lineEnd: number, inFlow: boolean): Scanned {
  let end = pos;
  for (let i = pos; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === C.COLON) {
      const n = i + 1 < lineEnd ? text.charCodeAt(i + 1) : C.NL;
      if (n === C.SP || n === C.NL || (inFlow && isFlowIndicator(n))) return { end, stop: i, why: 'colon' };
      end = i + 1;
    } else if (c === C.SP) {
      if (i + 1 < lineEnd && text.charCodeAt(i + 1) === C.HASH) return { end, stop: i, why: 'comment' };
    } else if (inFlow && isFlowIndicator(c)) {
      return { end, stop: i, why: 'end' };
    } else {
      end = i + 1;
    }
  }
  return { end, stop: lineEnd, why: 'end' };
}

/** Characters that cannot start a plain scalar in our subset (indicators, or errors in `yaml`). */
const BAD_PLAIN_START = new Set('!&*#[]{}\'"|>,%@`'.split('').map((s) => s.charCodeAt(0)));

/** True when a plain scalar may start at `pos`: no indicator, no `- `, `? ` or `: `. */
export function canStartPlain(text: string, pos: number, lineEnd: number): boolean {
  const c = text.charCodeAt(pos);
  if (pos >= lineEnd || BAD_PLAIN_START.has(c)) return false;
  if (c === C.DASH || c === 63 || c === C.COLON) {
    const n = pos + 1 < lineEnd ? text.charCodeAt(pos + 1) : C.NL;
    return n !== C.SP && n !== C.NL && !isFlowIndicator(n);
  }
  return true;
}

/** Finds the closing quote of a quoted scalar on the same line, or bails (multi-line or unclosed). */
export function scanQuoted(text: string, pos: number, lineEnd: number): number {
  const q = text.charCodeAt(pos);
  for (let i = pos + 1; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (q === C.DQ && c === C.BSL) i++;
    else if (c === q) {
      if (q === C.SQ && i + 1 < lineEnd && text.charCodeAt(i + 1) === C.SQ) i++;
      else return i + 1;
    }
  }
  return bail();
}

/** The escapes `yaml` accepts in double-quoted scalars (besides \x, \u and \U). */
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085',
  _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};

/** The value of a one-line quoted scalar `text[start, end)` including its quotes. */
export function quotedValue(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  if (text.charCodeAt(start) === C.SQ) return inner.indexOf("'") < 0 ? inner : inner.replace(/''/g, "'");
  if (inner.indexOf('\\') < 0) return inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = inner[++i] ?? '';
    const esc = ESCAPES[next];
    if (esc !== undefined) out += esc;
    else if (next === 'x' || next === 'u' || next === 'U') {
      const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = inner.substr(i + 1, len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) bail();
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) bail();
      out += String.fromCodePoint(code);
      i += len;
    } else bail();
  }
  return out;
}

/** A scalar tag of the schema, as far as resolution needs it. */
interface ResolvingTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (msg: string) => void, options: object): unknown;
}

/**
 * The tests of the core schema's tags, in the order `yaml` tries them: null, bool, then the numbers.
 * Dispatching on the first character relies on exactly these; a different schema disables the path.
 */
export const CORE_TAG_TESTS = [
  '^(?:~|[Nn]ull|NULL)?$', '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$', '^0o[0-7]+$', '^[-+]?[0-9]+$', '^0x[0-9a-fA-F]+$',
  '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$', '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$',
  '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$',
];

/** Which tags can match a plain scalar, by its first character (none: it is a string). */
function candidatesByFirstChar(tags: ResolvingTag[]): Map<number, ResolvingTag[]> {
  const byChar = new Map<number, ResolvingTag[]>();
  const add = (chars: string, list: ResolvingTag[]): void => {
    for (const ch of chars) byChar.set(ch.charCodeAt(0), list);
  };
  add('~nN', tags.slice(0, 1));
  add('tTfF', tags.slice(1, 2));
  add('0123456789+-.', tags.slice(2));
  return byChar;
}

/** The last tag list found to be the core schema's, with its dispatch table. */
let checked: { tags: ResolvingTag[]; byChar: Map<number, ResolvingTag[]> } | undefined;

/** True when two tag lists hold the same tag objects. */
function sameTags(tags: ResolvingTag[], known: typeof checked): known is NonNullable<typeof checked> {
  return known !== undefined && known.tags.length === tags.length && known.tags.every((t, i) => t === tags[i]);
}

/** Builds scalars for one document, resolving plain values through the document's schema tags. */
export class ScalarFactory {
  private readonly nullTag: ResolvingTag;
  private readonly byChar: Map<number, ResolvingTag[]>;
  private readonly options: object;

  constructor(doc: Document) {
    const schema = doc.schema as unknown as { tags: ResolvingTag[] };
    const tags = schema.tags.filter((t) => t.default === true && t.test);
    // The tag objects are shared by every core schema, so their check is done once.
    if (!sameTags(tags, checked)) {
      if (tags.map((t) => t.test?.source).join('\n') !== CORE_TAG_TESTS.join('\n')) bail();
      checked = { tags, byChar: candidatesByFirstChar(tags) };
    }
    this.nullTag = tags[0] as ResolvingTag;
    this.byChar = checked.byChar;
    this.options = doc.options;
  }

  /** A plain scalar with source `text[start, end)`; `rangeEnd` is where its trailing trivia ends. */
  plain(text: string, start: number, end: number, rangeEnd: number): Scalar {
    return this.plainValue(text.slice(start, end), start, end, rangeEnd);
  }

  /** A plain scalar of the given (unfolded) value whose source spans `[start, end)`. */
  plainValue(source: string, start: number, end: number, rangeEnd: number): Scalar {
    const candidates = source.length === 0 ? [this.nullTag] : this.byChar.get(source.charCodeAt(0));
    let node: Scalar | undefined;
    if (candidates) {
      for (const tag of candidates) {
        if (!(tag.test as RegExp).test(source)) continue;
        const res = tag.resolve(source, bail, this.options);
        node = res instanceof Scalar ? res : new Scalar(res);
        if (tag.format) node.format = tag.format;
        break;
      }
    }
    node ??= new Scalar(source);
    return finish(node, source, Scalar.PLAIN, start, end, rangeEnd);
  }

  /** A quoted scalar spanning `text[start, end)` with its quotes. */
  quoted(text: string, start: number, end: number, rangeEnd: number): Scalar {
    const value = quotedValue(text, start, end);
    const type = text.charCodeAt(start) === C.SQ ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
    return finish(new Scalar(value), value, type, start, end, rangeEnd);
  }

  /** A block scalar with its resolved value. */
  block(value: string, folded: boolean, start: number, end: number): Scalar {
    return finish(new Scalar(value), value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, start, end, end);
  }

  /** The empty (null) scalar `yaml` creates for a missing value. */
  empty(pos: number, rangeEnd: number): Scalar {
    const node = this.plain('', 0, 0, 0);
    node.range = [pos, pos, rangeEnd];
    return node;
  }
}

/** Sets what `composeScalar` sets on every scalar: range, source and type. */
function finish(node: Scalar, source: string, type: Scalar.Type, start: number, end: number, rangeEnd: number): Scalar {
  node.range = [start, end, rangeEnd];
  (node as Scalar & { source: string }).source = source;
  node.type = type;
  return node;
}

/** Folds the lines of a multi-line plain scalar source into its value, as `yaml` does. */
export function unfoldLines(source: string): string {
  const line = /(.*?)\n/sy;
  let match = line.exec(source);
  if (!match) return source;
  let res = (match[1] as string).replace(/(?<![ \t])[ \t]+$/, '');
  let sep = ' ';
  let pos = line.lastIndex;
  while ((match = line.exec(source))) {
    const content = (match[1] as string).replace(/^[ \t]+|(?<![ \t])[ \t]+$/g, '');
    if (content === '') {
      // An empty line is a line break; the first one replaces the folding space.
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + content;
      sep = ' ';
    }
    pos = line.lastIndex;
  }
  const last = /[ \t]*(.*)/sy;
  last.lastIndex = pos;
  return res + sep + (last.exec(source)?.[1] ?? '');
}
