/**
 * One pass over the parsed tree: nesting depth, and the keys of every mapping. A card's keys must
 * be plain names, each once per mapping; an alias used as a key counts as the name it stands for,
 * so `*g :` after `&g gates:` is a duplicate of `gates`, not a silent replacement.
 */
import { isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, type Alias, type Document, type Node, type YAMLMap } from 'yaml';
import { aliasTargets } from './aliases';
import type { CardCode } from './codes';
import type { Range } from './findings';
import type { LineIndex } from './positions';

/** Reports one finding; the parser's sink. */
export type AddFinding = (code: CardCode, range: Range, message: string) => void;

/** Facts gathered by the walk. */
export interface WalkResult {
  tooDeep: boolean;
  firstAlias: Node | undefined;
  /** Alias nodes in the document. */
  aliases: number;
  /** The first alias past the limit, in walk order, when there are too many. */
  aliasPastLimit: Node | undefined;
}

/** Checks depth and keys without recursion, so a 10,000-level file cannot overflow the stack. */
export function walkTree(doc: Document.Parsed, index: LineIndex, limits: { maxDepth: number; maxAliases: number }, add: AddFinding): WalkResult {
  const { maxDepth, maxAliases } = limits;
  const result: WalkResult = { tooDeep: false, firstAlias: undefined, aliases: 0, aliasPastLimit: undefined };
  const maps: YAMLMap[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!isNode(node)) continue;
    if (isAlias(node)) {
      if (!result.firstAlias || (node.range?.[0] ?? 0) < (result.firstAlias.range?.[0] ?? 0)) result.firstAlias = node;
      if (++result.aliases === maxAliases + 1) result.aliasPastLimit = node;
      continue;
    }
    if (depth > maxDepth) {
      const start = node.range?.[0] ?? 0;
      add('yaml-too-deep', index.range(start, start + 1), `Nesting here is deeper than ${maxDepth} levels. No release card nests this deep; the file is probably generated or corrupt, so it is not validated further.`);
      result.tooDeep = true;
      return result;
    }
    if (isMap(node)) {
      maps.push(node);
      for (const pair of node.items) stack.push({ node: pair.value, depth: depth + 1 }, { node: pair.key, depth: depth + 1 });
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  if (result.aliasPastLimit) return result;
  // Aliases are resolved all at once, and only when the document has any.
  const targets = result.firstAlias ? aliasTargets(doc) : new Map<Alias, Node>();
  for (const map of maps) checkKeys(map, targets, index, add);
  return result;
}

/** What a key is: a plain name (a scalar, or an alias of one) or a collection. */
type KeyKind = { name: string; alias?: string } | { collection: 'list' | 'mapping' } | undefined;

/** Classifies a key, looking through an alias to the node it names. */
function keyKind(key: unknown, targets: ReadonlyMap<Alias, Node>): KeyKind {
  const target = isAlias(key) ? targets.get(key) : key;
  const alias = isAlias(key) ? key.source : undefined;
  if (isScalar(target)) return alias === undefined ? { name: String(target.value) } : { name: String(target.value), alias };
  if (isCollection(target)) return { collection: isSeq(target) ? 'list' : 'mapping' };
  return undefined;
}

/**
 * Reports collection keys, and each repeated key of one mapping at its second (and later)
 * occurrence. One map of names per mapping keeps the pass linear in the number of keys.
 */
function checkKeys(map: YAMLMap, targets: ReadonlyMap<Alias, Node>, index: LineIndex, add: AddFinding): void {
  const seen = new Map<string, number>();
  for (const pair of map.items) {
    if (!isPair(pair) || !isNode(pair.key) || !pair.key.range) continue;
    const range = index.range(pair.key.range[0], pair.key.range[1]);
    const kind = keyKind(pair.key, targets);
    if (kind && 'collection' in kind) {
      add('yaml-complex-key', range, `This key is a ${kind.collection}, not a name. Release cards use plain keys (a name followed by ":"); nothing reads a key like this, so whatever it sets does not apply to the release. Write the key as a plain name, or remove the entry.`);
      continue;
    }
    if (!kind) continue;
    const first = seen.get(kind.name);
    if (first === undefined) {
      seen.set(kind.name, pair.key.range[0]);
      continue;
    }
    const line = index.position(first).line + 1;
    const name = shorten(kind.name);
    const written = kind.alias === undefined ? '' : ` (written as the alias *${shorten(kind.alias)})`;
    add('yaml-duplicate-key', range,
      `Key "${name}"${written} already appears on line ${line} of this mapping. YAML keeps only one of them, so one value is silently lost; keep a single "${name}".`);
  }
}

/** A name as quoted in a message: long ones are cut, so a hostile key cannot bloat every message. */
function shorten(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}...` : name;
}
