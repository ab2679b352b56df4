/**
 * Where the cursor is in a card being typed: a key position or a value position, the card path it
 * belongs to, and what has been typed so far. Text being typed is rarely valid YAML, so the current
 * line is read by its shape and then replaced by a placeholder that makes it valid; the YAML parser
 * then places the placeholder by its own indentation rules, which no hand-written guess matches.
 */
import { isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Position, Range } from '../../card/findings';
import type { CardPath } from '../../card/model';
import { parseCard } from '../../card/parse';
import { LineIndex } from '../../card/positions';
import { scanFlow } from './flow';
import type { ValueAt } from '../schema-walk';

/** The placeholder written at the cursor; no real card has a key or value by this name. */
export const PLACEHOLDER = '__release_gates_cursor__';

/** What completion needs to know about the cursor. */
export interface CursorContext {
  /** `key`: a key of the mapping at `path` is being typed; `value`: the value at `path`. */
  kind: 'key' | 'value';
  path: CardPath;
  /** What has been typed of the current word, and the range it covers (ending at the cursor). */
  prefix: string;
  range: Range;
  /** Keys already present in the mapping (key positions only). */
  present: string[];
  /** Scalar items already in the list when the cursor is on a list item (to skip repeats). */
  siblings: string[];
  /** The key being typed already has its colon after the cursor: insert the name only. */
  hasColon: boolean;
  /** Inside a flow collection (`{...}`, `[...]`): snippets stay on one line. */
  flow: boolean;
  /** Column where the key starts. */
  column: number;
  /** Leading whitespace of the cursor's line: clients indent a snippet's later lines by it. */
  indent: number;
  /** A `- word` line: the word may also be a scalar item of the sequence at `path`. */
  itemValue: boolean;
  /** The value starts right after `:` with no space yet, so inserted values need one. */
  needsSpace: boolean;
  /** Plain values of the card with the placeholder in place, to pick fitting alternatives. */
  valueAt: ValueAt;
}

