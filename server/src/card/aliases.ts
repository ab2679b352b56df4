/**
 * Alias resolution for a whole document in one pass. The `yaml` package's `Alias.resolve(doc)`
 * walks the entire document on every call, so resolving each of many aliases was quadratic.
 */
import { isAlias, isCollection, isScalar, visit, type Alias, type Document, type Node } from 'yaml';
import { WORK } from './work';

/** The node each alias names: the last node with that anchor before the alias, as `yaml` resolves it. */
export function aliasTargets(doc: Document): Map<Alias, Node> {
  const last = new Map<string, Node>();
  const out = new Map<Alias, Node>();
  visit(doc, {
    Node(_, node) {
      WORK.aliasSteps++;
      if (isAlias(node)) {
        const target = last.get(node.source);
        if (target) out.set(node, target);
      } else if ((isScalar(node) || isCollection(node)) && node.anchor) {
        last.set(node.anchor, node);
      }
    },
  });
  return out;
}
