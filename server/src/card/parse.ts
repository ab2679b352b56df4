/**
 * Reads card text into a YAML document and a plain value, turning every problem into a located
 * finding. Nothing here throws on user input: limits on size, entries, depth, aliases and alias
 * expansion keep a hostile file from exhausting the server, and at most MAX_FINDINGS findings are
 * built (the rest are counted).
 */
import type { Document, Node } from 'yaml';
import { parseYamlDocuments } from './fast-yaml';
import { CARD_CODES, type CardCode } from './codes';
import { MAX_FINDINGS, noneOmitted, type Finding, type Omitted, type Range } from './findings';
import { walkTree } from './keys';
import { findExcessiveNesting } from './nesting';
import { LineIndex } from './positions';

/** Limits applied while parsing; the defaults fit any real card by a wide margin. */
export interface ParseLimits {
  maxBytes: number;
  maxDepth: number;
  maxAliasCount: number;
  /** Most YAML entries (content lines plus flow items) a card may have; see countEntries. */
  maxEntries: number;
  /**
   * Most aliases (`*name`) a card may use. The `yaml` package resolves each alias by scanning the
   * anchors and aliases before it, so its cost grows with their square.
   */
  maxAliases: number;
}

/** Default limits: 2 MiB, 64 levels, 100 alias expansions, 50,000 entries, 1,000 aliases. */
export const DEFAULT_LIMITS: ParseLimits = { maxBytes: 2 * 1024 * 1024, maxDepth: 64, maxAliasCount: 100, maxEntries: 50_000, maxAliases: 1000 };

/** The outcome of parsing: always a line index and findings; a document and value when usable. */
export interface ParsedCard {
  text: string;
  index: LineIndex;
  doc: Document.Parsed | undefined;
  /** The plain value of the first document, or undefined when it could not be built safely. */
  value: unknown;
  /** True when structure is trustworthy enough to validate against the schema. */
  structural: boolean;
  /** At most MAX_FINDINGS findings; the rest are only counted in `omitted`. */
  findings: Finding[];
  omitted: Omitted;
}

/** Parses card text under the given limits. */
export function parseCard(text: string, limits: Partial<ParseLimits> = {}): ParsedCard {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const index = new LineIndex(text.length > lim.maxBytes ? text.slice(0, 4096) : text);
  const out: ParsedCard = { text, index, doc: undefined, value: undefined, structural: false, findings: [], omitted: noneOmitted() };
  const add = (code: CardCode, range: Range, message: string): void => {
    const severity = CARD_CODES[code].severity;
    if (out.findings.length < MAX_FINDINGS) out.findings.push({ code, severity, message, range });
    else out.omitted[severity]++;
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
  const walk = walkTree(doc, index, lim, add);
  if (walk.tooDeep) return out;
  if (walk.aliasPastLimit) {
    const [start, end] = walk.aliasPastLimit.range ?? [0, 1];
    add('yaml-alias-limit', index.range(start, end),
      `This file uses ${walk.aliases.toLocaleString('en-US')} aliases, more than the ${lim.maxAliases.toLocaleString('en-US')} a card may use, so it is not expanded or validated. A release card needs a handful; write the values out instead.`);
    return out;
  }
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
  const entries = countEntries(text, lim.maxEntries);
  if (entries.count > lim.maxEntries) {
    return {
      code: 'file-too-many-entries', range: index.range(entries.offset, entries.offset + 1),
      message: `This file has about ${entries.count.toLocaleString('en-US')} YAML entries (lines of content and flow items), above the ${lim.maxEntries.toLocaleString('en-US')} a card may have, so it is not validated. A release card has a few hundred; a file this size is generated or hostile. Keep data in evidence files.`,
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

/**
 * Counts what the YAML parser will build nodes for: lines with content (not blank, not only a
 * comment) and commas (flow items). Commas inside strings count too, which only makes the bound
 * more conservative. Returns the count and the offset where it first passed `limit`.
 */
export function countEntries(text: string, limit = DEFAULT_LIMITS.maxEntries): { count: number; offset: number } {
  let count = 0;
  let offset = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      continue;
    }
    if (lineStart && c !== 32 && c !== 9 && c !== 13) {
      lineStart = false;
      if (c !== 35) count++;
    }
    if (c === 44) count++;
    if (count === limit + 1 && offset === 0) offset = i;
  }
  return { count, offset };
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
