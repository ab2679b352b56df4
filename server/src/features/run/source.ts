/** Where a run's card comes from: the open document's text first (perhaps unsaved), else the file. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Card } from '../../card/model';
import { parseCard } from '../../card/parse';
import { uriPath } from '../documents';
import { cardOf } from '../symbols/cache';

/** A card's text, its file and the parsed card. */
export interface CardSource {
  text: string;
  file: string;
  card: Card;
}

/** The card behind a `file:` URI; undefined when it is neither open nor readable. */
export async function cardSource(documents: TextDocuments<TextDocument>, uri: string): Promise<CardSource | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  const file = uriPath(uri);
  const doc = documents.get(uri);
  if (doc) return { text: doc.getText(), file, card: cardOf(doc) };
  try {
    const text = await fs.readFile(file, 'utf8');
    return { text, file, card: new Card(uri, parseCard(text)) };
  } catch {
    return undefined;
  }
}

/** The project root of a card: the workspace folder holding it, else its own folder. */
export function projectRootOf(folders: readonly string[], file: string): string {
  const folder = folders.find((f) => !path.relative(f, file).startsWith('..') && !path.isAbsolute(path.relative(f, file)));
  return folder ?? path.dirname(file);
}
