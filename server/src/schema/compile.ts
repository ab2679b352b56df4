/**
 * The schema validators for every face of the product. `./validators` compiles them at run time
 * from the sources; the build swaps in the code generated ahead of time (esbuild.mjs), so the
 * shipped CLI and server start without compiling a schema.
 */
import type { ValidateFunction } from 'ajv';
import { SCHEMAS } from './schemas';
import { validator } from './validators';

/** The card schema as a JSON value (for hover, completion and docs). */
export const CARD_SCHEMA: Record<string, unknown> = SCHEMAS['release-card'];

/** The validator of the release-card schema. */
export function cardValidator(): ValidateFunction {
  return validator('release-card');
}

/** The validator of the policy section of `.release-gates.yaml`. */
export function policyValidator(): ValidateFunction {
  return validator('release-gates-policy');
}

/** The validator of the run-record schema. */
export function runRecordValidator(): ValidateFunction {
  return validator('run-record');
}
