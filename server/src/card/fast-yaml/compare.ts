/**
 * Differential check of the fast YAML path against the `yaml` package: both parse the same text,
 * and every node must agree in kind, value, scalar type, format, flow style and range. Used by the
 * tests on every YAML file in the repository and on thousands of generated documents; cheap enough
 * to run as a self-check on real cards too.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { fastParseOrThrow, FAST_YAML_OPTIONS } from '.';

/** The outcome of one comparison: whether the fast path answered, and the first disagreement. */
export interface FastYamlComparison {
  /** True when fastParse returned a document (rather than deferring to the package). */
  fast: boolean;
  /** True when the package reported errors or warnings, or did not produce exactly one document. */
  yamlRejects: boolean;
  /** A description of the first disagreement, or undefined when the two agree. */
  mismatch: string | undefined;
}

/** Parses `text` both ways and reports the first disagreement. */
export function compareWithYaml(text: string): FastYamlComparison {
  const docs = parseAllDocuments(text, FAST_YAML_OPTIONS);
  const list = Array.isArray(docs) ? docs : [];
  const ref = list[0];
  const yamlRejects = list.length !== 1 || !ref || ref.errors.length > 0 || ref.warnings.length > 0 || ref.contents === null;
  const doc = fastParseOrThrow(text);
  if (!doc) return { fast: false, yamlRejects, mismatch: undefined };
  if (yamlRejects || !ref) return { fast: true, yamlRejects, mismatch: `fast path accepted a text the package rejects (${ref?.errors[0]?.code ?? 'no single document'})` };
  return { fast: true, yamlRejects, mismatch: compareDocs(doc, ref) };
}

/** Compares two parsed documents: ranges, plain values, and every node in parallel. */
function compareDocs(fast: Document.Parsed, ref: Document.Parsed): string | undefined {
  if (!isDeepStrictEqual(fast.range, ref.range)) return `document range ${fmt(fast.range)} ≠ ${fmt(ref.range)}`;
  if (fast.errors.length > 0 || fast.warnings.length > 0) return 'fast document has errors or warnings';
  const a = fast.toJS() as unknown;
  const b = ref.toJS() as unknown;
  if (!isDeepStrictEqual(a, b)) return `toJS differs: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  return compareNodes(fast.contents, ref.contents, '$');
}

/** Walks two node trees in parallel without recursion limits mattering for cards. */
function compareNodes(x: unknown, y: unknown, path: string): string | undefined {
  if (x === null || y === null || x === undefined || y === undefined) return x === y ? undefined : `${path}: ${String(x)} vs ${String(y)}`;
  const nx = x as { range?: unknown; constructor: unknown };
  const ny = y as { range?: unknown; constructor: unknown };
  if (nx.constructor !== ny.constructor) return `${path}: node class differs`;
  if (!isDeepStrictEqual(nx.range, ny.range)) return `${path}: range ${fmt(nx.range)} ≠ ${fmt(ny.range)}`;
  if (isScalar(x) && isScalar(y)) return compareScalars(x, y, path);
  if ((isMap(x) && isMap(y)) || (isSeq(x) && isSeq(y))) {
    if (Boolean(x.flow) !== Boolean(y.flow)) return `${path}: flow ${String(x.flow)} ≠ ${String(y.flow)}`;
    if (x.items.length !== y.items.length) return `${path}: ${x.items.length} items ≠ ${y.items.length}`;
    for (let i = 0; i < x.items.length; i++) {
      const ix = x.items[i];
      const iy = y.items[i];
      if (isPair(ix) && isPair(iy)) {
        const at = `${path}.${isScalar(iy.key) ? String(iy.key.value) : i}`;
        const diff = compareNodes(ix.key, iy.key, `${at}(key)`) ?? compareNodes(ix.value, iy.value, at);
        if (diff) return diff;
      } else {
        const diff = compareNodes(ix, iy, `${path}[${i}]`);
        if (diff) return diff;
      }
    }
    return undefined;
  }
  return `${path}: unexpected node kinds`;
}

/** Scalars agree in value, type, format, source and the fraction digits floats remember. */
function compareScalars(x: { value: unknown; type?: string; format?: string }, y: { value: unknown; type?: string; format?: string }, path: string): string | undefined {
  if (!Object.is(x.value, y.value)) return `${path}: value ${JSON.stringify(x.value)} ≠ ${JSON.stringify(y.value)}`;
  if (x.type !== y.type) return `${path}: type ${String(x.type)} ≠ ${String(y.type)}`;
  if (x.format !== y.format) return `${path}: format ${String(x.format)} ≠ ${String(y.format)}`;
  const extra = ['source', 'minFractionDigits', 'tag'] as const;
  for (const k of extra) {
    const a = (x as Record<string, unknown>)[k];
    const b = (y as Record<string, unknown>)[k];
    if (!Object.is(a, b)) return `${path}: ${k} ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  return undefined;
}

function fmt(range: unknown): string {
  return JSON.stringify(range);
}
