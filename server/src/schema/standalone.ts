/**
 * Ahead-of-time validators: Ajv's standalone code for every schema of `ajv-setup.ts`, as one
 * CommonJS module whose `validator(name)` has the signature of `validators.ts`. The build writes
 * it to `build/generated/validators.cjs` and bundles it in place of `validators.ts`.
 */
import standaloneCode from 'ajv/dist/standalone';
import { createAjv } from './ajv-setup';
import { SCHEMAS } from './schemas';

/** The source of the generated validators module. */
export function standaloneValidatorsCode(): string {
  const ajv = createAjv({ code: { source: true } });
  const exports: Record<string, string> = {};
  Object.entries(SCHEMAS).forEach(([name, schema], i) => {
    const id = `validator${i}`;
    ajv.addSchema(schema, name);
    exports[id] = name;
  });
  const names = Object.keys(SCHEMAS).map((name, i) => `${JSON.stringify(name)}: exports.validator${i}`).join(', ');
  return [
    '// Generated at build time by scripts/generate-validators.ts from schemas/*.json: do not edit.',
    standaloneCode(ajv, exports),
    `const validators = { ${names} };`,
    'exports.validator = function validator(name) { const fn = validators[name]; if (!fn) throw new Error("no validator for schema " + name); return fn; };',
    '',
  ].join('\n');
}
