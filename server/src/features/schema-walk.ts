/**
 * Walks the card schema the way completion and hover need it: from a card path to the schema of
 * the value there, following `$ref`, `properties`, `items`, `additionalProperties` and the
 * alternatives of `anyOf`/`oneOf` that fit the value actually written. Pure: no I/O, no LSP types.
 */
import type { CardPath } from '../card/model';

/** The subset of JSON Schema (draft-07) keywords the card schema uses. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  uniqueItems?: boolean;
}

/** A schema node with its `$ref` followed; `definition` keeps the referenced definition's own wording. */
export interface Resolved {
  schema: SchemaNode;
  /** The name of the definition the node referred to (`relativePath`, `gateStatus`), if any. */
  ref?: string;
  /** The referenced definition's description, which a sibling `description` may have replaced. */
  definition?: string;
}

/** One property allowed in a mapping, with what completion and hover show about it. */
export interface PropertyInfo {
  name: string;
  resolved: Resolved;
  required: boolean;
  /** Position in the schema's declaration order, so completion lists keep the author's order. */
  order: number;
}

/** Reads the plain value at a card path (the card's own `get`, or a patched copy's). */
export type ValueAt = (path: CardPath) => unknown;

const MAX_REF_HOPS = 8;

/** Follows `$ref` (only local `#/definitions/...`) and merges the referring node's own keywords over it. */
export function resolve(root: SchemaNode, node: SchemaNode): Resolved {
  let schema = node;
  let ref: string | undefined;
  let definition: string | undefined;
  for (let hop = 0; hop < MAX_REF_HOPS && typeof schema.$ref === 'string'; hop++) {
    const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name ? (root as { definitions?: Record<string, SchemaNode> }).definitions?.[name] : undefined;
    if (!name || !target) break;
    ref ??= name;
    definition = target.description;
    const { $ref: _drop, ...own } = schema;
    schema = { ...target, ...own };
  }
  const out: Resolved = { schema };
  if (ref !== undefined) out.ref = ref;
  if (definition !== undefined) out.definition = definition;
  return out;
}

/** The JSON type name of a plain value, as JSON Schema spells it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The declared types of a node (empty when it declares none). */
export function typesOf(schema: SchemaNode): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return typeof schema.type === 'string' ? [schema.type] : [];
}

/** True when a value of this JSON type fits the node's declared type (an integer is a number). */
function fitsType(schema: SchemaNode, type: string): boolean {
  const types = typesOf(schema);
  return types.length === 0 || types.includes(type) || (type === 'integer' && types.includes('number'));
}

/**
 * The alternatives of a node (`anyOf`/`oneOf` flattened, each resolved), or the node itself. With a
 * value type, only alternatives accepting that type are kept, unless none does: then all are, so a
 * mistyped value still gets completion and hover from every reading.
 */
export function alternatives(root: SchemaNode, resolved: Resolved, valueType?: string): Resolved[] {
  const all: Resolved[] = [];
  const visit = (r: Resolved, depth: number): void => {
    const alts = r.schema.anyOf ?? r.schema.oneOf;
    if (!alts || depth > MAX_REF_HOPS) {
      all.push(r);
      return;
    }
    for (const alt of alts) visit(resolve(root, alt), depth + 1);
  };
  visit(resolved, 0);
  if (valueType === undefined || valueType === 'null' || valueType === 'undefined') return all;
  const fitting = all.filter((r) => fitsType(r.schema, valueType));
  return fitting.length > 0 ? fitting : all;
}

/** The schema of one child of a node: a named property or the items of a sequence. */
function child(root: SchemaNode, schema: SchemaNode, seg: string | number): Resolved | undefined {
  if (typeof seg === 'number') return schema.items ? resolve(root, schema.items) : undefined;
  const prop = schema.properties?.[seg];
  if (prop) return resolve(root, prop);
  const extra = schema.additionalProperties;
  return extra !== undefined && typeof extra === 'object' ? resolve(root, extra) : undefined;
}

/**
 * The schema candidates for the value at a path (one per fitting alternative on the way), with
 * their own `anyOf`/`oneOf` not yet expanded: callers expand for keys (objects) or values.
 */
export function nodeAt(root: SchemaNode, path: CardPath, valueAt: ValueAt): Resolved[] {
  let current: Resolved[] = [resolve(root, root)];
  for (let i = 0; i < path.length && current.length > 0; i++) {
    const seg = path[i] as string | number;
    const containerType = jsonType(valueAt(path.slice(0, i)));
    const next: Resolved[] = [];
    for (const r of current) {
      for (const alt of alternatives(root, r, containerType)) {
        const c = child(root, alt.schema, seg);
        if (c && !next.some((n) => n.schema === c.schema)) next.push(c);
      }
    }
    current = next;
  }
  return current;
}

