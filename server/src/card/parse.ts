/**
 * Reads card text into a YAML document and a plain value, turning every problem into a located
 * finding. Nothing here throws on user input: limits on size, depth and alias expansion keep a
 * hostile file from exhausting the server.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { parseYamlDocuments } from './fast-yaml';
import { CARD_CODES, type CardCode } from './codes';
import type { Finding, Range } from './findings';
import { findExcessiveNesting } from './nesting';
import { LineIndex } from './positions';

/** Limits applied while parsing; the defaults fit any real card by a wide margin. */
export interface ParseLimits {
  maxBytes: number;
  maxDepth: number;
  maxAliasCount: number;
}

/** Default limits: 2 MiB, 64 levels, 100 alias expansions. */
export const DEFAULT_LIMITS: ParseLimits = { maxBytes: 2 * 1024 * 1024, maxDepth: 64, maxAliasCount: 100 };

/** The outcome of parsing: always a line index and findings; a document and value when usable. */
export interface ParsedCard {
  text: string;
  index: LineIndex;
  doc: Document.Parsed | undefined;
  /** The plain value of the first document, or undefined when it could not be built safely. */
  value: unknown;
  /** True when structure is trustworthy enough to validate against the schema. */
  structural: boolean;
  findings: Finding[];
}

/** Parses card text under the given limits. */
export function parseCard(text: string, limits: Partial<ParseLimits> = {}): ParsedCard {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const index = new LineIndex(text.length > lim.maxBytes ? text.slice(0, 4096) : text);
  const out: ParsedCard = { text, index, doc: undefined, value: undefined, structural: false, findings: [] };
  const add = (code: CardCode, range: Range, message: string): void => {
    out.findings.push({ code, severity: CARD_CODES[code].severity, message, range });
  };
  const precheck = precheckText(text, lim, index);
  if (precheck) {
    add(precheck.code, precheck.range, precheck.message);
    return out;
  }
  // The fast path answers for the block YAML cards are written in and falls back to the yaml
  // package for everything else, with identical nodes and ranges (see fast-yaml/).
  const list = parseYamlDocuments(text);
  const doc = list[0];
  if (!doc || doc.contents === null) {
    add('file-empty', index.lineRange(0), 'The card is empty. A release card needs at least release_id, artifacts, gates and rollout; run "release-gates init" for a skeleton.');
    return out;
  }
  out.doc = doc;
  for (const extra of list.slice(1)) {
    add('yaml-multiple-documents', index.lineRange(index.position(extra.range[0]).line),
      'This file holds a second YAML document. A card describes exactly one release, so everything after "---" is ignored; move it into its own card file.');
  }
  reportYamlErrors(doc, index, add);
  const hasSyntaxError = out.findings.some((f) => f.code === 'yaml-syntax' || f.code === 'yaml-tab-indent');
  const walk = walkTree(doc, index, lim.maxDepth, add);
  if (walk.tooDeep) return out;
  out.value = buildValue(doc, lim.maxAliasCount, walk.firstAlias, index, add);
  out.structural = !hasSyntaxError && out.value !== undefined;
  return out;
}

/** Refuses files that are too large, binary, or empty before the YAML parser sees them. */
function precheckText(text: string, lim: ParseLimits, index: LineIndex): { code: CardCode; range: Range; message: string } | undefined {
  if (text.length > lim.maxBytes) {
    const kib = Math.round(text.length / 1024);
    return {
      code: 'file-too-large', range: index.lineRange(0),
      message: `This file is ${kib} KiB, above the ${Math.round(lim.maxBytes / 1024)} KiB card limit, so it is not validated. Release cards are a few KiB; keep evidence in separate files (or raise releaseGates.maxFileSizeKiB).`,
    };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      code: 'file-binary', range: index.range(nul, nul + 1),
      message: 'This file contains a NUL byte, so it is binary, not a YAML release card. Open the card source instead, or exclude this file from the card patterns.',
    };
  }
  // The YAML parser aborts the whole process (out of memory, not an exception) on extreme nesting.
  const deep = findExcessiveNesting(text);
  if (deep) {
    return {
      code: 'yaml-too-deep', range: index.range(deep.offset, deep.offset + 1),
      message: `Nesting is too deep to parse safely: ${deep.reason}. No release card nests this deep; the file is probably generated or corrupt.`,
    };
  }
  return undefined;
}

