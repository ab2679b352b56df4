/**
 * The one Ajv set-up of the product's JSON schemas, shared by the runtime compiler (used from the
 * sources, in tests) and the build's ahead-of-time generator (`scripts/generate-validators.ts`), so
 * the two validators cannot differ in options, formats or keywords.
 */
import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { addCardKeywords } from './keywords';
import { SCHEMAS } from './schemas';

/**
 * Ajv's options: strict (a typo in a schema keyword is a build error), every error (findings list
 * them all), verbose (findings quote the schema's descriptions and examples), union types.
 */
export const AJV_OPTIONS: Options = { strict: true, allErrors: true, verbose: true, allowUnionTypes: true };

/**
 * A new Ajv with the formats and every `x-*` annotation keyword the schemas use registered, so a
 * schema may carry annotations for the tools (`x-direction` on a threshold) without each one
 * being declared here, while strict mode still refuses any other unknown keyword.
 */
export function createAjv(extra: Options = {}, schemas: readonly unknown[] = Object.values(SCHEMAS)): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv);
  // Declared keywords first (their values are checked, e.g. x-direction is max or min); any other
  // `x-*` annotation is accepted as it is.
  addCardKeywords(ajv);
  for (const keyword of annotationKeywords(schemas)) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword, schemaType: ['string', 'number', 'boolean', 'object', 'array', 'null'] });
  }
  return ajv;
}

/** Every object key starting with `x-` anywhere in the schemas, in first-seen order. */
export function annotationKeywords(schemas: readonly unknown[]): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [...schemas];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) found.add(key);
        stack.push(value);
      }
    }
  }
  return [...found];
}