/** The properties a mapping at this path may hold, from every object alternative, in schema order. */
export function propertiesAt(root: SchemaNode, path: CardPath, valueAt: ValueAt): PropertyInfo[] {
  const out: PropertyInfo[] = [];
  for (const r of nodeAt(root, path, valueAt)) {
    for (const alt of alternatives(root, r, 'object')) {
      if (!fitsType(alt.schema, 'object')) continue;
      const required = alt.schema.required ?? [];
      for (const [name, prop] of Object.entries(alt.schema.properties ?? {})) {
        if (out.some((p) => p.name === name)) continue;
        out.push({ name, resolved: resolve(root, prop), required: required.includes(name), order: out.length });
      }
    }
  }
  return out;
}

/** The property a key names in the mapping at `parent`, or undefined when the schema has none. */
export function propertyAt(root: SchemaNode, parent: CardPath, key: string, valueAt: ValueAt): PropertyInfo | undefined {
  return propertiesAt(root, parent, valueAt).find((p) => p.name === key);
}

/** A value an author may pick at a value position, with the description that explains it. */
export interface ValueChoice {
  value: string | number | boolean;
  description: string;
  isDefault: boolean;
}

/** Enumerated values (and `true`/`false` for booleans) allowed by any alternative of the candidates. */
export function valueChoices(root: SchemaNode, candidates: readonly Resolved[]): ValueChoice[] {
  const out: ValueChoice[] = [];
  const add = (value: unknown, r: Resolved, fallback: unknown): void => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
    if (out.some((c) => c.value === value)) return;
    const description = r.definition ?? r.schema.description ?? '';
    out.push({ value, description, isDefault: fallback === value });
  };
  for (const candidate of candidates) {
    const fallback = candidate.schema.default;
    for (const alt of alternatives(root, candidate)) {
      for (const v of alt.schema.enum ?? []) add(v, alt, alt.schema.default ?? fallback);
      if (alt.schema.const !== undefined) add(alt.schema.const, alt, undefined);
      if (typesOf(alt.schema).includes('boolean') && !alt.schema.enum) {
        add(true, alt, alt.schema.default ?? fallback);
        add(false, alt, alt.schema.default ?? fallback);
      }
    }
  }
  return out;
}

/** A default or example value of a free-form scalar, offered after the enumerated values. */
export interface ValueHint {
  value: string | number;
  source: 'default' | 'example';
}

/** Scalar defaults and examples of the alternatives that have no enumeration (`currency: USD`, `1h`). */
export function valueHints(root: SchemaNode, candidates: readonly Resolved[]): ValueHint[] {
  const out: ValueHint[] = [];
  const add = (value: unknown, source: ValueHint['source']): void => {
    if ((typeof value === 'string' || typeof value === 'number') && !out.some((h) => h.value === value)) out.push({ value, source });
  };
  for (const candidate of candidates) {
    for (const alt of alternatives(root, candidate)) {
      if (alt.schema.enum || typesOf(alt.schema).includes('boolean')) continue;
      add(alt.schema.default ?? candidate.schema.default, 'default');
      for (const example of alt.schema.examples ?? candidate.schema.examples ?? []) add(example, 'example');
    }
  }
  return out;
}

/** A short type label: `number`, `string | object`, `array of number`. */
export function typeLabel(root: SchemaNode, resolved: Resolved): string {
  const labels: string[] = [];
  for (const alt of alternatives(root, resolved)) {
    const types = typesOf(alt.schema);
    for (const t of types.length > 0 ? types : ['any']) {
      const items = t === 'array' && alt.schema.items ? typeLabel(root, resolve(root, alt.schema.items)) : undefined;
      const label = items ? `array of ${items.includes(' | ') ? `(${items})` : items}` : t;
      if (!labels.includes(label)) labels.push(label);
    }
  }
  return labels.join(' | ');
}

/** True when the value is a file path relative to the card (evidence, reference, runbook.path, ...). */
export function isPathProperty(resolved: Resolved): boolean {
  if (resolved.ref === 'relativePath') return true;
  return typesOf(resolved.schema).includes('string') && /\bpath\b[^.]*relative to the (directory of the )?card/i.test(resolved.schema.description ?? '');
}

/** Every alternative's value shape is one of these, which decides how a key's snippet looks. */
export type Shape = 'object' | 'array' | 'scalar';

/** The shape a key's value most plausibly takes: the first alternative's declared type decides. */
export function shapeOf(root: SchemaNode, resolved: Resolved): Shape {
  const first = alternatives(root, resolved)[0]?.schema ?? resolved.schema;
  const types = typesOf(first);
  if (types.includes('object') || (types.length === 0 && first.properties)) return 'object';
  if (types.includes('array')) return 'array';
  return 'scalar';
}
