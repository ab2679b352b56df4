/**
 * A fast path for parsing release cards: a single-pass parser for the block-style YAML subset real
 * cards use, building the same `yaml` nodes (values, types and ranges) that `parseAllDocuments`
 * would, about an order of magnitude faster. Outside the subset, or at any doubt, it returns
 * undefined and the caller parses with the `yaml` package instead.
 *
 * Supported: block mappings and sequences (compact `- key: value` items, sequences at their key's
 * indentation), plain scalars resolved by the core schema, one-line quoted scalars, one-line flow
 * collections of scalars, `|`/`>` block scalars with chomping, comments and blank lines.
 * Not supported (falls back): anchors, aliases, tags, directives and document markers, explicit
 * keys, multi-line plain, quoted or flow scalars, empty sequence items, indentation indicators,
 * tabs, CR line breaks, a byte-order mark, and anything `yaml` would report as an error.
 */
import { Composer, Document, parseAllDocuments } from 'yaml';
import { BlockParser } from './block';
import { Lines } from './lines';
import { Bail, ScalarFactory } from './scalar';

/**
 * The options `parseCard` gives `parseAllDocuments`; the document is built with the same. With
 * `logLevel: 'error'` the package emits no process warnings (such as "Keys with collection values
 * will be stringified"), which reached the editor as errors; the parser reports such keys itself.
 */
export const FAST_YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' } as const;

/**
 * Parses `text` like `parseAllDocuments(text, FAST_YAML_OPTIONS)[0]` when it is a single error-free
 * document within the subset; returns undefined otherwise (including for an empty document).
 */
export function fastParse(text: string): Document.Parsed | undefined {
  try {
    return fastParseOrThrow(text);
  } catch {
    // Bail-outs, and any surprise (a stack overflow on absurd nesting), mean: let `yaml` decide.
    return undefined;
  }
}

/** fastParse for tests: bail-outs still give undefined, but a bug throws instead of hiding. */
export function fastParseOrThrow(text: string): Document.Parsed | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  try {
    return parseDocument(text);
  } catch (err) {
    if (err instanceof Bail) return undefined;
    throw err;
  }
}

/**
 * A drop-in for `parseAllDocuments(text, FAST_YAML_OPTIONS)` as `parseCard` uses it: the fast
 * path's document when it answers, otherwise every document the package finds (maybe none).
 */
export function parseYamlDocuments(text: string): Document.Parsed[] {
  const fast = fastParse(text);
  if (fast) return [fast];
  const docs = parseAllDocuments(text, FAST_YAML_OPTIONS);
  return Array.isArray(docs) ? docs : [];
}

/** Builds the document, throwing BAIL outside the subset. */
function parseDocument(text: string): Document.Parsed | undefined {
  const lines = new Lines(text);
  const first = lines.nextContent(0);
  if (first >= lines.count || lines.indent[first] !== 0) return undefined;
  // A fresh composer's directives, exactly what `parseAllDocuments` hands each document.
  const directives = new Composer(FAST_YAML_OPTIONS).streamInfo().directives;
  const doc = new Document(undefined, { _directives: directives, ...FAST_YAML_OPTIONS });
  const parser = new BlockParser(lines, doc.schema, new ScalarFactory(doc));
  const root = parser.root(first);
  if (parser.line < lines.count) return undefined;
  const contentEnd = root.range?.[2] as number;
  doc.contents = root;
  doc.range = [lines.start[first] as number, contentEnd, parser.pending ? parser.pending.end : contentEnd];
  return doc as Document.Parsed;
}
