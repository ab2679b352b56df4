/**
 * The validators compiled at run time from the schemas. Only the sources use this module (tests,
 * `tsx`): the build replaces it with the ahead-of-time code that `scripts/generate-validators.ts`
 * generates from the same set-up (`ajv-setup.ts`), so the shipped tool compiles no schema when it
 * starts. `test/unit/schema/standalone.test.ts` keeps the two equal on every fixture.
 */
import type { ValidateFunction } from 'ajv';
import { createAjv } from './ajv-setup';
import { SCHEMAS, type SchemaName } from './schemas';

const compiled = new Map<SchemaName, ValidateFunction>();

/** The validator of one schema, compiled on first use and then cached. */
export function validator(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    fn = createAjv().compile(SCHEMAS[name]);
    compiled.set(name, fn);
  }
  return fn;
}