/** Copies the YAML library's errors and warnings into findings with our codes and wording. */
function reportYamlErrors(doc: Document.Parsed, index: LineIndex, add: (c: CardCode, r: Range, m: string) => void): void {
  let exhausted = false;
  for (const err of doc.errors) {
    const range = index.range(err.pos[0], Math.max(err.pos[1], err.pos[0] + 1));
    const detail = err.message.split('\n')[0] ?? err.message;
    if (err.code === 'TAB_AS_INDENT') {
      add('yaml-tab-indent', range, 'A tab is used for indentation. YAML allows only spaces there, so the structure of the card cannot be read; replace the tab with spaces.');
    } else if (err.code === 'RESOURCE_EXHAUSTION') {
      if (!exhausted) add('yaml-too-deep', range, 'Nesting is too deep to parse safely. No release card nests this deep; the file is probably generated or corrupt.');
      exhausted = true;
    } else if (err.code !== 'DUPLICATE_KEY') {
      add('yaml-syntax', range, `YAML syntax error: ${detail.replace(/ at line \d+, column \d+.*$/, '')}. The card cannot be read past this point, so gates cannot be checked; fix the syntax first.`);
    }
  }
  for (const warn of doc.warnings) {
    const range = index.range(warn.pos[0], Math.max(warn.pos[1], warn.pos[0] + 1));
    add('yaml-warning', range, `YAML warning: ${warn.message.split('\n')[0] ?? warn.message}`);
  }
}

/** Facts gathered by one iterative pass over the tree. */
interface WalkResult {
  tooDeep: boolean;
  firstAlias: Node | undefined;
}

/** Checks depth and duplicate keys without recursion, so a 10,000-level file cannot overflow the stack. */
function walkTree(doc: Document.Parsed, index: LineIndex, maxDepth: number, add: (c: CardCode, r: Range, m: string) => void): WalkResult {
  const result: WalkResult = { tooDeep: false, firstAlias: undefined };
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!isNode(node)) continue;
    if (isAlias(node)) {
      if (!result.firstAlias || (node.range?.[0] ?? 0) < (result.firstAlias.range?.[0] ?? 0)) result.firstAlias = node;
      continue;
    }
    if (depth > maxDepth) {
      const start = node.range?.[0] ?? 0;
      add('yaml-too-deep', index.range(start, start + 1), `Nesting here is deeper than ${maxDepth} levels. No release card nests this deep; the file is probably generated or corrupt, so it is not validated further.`);
      result.tooDeep = true;
      return result;
    }
    if (isMap(node)) {
      checkDuplicateKeys(node.items, index, add);
      for (const pair of node.items) stack.push({ node: pair.value, depth: depth + 1 }, { node: pair.key, depth: depth + 1 });
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return result;
}

/** Reports each repeated key of one mapping at its second (and later) occurrence. */
function checkDuplicateKeys(items: readonly unknown[], index: LineIndex, add: (c: CardCode, r: Range, m: string) => void): void {
  const seen = new Map<string, number>();
  for (const pair of items) {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
    const key = String(pair.key.value);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, pair.key.range[0]);
      continue;
    }
    const line = index.position(first).line + 1;
    add('yaml-duplicate-key', index.range(pair.key.range[0], pair.key.range[1]),
      `Key "${key}" already appears on line ${line} of this mapping. YAML keeps only one of them, so one value is silently lost; keep a single "${key}".`);
  }
}

/** Builds the plain value, refusing alias expansion beyond the limit (a "billion laughs" file). */
function buildValue(doc: Document.Parsed, maxAliasCount: number, firstAlias: Node | undefined, index: LineIndex, add: (c: CardCode, r: Range, m: string) => void): unknown {
  try {
    return doc.toJS({ maxAliasCount });
  } catch (err) {
    if (err instanceof ReferenceError || err instanceof RangeError) {
      const start = firstAlias?.range?.[0] ?? 0;
      const end = firstAlias?.range?.[1] ?? start + 1;
      add('yaml-alias-limit', index.range(start, end),
        `Aliases in this file expand to more than ${maxAliasCount} copies, the pattern of a "billion laughs" attack, so the card is not expanded or validated. Write the values out instead of nesting aliases.`);
      return undefined;
    }
    throw err;
  }
}
