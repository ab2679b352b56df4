/**
 * Builders of quick-fix edits. Every range comes from the card's one position converter
 * (`Card.range` and its `LineIndex`), never from arithmetic of our own on lines and columns.
 */
import { isMap, isNode, isPair, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Fix, Position, Range } from '../card/findings';
import type { Card, CardPath } from '../card/model';
import type { CardNode } from '../card/positions';

/** Indentation of one nesting level in inserted YAML. */
const STEP = '  ';

/** Replaces the text of a node (a value, or a pair's key) with new text. */
export function replaceFix(card: Card, node: CardNode, newText: string, title: string, preferred = false): Fix {
  return { title, edits: [{ range: card.range(node), newText }], preferred };
}

/** Deletes the whole line a node starts on (for a redundant `key: value` line). */
export function deleteLineFix(card: Card, node: CardNode, title: string): Fix {
  return deleteLinesFix(card, card.range(node).start.line, title);
}

/** Deletes one whole line, its line break included. */
export function deleteLinesFix(card: Card, line: number, title: string): Fix {
  const end: Position = line + 1 < card.index.lineCount ? { line: line + 1, character: 0 } : card.index.lineRange(line).end;
  return { title, edits: [{ range: { start: { line, character: 0 }, end }, newText: '' }], preferred: true };
}

/** Inserts a comment line above a line, at that line's indentation. */
export function commentAboveFix(card: Card, line: number, comment: string, title: string): Fix {
  const indent = card.index.indentation(line);
  const at: Position = { line, character: 0 };
  return { title, edits: [{ range: { start: at, end: at }, newText: `${indent}# ${comment}\n` }] };
}

/**
 * Inserts `key: value` entries (each may span lines, indented relative to the entry) into the
 * mapping at a path, creating missing parent mappings. Undefined when the place cannot be edited
 * mechanically (a flow mapping would need multi-line entries, or a key exists with a null value).
 */
export function insertKeysFix(card: Card, path: CardPath, entries: readonly string[], title: string): Fix | undefined {
  const edit = insertKeysEdit(card, path, entries);
  return edit ? { title, edits: [edit] } : undefined;
}

function insertKeysEdit(card: Card, path: CardPath, entries: readonly string[]): { range: Range; newText: string } | undefined {
  const target = path.length === 0 ? (card.doc?.contents as Node | null | undefined) : card.node(path);
  if (isMap(target)) return target.flow ? insertIntoFlowMap(card, target, entries) : insertIntoBlockMap(card, target, entries);
  if (target !== undefined || path.length === 0 || card.pair(path)) return undefined;
  const key = String(path[path.length - 1]);
  const nested = [`${key}:`, ...entries.flatMap((e) => e.split('\n')).map((l) => STEP + l)].join('\n');
  return insertKeysEdit(card, path.slice(0, -1), [nested]);
}

function insertIntoBlockMap(card: Card, map: YAMLMap, entries: readonly string[]): { range: Range; newText: string } | undefined {
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  if (!isPair(first) || !isPair(last)) return undefined;
  const indent = ' '.repeat(card.range(first).start.character);
  const text = entries.flatMap((e) => e.split('\n')).map((l) => indent + l).join('\n');
  return insertAfterLine(card, lastLine(card, last), text);
}

function insertIntoFlowMap(card: Card, map: YAMLMap, entries: readonly string[]): { range: Range; newText: string } | undefined {
  if (entries.some((e) => e.includes('\n'))) return undefined;
  const last = map.items[map.items.length - 1];
  const end = isPair(last) ? endOffset(last.value ?? last.key) : undefined;
  if (end === undefined) return undefined;
  return { range: card.index.range(end, end), newText: entries.map((e) => `, ${e}`).join('') };
}

/** Appends items to the sequence at a path (flow `[a, b]` or block `- a`). */
export function appendItemsFix(card: Card, path: CardPath, items: readonly string[], title: string): Fix | undefined {
  const seq = card.node(path);
  if (!isSeq(seq) || seq.items.length === 0) return undefined;
  const edit = seq.flow ? appendToFlowSeq(card, seq, items) : appendToBlockSeq(card, seq, items);
  return edit ? { title, edits: [edit] } : undefined;
}

function appendToFlowSeq(card: Card, seq: YAMLSeq, items: readonly string[]): { range: Range; newText: string } | undefined {
  const end = endOffset(seq.items[seq.items.length - 1]);
  return end === undefined ? undefined : { range: card.index.range(end, end), newText: items.map((i) => `, ${i}`).join('') };
}

function appendToBlockSeq(card: Card, seq: YAMLSeq, items: readonly string[]): { range: Range; newText: string } | undefined {
  const last = seq.items[seq.items.length - 1];
  if (!isNode(last)) return undefined;
  const line = lastLine(card, last);
  const dash = card.index.lineText(card.range(last).start.line).indexOf('-');
  if (dash < 0) return undefined;
  return insertAfterLine(card, line, items.map((i) => `${' '.repeat(dash)}- ${i}`).join('\n'));
}

/** Appends a top-level section at the end of the document. */
export function appendSectionFix(card: Card, section: string, title: string): Fix | undefined {
  const edit = insertKeysEdit(card, [], [section]);
  return edit ? { title, edits: [edit] } : undefined;
}

/** Inserts whole lines after a line (at the end of the file when it is the last line). */
function insertAfterLine(card: Card, line: number, text: string): { range: Range; newText: string } {
  if (line + 1 < card.index.lineCount) {
    const at: Position = { line: line + 1, character: 0 };
    return { range: { start: at, end: at }, newText: text + '\n' };
  }
  const end = card.index.lineRange(line).end;
  return { range: { start: end, end }, newText: '\n' + text };
}

/** The line on which a pair or node's content ends, ignoring trailing comments and line breaks. */
function lastLine(card: Card, node: CardNode): number {
  const target = isPair(node) ? (isNode(node.value) ? node.value : node.key) : node;
  const { start, end } = card.range(target as CardNode);
  // Block scalars (`>-`, `|`) end after their final line break, at column 0 of the next line.
  return end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
}

/** The offset where a node's value ends (flow collections and scalars). */
function endOffset(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[1] : undefined;
}

/**
 * Replaces a whole `key: value` pair of a block mapping with new lines (indented like the key).
 * Undefined when the pair is not on lines of its own.
 */
export function replacePairFix(card: Card, pair: CardNode, lines: readonly string[], title: string): Fix | undefined {
  if (!isPair(pair) || !isNode(pair.key) || !pair.key.range) return undefined;
  const start = pair.key.range[0];
  const end = isNode(pair.value) && pair.value.range ? pair.value.range[1] : pair.key.range[1];
  const keyPos = card.index.position(start);
  const prefix = card.index.lineText(keyPos.line).slice(0, keyPos.character);
  if (prefix.trim() !== '' && prefix.trim() !== '-') return undefined;
  const indent = ' '.repeat(keyPos.character);
  const text = lines.map((l, i) => (i === 0 ? l : indent + l)).join('\n');
  return { title, edits: [{ range: card.index.range(start, end), newText: text }] };
}

/** Inserts lines right after the line of a node, at that node's indentation. */
export function insertAfterNodeFix(card: Card, node: CardNode, lines: readonly string[], title: string): Fix {
  const r = card.range(node);
  const indent = ' '.repeat(r.start.character);
  return { title, edits: [insertAfterLine(card, lastLine(card, node), lines.map((l) => indent + l).join('\n'))] };
}
