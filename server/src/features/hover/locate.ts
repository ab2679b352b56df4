/**
 * Finds what the cursor points at in a parsed card: a key (with its card path) or a scalar value.
 * Works on the YAML tree as parsed, so it also answers on cards with errors elsewhere.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { CardPath } from '../../card/model';

/** The thing under the cursor: a pair's key, or a scalar value; `path` is the value's card path. */
export type Target = { on: 'key'; path: CardPath; pair: Pair } | { on: 'value'; path: CardPath; node: Node };

/** True when an offset is inside a node's range (its end inclusive, so the cursor right after a word counts). */
function contains(node: unknown, offset: number): boolean {
  return isNode(node) && !!node.range && node.range[0] <= offset && offset <= node.range[1];
}

/** The key or scalar value at an offset, or undefined on whitespace, comments and structure. */
export function targetAt(root: unknown, offset: number): Target | undefined {
  let node: unknown = root;
  let path: (string | number)[] = [];
  for (let depth = 0; depth < 256; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (contains(p.key, offset) || contains(p.value, offset)));
      if (!pair || !isScalar(pair.key)) return undefined;
      path = [...path, String(pair.key.value)];
      if (contains(pair.key, offset)) return { on: 'key', path, pair };
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => contains(item, offset));
      if (i < 0) return undefined;
      path = [...path, i];
      node = node.items[i];
    } else if (isScalar(node) && !isAlias(node)) {
      return { on: 'value', path, node };
    } else {
      return undefined;
    }
  }
  return undefined;
}
