/** Shared helpers for feature tests: fixtures with a cursor marker, the card schema, parsed cards. */
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import type { SchemaNode } from '../../../server/src/features/schema-walk';
import { CARD_SCHEMA } from '../../../server/src/schema/compile';

/** The card schema, typed for the schema walker. */
export const SCHEMA = CARD_SCHEMA as SchemaNode;

/** A fixture with one `|` marking the cursor: the text without it and the cursor's position. */
export function withCursor(marked: string): { text: string; position: { line: number; character: number } } {
  const at = marked.indexOf('|');
  if (at < 0 || marked.indexOf('|', at + 1) >= 0) throw new Error('the fixture needs exactly one | cursor marker');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return { text, position: { line: before.length - 1, character: (before[before.length - 1] ?? '').length } };
}

/** A parsed card from text. */
export function cardOf(text: string): Card {
  return new Card('test://release-card.yaml', parseCard(text));
}
