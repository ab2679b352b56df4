/**
 * The card as rules and gates see it: typed access to values by path, and the YAML node behind
 * each value so that every finding can be reported on the node it is about.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { aliasTargets } from './aliases';
import type { Range } from './findings';
import type { ParsedCard } from './parse';
import { nodeRange, type CardNode, type LineIndex } from './positions';
import { WORK } from './work';

/** A path into the card: keys for mappings, indices for sequences. */
export type CardPath = readonly (string | number)[];

/** A parsed release card with its source location. */
export class Card {
  /** The file path (CLI) or URI (server) the card came from. */
  readonly source: string;
  readonly parsed: ParsedCard;
  /** The pairs of each mapping by key, built on the first lookup in that mapping. */
  private readonly pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
  /** What each alias of the document names, resolved in one pass on first need. */
  private aliases: Map<Alias, Node> | undefined;

  constructor(source: string, parsed: ParsedCard) {
    this.source = source;
    this.parsed = parsed;
  }

  /** The line index of the card text. */
  get index(): LineIndex {
    return this.parsed.index;
  }

  /** The YAML document, when the text could be parsed at all. */
  get doc(): Document.Parsed | undefined {
    return this.parsed.doc;
  }

  /** The plain value at a path, or undefined. */
  get(path: CardPath): unknown {
    let at: unknown = this.parsed.value;
    for (const seg of path) {
      if (at === null || typeof at !== 'object') return undefined;
      at = (at as Record<string | number, unknown>)[seg];
    }
    return at;
  }

  /** The plain object at a path, or undefined when it is missing or not a mapping. */
  object(path: CardPath): Record<string, unknown> | undefined {
    const v = this.get(path);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  }

  /** The YAML node holding the value at a path (aliases resolved), or undefined. */
  node(path: CardPath): Node | undefined {
    let at: unknown = this.doc?.contents ?? undefined;
    for (const seg of path) {
      at = this.resolve(at);
      if (isMap(at)) at = this.findPair(at, seg)?.value;
      else if (isSeq(at) && typeof seg === 'number') at = at.items[seg];
      else return undefined;
    }
    return isNode(at) ? at : undefined;
  }

  /** The key/value pair whose key is the last path segment, or undefined. */
  pair(path: CardPath): Pair | undefined {
    if (path.length === 0) return undefined;
    const parent = this.resolve(this.node(path.slice(0, -1)) ?? (path.length === 1 ? this.doc?.contents : undefined));
    return isMap(parent) ? this.findPair(parent, path[path.length - 1] as string | number) : undefined;
  }

  /**
   * The node to report something about a path on: its key when the path ends in a mapping key, the
   * item when it ends in a sequence index, and the nearest existing ancestor when it does not exist.
   */
  anchor(path: CardPath): CardNode {
    for (let n = path.length; n > 0; n--) {
      const sub = path.slice(0, n);
      const last = sub[sub.length - 1];
      const target = typeof last === 'number' ? this.node(sub) : this.pair(sub);
      if (target) return target;
    }
    return this.firstKey() ?? (this.doc?.contents as Node | null) ?? emptyNode();
  }

  /** The first key of the root mapping: where findings about the whole card are reported. */
  firstKey(): Pair | undefined {
    const root = this.doc?.contents;
    return isMap(root) ? (root.items[0] as Pair | undefined) : undefined;
  }

  /** The exact range of a node, through the one converter. */
  range(node: CardNode): Range {
    return nodeRange(this.index, node);
  }

  private resolve(node: unknown): unknown {
    if (!isAlias(node) || !this.doc) return node;
    this.aliases ??= aliasTargets(this.doc);
    return this.aliases.get(node);
  }

  /**
   * The first pair of a mapping whose key is the segment. Each mapping is indexed once, so a lookup
   * costs the same however many keys the mapping has (a scan per lookup made validating a card with
   * thousands of unknown keys quadratic).
   */
  private findPair(map: YAMLMap, seg: string | number): Pair | undefined {
    let index = this.pairIndex.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        WORK.pairSteps++;
        const key = isPair(item) ? this.keyText(item.key) : undefined;
        if (key !== undefined && !index.has(key)) index.set(key, item as Pair);
      }
      this.pairIndex.set(map, index);
    }
    WORK.pairSteps++;
    return index.get(String(seg));
  }

  /** The text of a plain key: a scalar's value, or that of the scalar an alias key names. */
  private keyText(key: unknown): string | undefined {
    const target = this.resolve(key);
    return isScalar(target) ? String(target.value) : undefined;
  }
}

/** A node with no range: reported at the start of the file. */
function emptyNode(): CardNode {
  return { range: [0, 0, 0] } as unknown as Node;
}
