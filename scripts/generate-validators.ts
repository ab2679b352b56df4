/**
 * Writes the ahead-of-time schema validators (Ajv standalone code) to the file given as argument,
 * default `build/generated/validators.cjs`. Run by `npm run build` (esbuild.mjs) before bundling;
 * the output is generated, never edited, and not committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { standaloneValidatorsCode } from '../server/src/schema/standalone';

const out = resolve(process.argv[2] ?? 'build/generated/validators.cjs');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, standaloneValidatorsCode());
