/** Answers `textDocument/hover` for open cards (and nothing for other YAML). */
import type { Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CARD_SCHEMA } from '../../schema/compile';
import { HOVER_SECTIONS, hoverAt, type HoverSection } from '.';
import type { SchemaNode } from '../schema-walk';
import { modelOf } from '../symbols/cache';

/** The hover at a position of an open card, from its last model (see modelOf); `extra` sections come after the schema's. */
export function cardHover(doc: TextDocument | undefined, position: Position, isCard: boolean, extra: readonly HoverSection[] = []): Hover | null {
  return doc && isCard ? hoverAt(modelOf(doc), position, CARD_SCHEMA as SchemaNode, [...HOVER_SECTIONS, ...extra]) : null;
}
