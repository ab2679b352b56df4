/**
 * Snippet text for a key: `key: ${1:default}` for scalars, a choice for enums, and a nested
 * skeleton for objects and lists of objects with their required keys (plus the keys of a skeleton
 * spec, for gates) already written. Indentation is relative to the line the key is on: clients
 * add that line's indentation to every later line of a snippet.
 */
import type { SkeletonSpec } from './gates';
import { yamlValue } from '../hover/markdown';
import { alternatives, resolve, shapeOf, typesOf, valueChoices, type Resolved, type SchemaNode } from '../schema-walk';

/** How the snippet is laid out. */
export interface SnippetLayout {
  /** Column the key starts at, counted from the line's indentation (2 after `- `, else 0). */
  column: number;
  /** Spaces per indentation level in this card. */
  unit: number;
  /** Inside a flow collection: everything stays on one line. */
  flow: boolean;
}

/** Numbers the tab stops of one snippet. */
class Stops {
  private n = 0;
  /** The next tab stop number. */
  next(): number {
    return ++this.n;
  }
}

/** Deepest nesting a skeleton writes out; deeper objects get an empty tab stop. */
const MAX_DEPTH = 3;

/** The snippet for a key and its value. */
export function keySnippet(root: SchemaNode, name: string, resolved: Resolved, layout: SnippetLayout, spec?: SkeletonSpec): string {
  return `${name}:${valueSnippet(root, resolved, layout, layout.column, new Stops(), spec, 0)}`;
}

/** Everything after `key:` — a space and a scalar, or a line break and a nested block. */
function valueSnippet(root: SchemaNode, r: Resolved, layout: SnippetLayout, column: number, stops: Stops, spec: SkeletonSpec | undefined, depth: number): string {
  const shape = shapeOf(root, r);
  if (shape === 'object') return objectSnippet(root, r, layout, column, stops, spec, depth);
  if (shape === 'array') return arraySnippet(root, r, layout, column, stops, spec, depth);
  return ` ${scalarText(root, r, stops)}`;
}

/** A mapping: its required (and spec'd) children one level deeper, or an empty tab stop. */
function objectSnippet(root: SchemaNode, r: Resolved, layout: SnippetLayout, column: number, stops: Stops, spec: SkeletonSpec | undefined, depth: number): string {
  const children = depth < MAX_DEPTH ? childKeys(root, r, spec) : [];
  if (layout.flow) {
    if (children.length === 0) return ` { $${stops.next()} }`;
    return ` { ${children.map(([k, c]) => `${k}:${valueSnippet(root, c, layout, column, stops, spec?.[k], depth + 1)}`).join(', ')} }`;
  }
  const inner = column + layout.unit;
  if (children.length === 0) return `\n${pad(inner)}$${stops.next()}`;
  return children.map(([k, c]) => `\n${pad(inner)}${k}:${valueSnippet(root, c, layout, inner, stops, spec?.[k], depth + 1)}`).join('');
}

/** A list: a list of mappings gets one item skeleton; a list of scalars a flow list. */
function arraySnippet(root: SchemaNode, r: Resolved, layout: SnippetLayout, column: number, stops: Stops, spec: SkeletonSpec | undefined, depth: number): string {
  const array = alternatives(root, r).find((a) => typesOf(a.schema).includes('array'))?.schema ?? r.schema;
  const items = array.items ? resolve(root, array.items) : undefined;
  if (!items || shapeOf(root, items) !== 'object') return ` [${listText(root, r, items, stops)}]`;
  const children = depth < MAX_DEPTH ? childKeys(root, items, spec) : [];
  if (layout.flow || children.length === 0) return layout.flow ? ` [$${stops.next()}]` : `\n${pad(column + layout.unit)}- $${stops.next()}`;
  const dash = column + layout.unit;
  return children
    .map(([k, c], i) => `\n${pad(dash + (i === 0 ? 0 : 2))}${i === 0 ? '- ' : ''}${k}:${valueSnippet(root, c, layout, dash + 2, stops, spec?.[k], depth + 1)}`)
    .join('');
}

/** The inside of a flow list of scalars: its default, a choice of item values, or a tab stop. */
function listText(root: SchemaNode, r: Resolved, items: Resolved | undefined, stops: Stops): string {
  const fallback = r.schema.default ?? r.schema.examples?.[0];
  if (Array.isArray(fallback)) return `\${${stops.next()}:${escape(fallback.map(yamlValue).join(', '))}}`;
  const choices = items ? valueChoices(root, [items]) : [];
  if (choices.length > 1) return choice(choices.map((c) => String(c.value)), stops);
  return `$${stops.next()}`;
}

/** A scalar tab stop: a choice among enum values (default first), else the default or first example. */
function scalarText(root: SchemaNode, r: Resolved, stops: Stops): string {
  const choices = valueChoices(root, [r]);
  if (choices.length > 1) {
    const ordered = [...choices.filter((c) => c.isDefault), ...choices.filter((c) => !c.isDefault)];
    return choice(ordered.map((c) => String(c.value)), stops);
  }
  const fallback = r.schema.default ?? firstExample(root, r);
  const n = stops.next();
  return fallback === undefined || typeof fallback === 'object' ? `\${${n}}` : `\${${n}:${escape(yamlValue(fallback))}}`;
}

/** The first scalar example of the node or of its alternatives. */
function firstExample(root: SchemaNode, r: Resolved): unknown {
  for (const alt of alternatives(root, r)) {
    const ex = alt.schema.examples?.find((e) => e === null || typeof e !== 'object');
    if (ex !== undefined) return ex;
  }
  return undefined;
}

/** The children a skeleton writes: required keys and the spec's keys, in the schema's order. */
function childKeys(root: SchemaNode, r: Resolved, spec: SkeletonSpec | undefined): [string, Resolved][] {
  const object = alternatives(root, r, 'object').find((a) => typesOf(a.schema).includes('object'))?.schema;
  const required = object?.required ?? [];
  return Object.entries(object?.properties ?? {})
    .filter(([k]) => required.includes(k) || (spec !== undefined && k in spec))
    .map(([k, s]) => [k, resolve(root, s)]);
}

/** A snippet choice `${n|a,b|}`. */
function choice(values: string[], stops: Stops): string {
  return `\${${stops.next()}|${values.map((v) => v.replace(/[,|\\$]/g, (c) => `\\${c}`)).join(',')}|}`;
}

/** Escapes placeholder text for the snippet grammar. */
function escape(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** Spaces for a column. */
function pad(n: number): string {
  return ' '.repeat(Math.max(0, n));
}
