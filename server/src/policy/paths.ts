/**
 * Matching a policy floor's path pattern against a card: `*` stands for any list item or mapping
 * key, so one floor covers every slice or suite. A threshold the card leaves out takes the schema's
 * default when it has one (the gate uses it), else it is missing.
 */
import type { Card, CardPath } from '../card/model';
import { schemaNodesAt } from '../schema/directions';
import type { PolicyFloor } from './types';

/** The value a floor is judged on at one path. */
export type FloorValue =
  | { kind: 'number'; value: number; defaulted: boolean }
  | { kind: 'missing' }
  | { kind: 'other' };

/** Every concrete card path a floor's pattern matches whose parent exists in the card. */
export function expandFloor(card: Card, floor: PolicyFloor): CardPath[] {
  let parents: CardPath[] = [[]];
  const head = floor.segments.slice(0, -1);
  const last = floor.segments[floor.segments.length - 1];
  if (last === undefined) return [];
  for (const seg of head) parents = parents.flatMap((p) => children(card.get(p), p, seg));
  const wildcard = floor.segments.includes('*');
  return parents.flatMap((p) => {
    const parent = card.get(p);
    if (parent === null || typeof parent !== 'object') return [];
    if (last === '*') return children(parent, p, last);
    // A pattern through a list (`slices.*.x`) only judges the items that set the key: an item
    // without it inherits the gate's own value, which its own floor covers.
    const has = Object.prototype.hasOwnProperty.call(parent, last);
    return has || !wildcard ? [[...p, Array.isArray(parent) ? Number(last) : last]] : [];
  });
}

/** The paths one segment below a value: every item or key for `*`, else the named one when present. */
function children(value: unknown, at: CardPath, seg: string): CardPath[] {
  if (Array.isArray(value)) {
    if (seg === '*') return value.map((_, i) => [...at, i]);
    return /^\d+$/.test(seg) && Number(seg) < value.length ? [[...at, Number(seg)]] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (seg === '*') return Object.keys(value).map((k) => [...at, k]);
  return Object.prototype.hasOwnProperty.call(value, seg) ? [[...at, seg]] : [];
}

/** The value at a path, or the schema's default for it, or missing. */
export function floorValue(card: Card, path: CardPath): FloorValue {
  const value = card.get(path);
  if (typeof value === 'number') return { kind: 'number', value, defaulted: false };
  if (value !== undefined && value !== null) return { kind: 'other' };
  const fallback = schemaNodesAt(path).map((n) => (n as { default?: unknown }).default).find((d) => typeof d === 'number');
  return typeof fallback === 'number' ? { kind: 'number', value: fallback, defaulted: true } : { kind: 'missing' };
}
