/**
 * Parsed open cards, shared by the outline, hover, lenses and run features: they ask about the
 * same version of a document many times (every mouse move is a hover), and a parse per request
 * would repeat work. Validation hands its parse in, so after diagnostics are published the model
 * of that version is already here. Keyed by URI and version; a small bound keeps memory flat.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Card } from '../../card/model';
import { parseCard, type ParsedCard } from '../../card/parse';

const MAX_ENTRIES = 16;
const cache = new Map<string, { version: number; card: Card }>();

/** Whether a validation of a document is wanted or in flight (the server's scheduler answers). */
let validating: (uri: string) => boolean = () => false;

/** The parsed card of a document's current version, from the cache when it is there. */
export function cardOf(doc: TextDocument): Card {
  const hit = cache.get(doc.uri);
  if (hit && hit.version === doc.version) return hit.card;
  return remember(doc.uri, doc.version, new Card(doc.uri, parseCard(doc.getText())));
}

/**
 * The last model of a document: its current version when parsed, otherwise, while a validation
 * of a newer version runs, the last one parsed. Hover and the outline answer from it at once
 * during a burst of edits instead of parsing every version; validation catches the model up.
 */
export function modelOf(doc: TextDocument): Card {
  const hit = cache.get(doc.uri);
  if (hit && (hit.version === doc.version || (hit.version < doc.version && validating(doc.uri)))) return hit.card;
  return cardOf(doc);
}

/** Keeps a card parsed by validation as the model of that version (never over a newer one). */
export function rememberParsed(uri: string, version: number, parsed: ParsedCard): void {
  const hit = cache.get(uri);
  if (hit && hit.version > version) return;
  remember(uri, version, new Card(uri, parsed));
}

/** Tells the cache how to ask whether a document is being validated. */
export function setValidatingCheck(check: (uri: string) => boolean): void {
  validating = check;
}

function remember(uri: string, version: number, card: Card): Card {
  cache.delete(uri);
  cache.set(uri, { version, card });
  // Maps iterate in insertion order, so the first key is the least recently parsed.
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return card;
}
