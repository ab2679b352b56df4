/** Wording helpers for schema messages: paths as authors write them, values as they look in YAML. */
import type { CardPath } from '../card/model';

/** Converts an ajv instance path (`/rollout/steps/1`) into card path segments, indices as numbers. */
export function pointerToPath(pointer: string, root: unknown): CardPath {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let at: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const asIndex = Array.isArray(at) && /^\d+$/.test(seg) ? Number(seg) : seg;
    out.push(asIndex);
    at = at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[asIndex] : undefined;
  }
  return out;
}

/** `rollout.steps[1]`, as an author would name the place. */
export function displayPath(path: CardPath): string {
  if (path.length === 0) return 'the card';
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}

/** A short rendering of a value for messages: strings quoted, long values cut. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty (null)';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

/** The `description` of a schema node, as a sentence, or an empty string. */
export function schemaDescription(schema: unknown): string {
  const d = schema !== null && typeof schema === 'object' ? (schema as { description?: unknown }).description : undefined;
  if (typeof d !== 'string' || d.length === 0) return '';
  return /[.!?]$/.test(d) ? d : d + '.';
}
