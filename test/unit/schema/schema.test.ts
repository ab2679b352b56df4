// The release-card schema: it compiles in ajv strict mode, the examples and the documentation's
// YAML blocks validate, every property is described (hover and completion depend on it), and
// typical mistakes fail at the instance path an editor would underline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { addCardKeywords } from '../../../server/src/schema/keywords';

const root = join(__dirname, '..', '..', '..');
const schemaPath = join(root, 'schemas', 'release-card.schema.json');
const GATES = ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadSchema(): JsonObject {
  const schema: unknown = JSON.parse(readFileSync(schemaPath, 'utf8'));
  assert.ok(isObject(schema as Json), 'the schema is a JSON object');
  return schema as JsonObject;
}

function compile(): ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true, verbose: true });
  addFormats(ajv);
  // The schema's own annotation keywords (x-direction), registered as the product registers them.
  addCardKeywords(ajv);
  return ajv.compile(loadSchema());
}

const validate = compile();

function readYaml(relative: string): unknown {
  return parse(readFileSync(join(root, relative), 'utf8'));
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

/** A card valid against the schema, to be broken one key at a time by the negative tests. */
function minimalCard(): Record<string, unknown> {
  return {
    release_id: 'ml-2026-11-26.1',
    artifacts: { model_uri: 'models:/churn-model@candidate' },
    gates: { data_gate: 'pass' },
    rollout: { strategy: 'canary', steps: [5, 25, 50, 100] },
  };
}

test('the schema is draft-07 and compiles in ajv strict mode', () => {
  const schema = loadSchema();
  assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema['$id'], 'https://release-gates.dev/schemas/release-card.schema.json');
  assert.equal(typeof validate, 'function');
});

test('only release_id, artifacts, gates and rollout are required at top level', () => {
  assert.deepEqual(loadSchema()['required'], ['release_id', 'artifacts', 'gates', 'rollout']);
});

test('gates has an asserted status key and a definition key for each of the seven gates', () => {
  const gates = (loadSchema()['properties'] as JsonObject)['gates'] as JsonObject;
  const keys = Object.keys(gates['properties'] as JsonObject).sort();
  const expected = GATES.flatMap((g) => [g, `${g}_gate`]).sort();
  assert.deepEqual(keys, expected);
  assert.equal(gates['additionalProperties'], false);
});

for (const example of ['examples/seed/release-card.yaml', 'examples/churn/release-card.yaml']) {
  test(`${example} validates`, () => {
    const ok = validate(readYaml(example));
    assert.ok(ok, describeErrors(validate.errors));
  });
}

test('the seed card is the article\'s minimal card, unchanged', () => {
  const card = readYaml('examples/seed/release-card.yaml') as Record<string, Record<string, unknown>>;
  assert.equal(card['release_id'] as unknown, 'ml-2025-12-26.3');
  assert.deepEqual(Object.keys(card['gates'] ?? {}), GATES.map((g) => `${g}_gate`));
  assert.deepEqual(card['rollout']?.['auto_rollback_on'], ['p99_latency_ms > 800', 'error_rate > 0.8%', 'cost_per_useful_result > 0.42']);
});

test('the churn card defines every gate and uses every top-level section', () => {
  const card = readYaml('examples/churn/release-card.yaml') as Record<string, unknown>;
  const topLevel = Object.keys((loadSchema()['properties'] as JsonObject));
  for (const key of topLevel) assert.ok(key in card, `churn card lacks ${key}`);
  const gates = card['gates'] as Record<string, unknown>;
  assert.deepEqual(Object.keys(gates).sort(), [...GATES].sort());
});

/** Every schema node reachable from `node`, with its JSON pointer. */
function* walk(node: Json, pointer: string): Generator<[JsonObject, string]> {
  if (!isObject(node)) return;
  yield [node, pointer];
  for (const key of ['properties', 'definitions']) {
    const children = node[key];
    if (isObject(children)) {
      for (const [name, child] of Object.entries(children)) yield* walk(child, `${pointer}/${key}/${name}`);
    }
  }
  for (const key of ['items', 'additionalProperties']) {
    if (isObject(node[key])) yield* walk(node[key], `${pointer}/${key}`);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const [i, child] of list.entries()) yield* walk(child, `${pointer}/${key}/${i}`);
  }
}

test('every property, map value and definition has a description', () => {
  const missing: string[] = [];
  const schema = loadSchema();
  for (const [node, pointer] of walk(schema, '#')) {
    const props = node['properties'];
    if (isObject(props)) {
      for (const [name, child] of Object.entries(props)) {
        if (!isObject(child) || typeof child['description'] !== 'string' || child['description'].length < 10) {
          missing.push(`${pointer}/properties/${name}`);
        }
      }
    }
    if (isObject(node['additionalProperties']) && typeof node['additionalProperties']['description'] !== 'string') {
      missing.push(`${pointer}/additionalProperties`);
    }
  }
  for (const [name, def] of Object.entries(schema['definitions'] as JsonObject)) {
    if (!isObject(def) || typeof def['description'] !== 'string') missing.push(`#/definitions/${name}`);
  }
  assert.deepEqual(missing, []);
});

