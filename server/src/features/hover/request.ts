/** Answers `textDocument/hover` for open cards (and nothing for other YAML). */
import type { Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CARD_SCHEMA } from '../../schema/compile';
import { HOVER_SECTIONS, hoverAt, type HoverSection } from '.';
import type { SchemaNode } from '../schema-walk';
import { cardOf } from '../symbols/cache';

/** The hover at a position of an open document when it is a card; `extra` sections come after the schema's. */
export function cardHover(doc: TextDocument | undefined, position: Position, isCard: boolean, extra: readonly HoverSection[] = []): Hover | null {
  return doc && isCard ? hoverAt(cardOf(doc), position, CARD_SCHEMA as SchemaNode, [...HOVER_SECTIONS, ...extra]) : null;
}
