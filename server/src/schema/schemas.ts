/** The product's JSON schemas by name (no Ajv here, so the bundles that only validate stay small). */
import cardSchema from '../../../schemas/release-card.schema.json';
import policySchema from '../../../schemas/release-gates-policy.schema.json';
import runRecordSchema from '../../../schemas/run-record.schema.json';

/** Every schema that gets a validator, by the name callers ask for. Add a schema here, once. */
export const SCHEMAS = {
  'release-card': cardSchema as Record<string, unknown>,
  'run-record': runRecordSchema as Record<string, unknown>,
  'release-gates-policy': policySchema as Record<string, unknown>,
} as const;

/** The name of a schema that has a validator. */
export type SchemaName = keyof typeof SCHEMAS;