/** Fenced ```yaml blocks of a Markdown file, each with whether `<!-- invalid -->` precedes it. */
function yamlBlocks(markdown: string): { text: string; invalid: boolean; line: number }[] {
  const blocks: { text: string; invalid: boolean; line: number }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```yaml') continue;
    let previous = i - 1;
    while (previous >= 0 && lines[previous]?.trim() === '') previous--;
    const invalid = previous >= 0 && lines[previous]?.trim() === '<!-- invalid -->';
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    assert.ok(end > i, `unclosed yaml block at line ${i + 1}`);
    blocks.push({ text: lines.slice(i + 1, end).join('\n'), invalid, line: i + 1 });
    i = end;
  }
  return blocks;
}

/** A documentation fragment (no release_id) is completed with a minimal card, its keys winning. */
function completeFragment(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'release_id' in value) return value;
  const base: Record<string, unknown> = {
    release_id: 'ml-2026-11-26.1',
    artifacts: { model_uri: 'models:/churn-model/43' },
    gates: { data_gate: 'pass' },
    rollout: { strategy: 'canary' },
  };
  return { ...base, ...(value as Record<string, unknown>) };
}

test('docs/card.md: every yaml example validates, and those marked invalid fail', () => {
  const blocks = yamlBlocks(readFileSync(join(root, 'docs', 'card.md'), 'utf8'));
  assert.ok(blocks.length >= 10, `expected the reference to have examples, found ${blocks.length}`);
  assert.ok(blocks.some((b) => b.invalid), 'expected at least one invalid example');
  for (const block of blocks) {
    const ok = validate(completeFragment(parse(block.text)));
    if (block.invalid) assert.equal(ok, false, `docs/card.md:${block.line} is marked invalid but validates`);
    else assert.ok(ok, `docs/card.md:${block.line}\n${describeErrors(validate.errors)}`);
  }
});

/** Validates `card`, expects failure, and returns the errors. */
function failures(card: unknown): ErrorObject[] {
  assert.equal(validate(card), false, 'expected the card to be invalid');
  return validate.errors ?? [];
}

function hasError(errors: ErrorObject[], instancePath: string, keyword: string): boolean {
  return errors.some((e) => e.instancePath === instancePath && e.keyword === keyword);
}

test('a misspelt key fails at its parent with additionalProperties', () => {
  const card = minimalCard();
  card['rollout'] = { strategy: 'canary', step: [5, 25, 50, 100] };
  const errors = failures(card);
  assert.ok(hasError(errors, '/rollout', 'additionalProperties'), describeErrors(errors));
  assert.ok(errors.some((e) => e.params['additionalProperty'] === 'step'));
});

test('a misspelt threshold inside a gate definition fails at the gate', () => {
  const card = minimalCard();
  card['gates'] = { performance: { evidence: 'perf/requests.csv', p99_latency: 800 } };
  const errors = failures(card);
  assert.ok(hasError(errors, '/gates/performance', 'additionalProperties'), describeErrors(errors));
});

test('an unknown enum value fails at the value', () => {
  const card = minimalCard();
  card['rollout'] = { strategy: 'big_bang' };
  assert.ok(hasError(failures(card), '/rollout/strategy', 'enum'));
  const asserted = minimalCard();
  asserted['gates'] = { data_gate: 'almost' };
  assert.ok(hasError(failures(asserted), '/gates/data_gate', 'enum'));
});

test('a missing required key fails at its parent with required', () => {
  const card = minimalCard();
  delete card['gates'];
  const errors = failures(card);
  assert.ok(errors.some((e) => e.instancePath === '' && e.keyword === 'required' && e.params['missingProperty'] === 'gates'));
  const gate = minimalCard();
  gate['gates'] = { quality: { task: 'classification', metric: 'f1', evidence: 'q.csv' } };
  const gateErrors = failures(gate);
  assert.ok(gateErrors.some((e) => e.instancePath === '/gates/quality' && e.params['missingProperty'] === 'non_inferiority_delta'));
});

test('a wrong type fails at the value', () => {
  const card = minimalCard();
  card['rollout'] = { strategy: 'canary', steps: '5,25,50,100' };
  assert.ok(hasError(failures(card), '/rollout/steps', 'type'));
  const step = minimalCard();
  step['rollout'] = { strategy: 'canary', steps: [5, 150] };
  assert.ok(hasError(failures(step), '/rollout/steps/1', 'maximum'));
});

test('model URIs follow the registry grammar', () => {
  for (const uri of ['models:/churn-model', 'churn-model:43', 'models:/churn-model@', 'models://churn/1']) {
    const card = minimalCard();
    card['artifacts'] = { model_uri: uri };
    assert.ok(hasError(failures(card), '/artifacts/model_uri', 'pattern'), uri);
  }
  for (const uri of ['models:/churn-model/43', 'models:/churn-model@champion', 'runs:/4f1c2e9a/model', 's3://ml-models/churn/43/']) {
    const card = minimalCard();
    card['artifacts'] = { model_uri: uri };
    assert.ok(validate(card), `${uri}: ${describeErrors(validate.errors)}`);
  }
});

test('shares, dates, paths and conditions are checked', () => {
  const share = minimalCard();
  share['gates'] = { performance: { evidence: 'perf/requests.csv', max_error_share: 0.8 * 10 } };
  assert.ok(hasError(failures(share), '/gates/performance/max_error_share', 'maximum'));
  const date = minimalCard();
  date['deferrals'] = [{ gate: 'cost', owner: 'team-a', deadline: '31/01/2027' }];
  assert.ok(hasError(failures(date), '/deferrals/0/deadline', 'format'));
  const absolute = minimalCard();
  absolute['gates'] = { rollback: { operation: 'rollback', drill_log: '/etc/drills.csv' } };
  assert.ok(hasError(failures(absolute), '/gates/rollback/drill_log', 'pattern'));
  const condition = minimalCard();
  condition['rollout'] = { strategy: 'canary', auto_rollback_on: ['latency is too high'] };
  assert.ok(failures(condition).some((e) => e.instancePath === '/rollout/auto_rollback_on/0'));
});
