/**
 * The direction of each threshold, read from the schema's `x-direction` annotations: one
 * declaration per threshold that `review`, the policy floors and `no-loosened-threshold` all use,
 * so "looser" means the same thing everywhere. Pure: walks the schema JSON, never a card file.
 */
import type { CardPath } from '../card/model';
import cardSchema from '../../../schemas/release-card.schema.json';
import { DIRECTION_KEYWORD, type Direction } from './keywords';

/** The parts of a schema node the walk follows. */
interface Node {
  $ref?: string;
  properties?: Record<string, Node>;
  items?: Node;
  additionalProperties?: boolean | Node;
  anyOf?: Node[];
  oneOf?: Node[];
  type?: string | string[];
  default?: unknown;
  [DIRECTION_KEYWORD]?: Direction;
}

const ROOT = cardSchema as unknown as Node & { definitions?: Record<string, Node> };

/** Follows local `$ref`s (`#/definitions/...`), a bounded number of hops. */
function deref(node: Node): Node {
  let at = node;
  for (let hop = 0; hop < 8 && typeof at.$ref === 'string'; hop++) {
    const name = /^#\/definitions\/(.+)$/.exec(at.$ref)?.[1];
    const target = name === undefined ? undefined : ROOT.definitions?.[name];
    if (!target) break;
    at = target;
  }
  return at;
}

/** The node and, through `anyOf`/`oneOf`, every alternative it allows. */
function alternatives(node: Node): Node[] {
  const own = deref(node);
  return [own, ...[...(own.anyOf ?? []), ...(own.oneOf ?? [])].flatMap(alternatives)];
}

/** The schema nodes that can describe the value one step below `node`. */
function step(node: Node, seg: string | number): Node[] {
  const out: Node[] = [];
  for (const alt of alternatives(node)) {
    if (typeof seg === 'number') {
      if (alt.items) out.push(alt.items);
      continue;
    }
    const prop = alt.properties?.[seg];
    if (prop) out.push(prop);
    else if (typeof alt.additionalProperties === 'object') out.push(alt.additionalProperties);
  }
  return out;
}

/** Every schema node that describes the value at a card path (empty when the path is not in the schema). */
export function schemaNodesAt(path: CardPath): Node[] {
  let nodes: Node[] = [ROOT];
  for (const seg of path) nodes = nodes.flatMap((n) => step(n, seg));
  return nodes;
}

/**
 * The declared direction of the threshold at a card path, or undefined when the schema declares
 * none there (a setting, a path, or a threshold whose direction depends on another key, such as a
 * drift test's `stattest_threshold`, which is a p-value for some methods and a distance for others).
 */
export function thresholdDirection(path: CardPath): Direction | undefined {
  for (const node of schemaNodesAt(path)) {
    for (const alt of alternatives(node)) {
      const d = alt[DIRECTION_KEYWORD];
      if (d === 'max' || d === 'min') return d;
    }
  }
  return undefined;
}

/** True when `after` is looser than `before` for a threshold of this direction (equal values are neither). */
export function isLooser(direction: Direction, before: number, after: number): boolean {
  return direction === 'max' ? after > before : after < before;
}

/** A card path pattern with a declared direction. */
export interface DirectedPath {
  /** Keys joined by dots, `*` for any list item or mapping key. */
  pattern: string;
  direction: Direction;
  /** True for numbers; false for dates (`fixed_before`, a deferral's `deadline`). */
  numeric: boolean;
}

/** True when a node (or one of its alternatives) holds numbers. */
function isNumeric(node: Node): boolean {
  return alternatives(node).some((a) => [a.type].flat().some((t) => t === 'number' || t === 'integer'));
}

/** Every card path pattern with a declared direction, for policy validation and docs. */
export function directedPaths(): DirectedPath[] {
  const out: DirectedPath[] = [];
  const seen = new Set<Node>();
  const walk = (node: Node, prefix: string[], depth: number): void => {
    if (depth > 12) return;
    for (const alt of alternatives(node)) {
      const d = alt[DIRECTION_KEYWORD];
      if ((d === 'max' || d === 'min') && prefix.length > 0 && !out.some((o) => o.pattern === prefix.join('.'))) out.push({ pattern: prefix.join('.'), direction: d, numeric: isNumeric(node) });
      if (seen.has(alt)) continue;
      seen.add(alt);
      for (const [key, child] of Object.entries(alt.properties ?? {})) walk(child, [...prefix, key], depth + 1);
      if (alt.items) walk(alt.items, [...prefix, '*'], depth + 1);
      if (typeof alt.additionalProperties === 'object') walk(alt.additionalProperties, [...prefix, '*'], depth + 1);
      seen.delete(alt);
    }
  };
  walk(ROOT, [], 0);
  return out;
}
