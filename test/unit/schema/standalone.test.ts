// The ahead-of-time validators (Ajv standalone code, bundled by the build) and the validators the
// sources compile at run time answer the same on every fixture: same verdict, same errors in the
// same order with the same schema excerpts, since findings are made from those errors.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { parseCard } from '../../../server/src/card/parse';
import { annotationKeywords, createAjv } from '../../../server/src/schema/ajv-setup';
import type { SchemaName } from '../../../server/src/schema/schemas';
import { standaloneValidatorsCode } from '../../../server/src/schema/standalone';
import { validator as runtimeValidator } from '../../../server/src/schema/validators';

const ROOT = join(__dirname, '..', '..', '..');

/** Loads the generated module from its source, as the bundle would. */
function loadGenerated(): (name: SchemaName) => ValidateFunction {
  const mod = { exports: {} as { validator: (name: SchemaName) => ValidateFunction } };
  const requireHere = createRequire(join(ROOT, 'package.json'));
  new Function('module', 'exports', 'require', standaloneValidatorsCode())(mod, mod.exports, requireHere);
  return mod.exports.validator;
}

/** Files under `dir` (recursively) whose names end with one of `suffixes`. */
function filesUnder(dir: string, suffixes: string[]): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full, suffixes);
    return suffixes.some((s) => name.endsWith(s)) ? [full] : [];
  });
}

/** Variants of a card value that reach the common error paths (unknown key, wrong types, missing keys). */
function variants(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [value];
  const card = value as Record<string, unknown>;
  const gates = (card.gates ?? {}) as Record<string, unknown>;
  return [
    card,
    { ...card, releaseid: 'x' },
    { ...card, rollout: { strategy: 'cannary', steps: '5, 25' } },
    { ...card, gates: Object.fromEntries(Object.entries(gates).map(([k, v]) => [k, typeof v === 'object' && v !== null ? { ...v, p99_latency_ms: '800ms', evidence: 7 } : 'passed'])) },
    Object.fromEntries(Object.entries(card).filter(([k]) => k !== 'artifacts')),
  ];
}

/** Asserts that both validators agree on `value`. */
function agree(name: SchemaName, aot: ValidateFunction, runtime: ValidateFunction, value: unknown, where: string): void {
  const a = aot(value);
  const r = runtime(value);
  assert.equal(a, r, `${name} verdict on ${where}`);
  assert.deepEqual(aot.errors ?? null, runtime.errors ?? null, `${name} errors on ${where}`);
}

describe('ahead-of-time validators', () => {
  const generated = loadGenerated();

  it('equal the runtime card validator on every YAML fixture and example, and on broken variants of each', () => {
    const files = [...filesUnder(join(ROOT, 'test/fixtures'), ['.yaml', '.yml']), ...filesUnder(join(ROOT, 'examples'), ['.yaml', '.yml'])];
    assert.ok(files.length > 50, `found ${files.length} YAML fixtures`);
    let invalid = 0;
    for (const file of files) {
      const parsed = parseCard(readFileSync(file, 'utf8'));
      if (!parsed.structural) continue;
      for (const [i, value] of variants(parsed.value).entries()) {
        agree('release-card', generated('release-card'), runtimeValidator('release-card'), value, `${file} variant ${i}`);
        if (runtimeValidator('release-card').errors) invalid++;
      }
    }
    assert.ok(invalid > 100, `compared ${invalid} invalid values`);
  });

  it('equal the runtime run-record validator on every record fixture, and on broken variants', () => {
    const files = filesUnder(join(ROOT, 'test/fixtures'), ['.run.json']);
    assert.ok(files.length > 0);
    for (const file of files) {
      const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const [i, v] of [value, { ...value, schema_version: 'x' }, { ...value, gates: 'none' }, { ...value, extra: 1 }, {}].entries()) {
        agree('run-record', generated('run-record'), runtimeValidator('run-record'), v, `${file} variant ${i}`);
      }
    }
  });

  it('refuses an unknown schema name', () => {
    assert.throws(() => generated('no-such-schema' as SchemaName), /no validator/);
  });
});

describe('x-* annotation keywords', () => {
  const schema = { type: 'object', properties: { max_p99_ms: { type: 'number', 'x-direction': 'max', 'x-unit': { name: 'ms' } } } };

  it('are found anywhere in a schema', () => {
    assert.deepEqual(annotationKeywords([schema]).sort(), ['x-direction', 'x-unit']);
  });

  it('compile in strict mode without being declared one by one, and do not validate anything', () => {
    const validate = createAjv({}, [schema]).compile(schema);
    assert.equal(validate({ max_p99_ms: 3 }), true);
    assert.equal(validate({ max_p99_ms: '3' }), false);
  });

  it('other unknown keywords still fail strict mode', () => {
    assert.throws(() => createAjv({}, [schema]).compile({ type: 'object', direction: 'max' }), /unknown keyword/);
  });
});
