/**
 * Hover on a card: on a key, the property's description, type, unit, default and allowed values;
 * on an enumerated value, what that value means. A hover is assembled from independent sections so
 * that later ones (a rule finding under the cursor, a threshold's last measured value) are added to
 * the list without touching these.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Range } from '../../card/findings';
import type { Card, CardPath } from '../../card/model';
import { targetAt, type Target } from './locate';
import { choiceMarkdown, propertyMarkdown } from './markdown';
import { rolloutConditionSection } from './rollout';
import { nodeAt, propertyAt, valueChoices, type SchemaNode } from '../schema-walk';

/** What every hover section sees. */
export interface HoverContext {
  card: Card;
  schema: SchemaNode;
  target: Target;
}

/** One part of a hover: markdown, or undefined when it has nothing to say here. */
export type HoverSection = (ctx: HoverContext) => string | undefined;

/** The property under a key. */
export const keySection: HoverSection = ({ card, schema, target }) => {
  if (target.on !== 'key') return undefined;
  const key = target.path[target.path.length - 1];
  if (typeof key !== 'string') return undefined;
  const valueAt = (p: CardPath): unknown => card.get(p);
  const info = propertyAt(schema, target.path.slice(0, -1), key, valueAt);
  if (info) return propertyMarkdown(schema, info);
  // A key of a free-form map (`fields`, `per_column`): describe the entry's schema.
  const entry = nodeAt(schema, target.path, valueAt)[0];
  return entry ? propertyMarkdown(schema, { name: key, resolved: entry, required: false, order: 0 }) : undefined;
};

/** The meaning of an enumerated (or boolean) value under the cursor. */
export const enumValueSection: HoverSection = ({ card, schema, target }) => {
  if (target.on !== 'value' || !('value' in target.node)) return undefined;
  const value = (target.node as { value: unknown }).value;
  const choices = valueChoices(schema, nodeAt(schema, target.path, (p) => card.get(p)));
  const choice = choices.find((c) => c.value === value);
  return choice ? choiceMarkdown(choice, choices) : undefined;
};

/** The sections of a hover, in display order. */
export const HOVER_SECTIONS: readonly HoverSection[] = [keySection, enumValueSection, rolloutConditionSection];

/** The hover at a position of a parsed card, or null where there is nothing to explain. */
export function hoverAt(card: Card, position: Position, schema: SchemaNode, sections: readonly HoverSection[] = HOVER_SECTIONS): Hover | null {
  const root = card.doc?.contents;
  if (!root) return null;
  const target = targetAt(root, card.index.offset(position));
  if (!target) return null;
  const ctx: HoverContext = { card, schema, target };
  const parts = sections.map((s) => s(ctx)).filter((s): s is string => s !== undefined && s.length > 0);
  if (parts.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: targetRange(card, target) };
}

/** The range the hover applies to: the key, or the value. */
function targetRange(card: Card, target: Target): Range {
  return target.on === 'key' ? card.range(target.pair) : card.range(target.node);
}
