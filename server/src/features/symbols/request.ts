/** Answers `textDocument/documentSymbol` for open cards (and nothing for other YAML). */
import type { DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { cardSymbols } from '.';
import { modelOf } from './cache';

/** The outline of an open document when it is a card. */
export function cardOutline(doc: TextDocument | undefined, isCard: boolean): DocumentSymbol[] {
  return doc && isCard ? cardSymbols(modelOf(doc)) : [];
}
