/** Compiles the card schema once, in ajv's strict mode, for every face of the product. */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import cardSchema from '../../../schemas/release-card.schema.json';
import { addCardKeywords } from './keywords';

let compiled: ValidateFunction | undefined;

/** The card schema as a JSON value (for hover, completion and docs). */
export const CARD_SCHEMA: Record<string, unknown> = cardSchema as Record<string, unknown>;

/** The compiled validator of the release-card schema (compiled on first use, then cached). */
export function cardValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ strict: true, allErrors: true, verbose: true, allowUnionTypes: true });
    addFormats(ajv);
    addCardKeywords(ajv);
    compiled = ajv.compile(CARD_SCHEMA);
  }
  return compiled;
}
