/** Answers `textDocument/completion` for open cards, with evidence paths from the card's folder. */
import { basename, dirname } from 'node:path';
import type { CompletionList, CompletionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CARD_SCHEMA } from '../../schema/compile';
import { completeAt, type CompletionEnv } from '.';
import { folderLister } from './files';
import { uriPath } from '../documents';
import type { SchemaNode } from '../schema-walk';

/**
 * The client's command that opens completion again, from its initialization options
 * (`{ completion: { retriggerCommand } }`); only a client that names one is ever sent it.
 */
export function retriggerCommandOf(initializationOptions: unknown): string | undefined {
  const completion = (initializationOptions as { completion?: { retriggerCommand?: unknown } } | null | undefined)?.completion;
  const command = completion?.retriggerCommand;
  return typeof command === 'string' && /^[\w.-]+$/.test(command) ? command : undefined;
}

/** The completion list at a position of an open document when it is a card. */
export function cardCompletion(doc: TextDocument | undefined, params: CompletionParams, isCard: boolean, retriggerCommand?: string): CompletionList | null {
  if (!doc || !isCard) return null;
  const env: CompletionEnv = { schema: CARD_SCHEMA as SchemaNode, ...(retriggerCommand ? { retriggerCommand } : {}) };
  // Only cards on disk have a folder to list; untitled and virtual documents get no path items.
  if (doc.uri.startsWith('file:')) {
    const path = uriPath(doc.uri);
    env.listFiles = folderLister(dirname(path), basename(path));
  }
  const trigger = params.context?.triggerCharacter;
  if (trigger !== undefined) env.trigger = trigger;
  return { isIncomplete: false, items: completeAt(doc.getText(), params.position, env) };
}
