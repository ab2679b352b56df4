/**
 * Parsed open cards, shared by the outline and hover: both ask about the same version of a
 * document many times (every mouse move is a hover), and a parse per request would repeat work.
 * Keyed by URI and version; a small bound keeps memory flat however many cards are opened.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Card } from '../../card/model';
import { parseCard } from '../../card/parse';

const MAX_ENTRIES = 16;
const cache = new Map<string, { version: number; card: Card }>();

/** The parsed card of a document's current version, from the cache when it is there. */
export function cardOf(doc: TextDocument): Card {
  const hit = cache.get(doc.uri);
  if (hit && hit.version === doc.version) return hit.card;
  const card = new Card(doc.uri, parseCard(doc.getText()));
  cache.delete(doc.uri);
  cache.set(doc.uri, { version: doc.version, card });
  // Maps iterate in insertion order, so the first key is the least recently parsed.
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return card;
}