const LINE_HEAD = /^(\s*)((?:-[ \t]+)*)/;
const PARTIAL_KEY = /^[^\s:#'"{}[\],]*$/;
const KEY_TAIL = /^[^\s:#'"{}[\],]*/;
const VALUE_TAIL = /^[^\s,\]}#]*/;
const KEY_THEN_VALUE = /^((?:"[^"]*"|'[^']*'|[^\s:#'"{}[\],][^:#]*?))[ \t]*:(?:([ \t]+)(.*))?$/;

/** The cursor context at a position, or undefined where nothing can be completed (a comment, a block scalar). */
export function cursorContext(text: string, position: Position): CursorContext | undefined {
  const index = new LineIndex(text);
  const line = index.lineText(position.line);
  const before = line.slice(0, Math.min(position.character, line.length));
  if (inComment(before)) return undefined;
  const lineHead = LINE_HEAD.exec(before);
  const head = lineHead?.[0] ?? '';
  const indent = lineHead?.[1]?.length ?? 0;
  const rest = before.slice(head.length);
  const hasDash = head.includes('-');
  const after = line.slice(before.length);
  // The range covers the typed prefix and the rest of the word after the cursor, which the item replaces.
  const at = (prefixLength: number, tail: RegExp): Range => ({
    start: { line: position.line, character: before.length - prefixLength },
    end: { line: position.line, character: before.length + (tail.exec(after)?.[0].length ?? 0) },
  });
  if (PARTIAL_KEY.test(rest)) {
    const found = locate(text, index, position.line, `${head}${PLACEHOLDER}:`);
    if (!found || found.kind !== 'key') return undefined;
    const { firstOfItem, ...located } = found;
    const itemValue = hasDash && firstOfItem;
    return {
      ...located, prefix: rest, range: at(rest.length, KEY_TAIL), flow: false, column: head.length, indent, itemValue, needsSpace: false,
      siblings: itemValue ? listSiblings(found) : [], hasColon: /^[^\s:#'"{}[\],]*[ \t]*:/.test(after),
    };
  }
  const keyed = KEY_THEN_VALUE.exec(rest);
  if (keyed) {
    const key = keyed[1] ?? '';
    // `key:` with its value written as a block below: there is no inline value to complete.
    if (!keyed[3] && blockFollows(index, position.line, head.length)) return undefined;
    const found = locate(text, index, position.line, `${head}${key}: ${PLACEHOLDER}`);
    if (!found || found.kind !== 'value') return undefined;
    return inValue(found, keyed[3] ?? '', keyed[2] === undefined, { column: head.length, indent }, at);
  }
  if (!hasDash) return undefined;
  const found = locate(text, index, position.line, `${head}${PLACEHOLDER}`);
  if (!found || found.kind !== 'value') return undefined;
  return inValue(found, rest, false, { column: head.length, indent }, at);
}

/** A value position, descending into a flow collection when the value opens one. */
function inValue(found: Located, typed: string, needsSpace: boolean, where: { column: number; indent: number }, at: (n: number, tail: RegExp) => Range): CursorContext | undefined {
  const flow = scanFlow(typed);
  if (!flow) return undefined;
  const { firstOfItem: _unused, ...located } = found;
  const base = { ...located, ...where, path: [...found.path, ...flow.path], present: flow.kind === 'key' ? flow.present : [], itemValue: false };
  const prefix = flow.prefix.replace(/^["']/, '');
  const siblings = flow.kind === 'value' ? flow.present : [];
  return { ...base, kind: flow.kind, prefix, range: at(prefix.length, flow.kind === 'key' ? KEY_TAIL : VALUE_TAIL), flow: flow.inFlow, needsSpace, siblings, hasColon: false };
}

/** The scalar items of the list a `- word` item belongs to, other than the item itself. */
function listSiblings(found: Located): string[] {
  const own = found.path[found.path.length - 1];
  const list = found.valueAt(found.path.slice(0, -1));
  if (!Array.isArray(list)) return [];
  return list.filter((v, i) => i !== own && v !== null && typeof v !== 'object').map(String);
}

/** True when the next content line is the block value of a key at `column` (deeper, or a `- ` item at the same column). */
function blockFollows(index: LineIndex, line: number, column: number): boolean {
  for (let l = line + 1; l < index.lineCount; l++) {
    const text = index.lineText(l);
    const indent = text.length - text.trimStart().length;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    return indent > column || (indent === column && /^-(\s|$)/.test(text.trimStart()));
  }
  return false;
}

/** True when the text before the cursor ends inside a comment (a `#` after whitespace, outside quotes). */
function inComment(before: string): boolean {
  const unquoted = before.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, (q) => ' '.repeat(q.length));
  return /(^|\s)#/.test(unquoted);
}

/** Where the placeholder landed in the patched card. */
interface Located {
  kind: 'key' | 'value';
  path: CardPath;
  present: string[];
  /** The placeholder key is the first key of a sequence item (`- key`). */
  firstOfItem: boolean;
  valueAt: ValueAt;
}

/** Replaces one line by a patched one, parses, and finds the placeholder as a key or a value. */
function locate(text: string, index: LineIndex, line: number, patched: string): Located | undefined {
  const range = index.lineRange(line);
  const start = index.offset(range.start);
  const end = index.offset(range.end);
  const section = sectionAround(text, index, line, patched);
  const parsed = parseCard(text.slice(section.from, start) + patched + text.slice(end, section.to));
  // Past the parse limits (a huge or binary file) there is no tree, and nothing is offered.
  const hit = findPlaceholder(parsed.doc?.contents);
  if (!hit) return undefined;
  const value = parsed.value;
  const valueAt: ValueAt = (p) => p.reduce<unknown>((v, seg) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined), value);
  return { ...hit, valueAt };
}

/** Cards larger than this are completed from the top-level section around the cursor. */
const SECTION_THRESHOLD = 32 * 1024;

/**
 * The part of a large card to parse for a completion: the top-level block (a key at column 0 and
 * the indented lines below it) that holds the cursor. Top-level blocks of a card do not depend on
 * each other, so paths, present keys and values come out the same, and a completion on a
 * 10,000-line card parses its block instead of the whole card on every keystroke. Small cards,
 * a key being typed at the top level, and anything unusual at column 0 use the whole text.
 */
function sectionAround(text: string, index: LineIndex, line: number, patched: string): { from: number; to: number } {
  const whole = { from: 0, to: text.length };
  if (text.length <= SECTION_THRESHOLD || !/^[ \t]/.test(patched)) return whole;
  const topLevel = (l: number): 'key' | 'other' | 'none' => {
    const at = index.offset({ line: l, character: 0 });
    const c = text.charCodeAt(at);
    if (Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 35) return 'none';
    // Sequences, document markers, directives, flow and quoted keys: keep the whole text.
    return /[-.%[{"'?!&*|>]/.test(text[at] as string) ? 'other' : 'key';
  };
  let top = line - 1;
  while (top >= 0 && topLevel(top) === 'none') top--;
  if (top < 0 || topLevel(top) !== 'key') return whole;
  let next = line + 1;
  while (next < index.lineCount && topLevel(next) === 'none') next++;
  if (next < index.lineCount && topLevel(next) !== 'key') return whole;
  return { from: index.offset({ line: top, character: 0 }), to: next < index.lineCount ? index.offset({ line: next, character: 0 }) : text.length };
}

/** Searches the YAML tree (iteratively: depth is bounded by the parse limits anyway) for the placeholder. */
function findPlaceholder(root: unknown): Omit<Located, 'valueAt'> | undefined {
  const stack: { node: unknown; path: CardPath }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: CardPath };
    if (isScalar(node) && node.value === PLACEHOLDER) return { kind: 'value', path, present: [], firstOfItem: false };
    if (isSeq(node)) node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    if (!isMap(node)) continue;
    const keys = node.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : ''));
    const at = keys.indexOf(PLACEHOLDER);
    if (at >= 0) {
      return { kind: 'key', path, present: keys.filter((k) => k !== PLACEHOLDER && k !== ''), firstOfItem: at === 0 && typeof path[path.length - 1] === 'number' };
    }
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && isNode(pair.value)) stack.push({ node: pair.value, path: [...path, String(pair.key.value)] });
    }
  }
  return undefined;
}
