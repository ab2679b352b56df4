/**
 * The schema's own keywords, declared once. `x-direction` says which way a threshold gets looser
 * (`max`: an upper limit, raising it loosens; `min`: a lower limit, lowering it loosens). Ajv's
 * strict mode refuses unknown keywords, so every Ajv that compiles the card schema (the runtime
 * validator, a standalone build, a test) registers these definitions through `addCardKeywords`.
 */
import type Ajv from 'ajv';
import type { KeywordDefinition } from 'ajv';

/** The name of the direction keyword in the card schema. */
export const DIRECTION_KEYWORD = 'x-direction';

/** The values of `x-direction`. */
export const DIRECTIONS = ['max', 'min'] as const;

/** Which way a threshold is a limit: `max` (values above it fail) or `min` (values below it fail). */
export type Direction = (typeof DIRECTIONS)[number];

/**
 * The keywords the card schema uses beyond JSON Schema. Annotations only: they never make a card
 * invalid, so validation results are the same with or without them.
 */
export const CARD_SCHEMA_KEYWORDS: readonly KeywordDefinition[] = [
  { keyword: DIRECTION_KEYWORD, schemaType: 'string', metaSchema: { type: 'string', enum: [...DIRECTIONS] } },
];

/** Registers the card schema's keywords on an Ajv instance (idempotent) and returns it. */
export function addCardKeywords<T extends Ajv>(ajv: T): T {
  for (const definition of CARD_SCHEMA_KEYWORDS) {
    const name = definition.keyword as string;
    if (!ajv.getKeyword(name)) ajv.addKeyword(definition);
  }
  return ajv;
}
