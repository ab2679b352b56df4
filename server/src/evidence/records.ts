/**
 * Small structured evidence documents (drill logs, artifact inventories, freshness reports, suite
 * results, rule files, trace exports) read with line numbers for every entry.
 *
 * YAML and JSON go through the `yaml` package (JSON is YAML) so each node keeps its source range;
 * JSON Lines is one document per line. Alias expansion is capped, because a "billion laughs" file
 * is a few hundred bytes that expand to gigabytes; it ends as a problem, not a hang. Extreme nesting
 * is refused before parsing for the same reason (see nesting.ts), and so is a document whose syntax
 * tree would outgrow the load's memory budget: a node costs about a kilobyte, so four megabytes of
 * `[1,1,1,...]` would take two gigabytes (see text-size.ts).
 */
import * as path from 'node:path';
import { type Document, LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { excessiveNesting } from '../card/nesting';
import { formatCount, memoryBudget, overBudget } from './budget';
import { readText } from './reader';
import { JSON_NODE_BYTES, YAML_NODE_BYTES, jsonNodeCount, yamlNodeCount } from './text-size';
import { DEFAULT_MAX_DOCUMENT_BYTES, type EvidenceProblem, type EvidenceResult, type ReadOptions, fail, ok, problem } from './types';

/** A path into a document: map keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

/** A loaded structured document. */
export interface EvidenceDocument {
  /** Display name of the file. */
  readonly file: string;
  /** The document as plain JavaScript data. */
  readonly data: unknown;
  /** 1-based line where the node at `path` starts, or undefined when there is no such node. */
  lineAt(path: DocPath): number | undefined;
}

/** One element of a sequence or map inside a document, with its line. */
export interface LocatedEntry {
  /** Index in a sequence, or key in a map. */
  readonly key: string | number;
  /** The entry's value as plain data. */
  readonly value: unknown;
  /** 1-based line of the entry. */
  readonly line: number | undefined;
}

/** Options of `loadDocument`. */
export interface DocumentOptions extends ReadOptions {
  /** Most alias expansions allowed before the document is rejected (default 100). */
  maxAliasCount?: number;
}

/** Start offset of a node, when it has a source range. */
function startOf(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
}

/**
 * Walks `p` through the syntax tree and returns the start offset of the entry: a sequence item's
 * own start, or a map entry's key (so `for: 5m` points at `for`, even for block values below it).
 */
function offsetAt(doc: Document, p: DocPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = startOf(node);
  for (const key of p) {
    if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      offset = startOf(node);
    } else if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(key));
      if (!pair) return undefined;
      offset = startOf(pair.key);
      node = pair.value;
    } else {
      return undefined;
    }
    if (offset === undefined) return undefined;
  }
  return offset;
}

/** Wraps a parsed YAML document; lines come from the node ranges. */
function yamlDocument(file: string, doc: Document, data: unknown, lines: LineCounter): EvidenceDocument {
  return {
    file,
    data,
    lineAt(p: DocPath): number | undefined {
      const offset = offsetAt(doc, p);
      return offset === undefined ? undefined : lines.linePos(offset).line;
    },
  };
}

/** Parses YAML or JSON text into a located document, or problems. */
export function parseYamlDocument(text: string, file: string, maxAliasCount = 100): EvidenceResult<EvidenceDocument> {
  const nesting = excessiveNesting(text);
  if (nesting) {
    return fail(problem('parse', file, `${file}: rejected before parsing because it nests too deeply: ${nesting}. An evidence document needs only a few levels; regenerate it.`));
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return fail(doc.errors.slice(0, 20).map((e) => {
      const line = e.linePos?.[0].line;
      const first = e.message.split('\n')[0];
      return problem('parse', file, `${file}${line ? `: line ${line}` : ''}: not valid YAML/JSON (${first}). Fix the syntax so the evidence can be read.`, line ? { line } : {});
    }));
  }
  try {
    const data: unknown = doc.toJS({ maxAliasCount });
    return ok(yamlDocument(file, doc, data, lines));
  } catch (err) {
    // toJS throws only for alias abuse (or a recursive alias), a property of the input, not a bug.
    return fail(problem('parse', file, `${file}: rejected because its aliases expand too much (${(err as Error).message}). A small evidence document does not need more than ${maxAliasCount} alias expansions; write the values out.`));
  }
}

/** Parses JSON Lines text into a document whose data is the array of line values. */
export function parseJsonLinesDocument(text: string, file: string): EvidenceResult<EvidenceDocument> {
  const values: unknown[] = [];
  const lineOf: number[] = [];
  const problems: EvidenceProblem[] = [];
  text.split('\n').forEach((raw, idx) => {
    if (raw.trim() === '') return;
    try {
      values.push(JSON.parse(raw));
      lineOf.push(idx + 1);
    } catch (err) {
      if (problems.length < 50) problems.push(problem('parse', file, `${file}: line ${idx + 1} is not valid JSON (${(err as Error).message}), so that entry is lost. Each line must be one complete JSON value.`, { line: idx + 1 }));
    }
  });
  if (problems.length > 0) return fail(problems);
  const lineAt = (p: DocPath): number | undefined => (p.length === 0 ? 1 : typeof p[0] === 'number' ? lineOf[p[0]] : undefined);
  return ok({ file, data: values, lineAt });
}

/** Reads a YAML, JSON or JSON Lines document with the size guard (16 MiB unless configured). */
export async function loadDocument(file: string, options: DocumentOptions = {}): Promise<EvidenceResult<EvidenceDocument>> {
  const name = options.displayName ?? file;
  const { text, problems } = await readText(file, { ...options, maxBytes: options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES });
  if (problems.length > 0) return fail(problems);
  if (text.trim() === '') {
    return fail(problem('empty', name, `Evidence file '${name}' contains only whitespace, so the gate has nothing to read. Regenerate the evidence.`));
  }
  const ext = path.extname(file).toLowerCase();
  const tooBig = parseCost(name, text, ext, options);
  if (tooBig) return fail(tooBig);
  if (ext === '.jsonl' || ext === '.ndjson') return parseJsonLinesDocument(text, name);
  return parseYamlDocument(text, name, options.maxAliasCount);
}

/** The problem when parsing `text` (a file with extension `ext`) would need more than the load's budget. */
function parseCost(name: string, text: string, ext: string, options: ReadOptions): EvidenceProblem | undefined {
  const lines = ext === '.jsonl' || ext === '.ndjson';
  // JSON Lines is parsed by JSON.parse; YAML and JSON documents keep a located syntax tree.
  const nodes = lines || ext === '.json' ? jsonNodeCount(text) : yamlNodeCount(text);
  const needed = nodes * (lines ? JSON_NODE_BYTES : YAML_NODE_BYTES);
  const budget = memoryBudget(options, Buffer.byteLength(text));
  return needed > budget ? overBudget(name, `its ${formatCount(nodes)} ${lines ? 'JSON values' : 'YAML/JSON nodes'}`, needed, budget) : undefined;
}

/** Lists the entries (sequence items or map pairs) of the node at `path`, each with its line. */
export function entriesOf(doc: EvidenceDocument, p: DocPath = []): LocatedEntry[] {
  let value: unknown = doc.data;
  for (const key of p) value = (value as Record<string | number, unknown> | undefined)?.[key];
  if (Array.isArray(value)) return value.map((v, i) => ({ key: i, value: v, line: doc.lineAt([...p, i]) }));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([k, v]) => ({ key: k, value: v, line: doc.lineAt([...p, k]) }));
  }
  return [];
}
