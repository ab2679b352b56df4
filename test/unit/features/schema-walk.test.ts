// The schema walker: $ref with sibling descriptions, alternatives chosen by the written value's
// type, free-form maps, and the facts completion and hover show (enums, defaults, paths, types).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  alternatives, isPathProperty, jsonType, nodeAt, propertiesAt, propertyAt, resolve, shapeOf, typeLabel, valueChoices, type SchemaNode,
} from '../../../server/src/features/schema-walk';
import { SCHEMA } from './helpers';

const none = (): unknown => undefined;
const from = (value: unknown) => (path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>((v, seg) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined), value);

describe('schema walk', () => {
  it('follows $ref and keeps both the property description and the definition description', () => {
    const r = resolve(SCHEMA, { $ref: '#/definitions/gateStatus', description: 'Asserted.' });
    assert.equal(r.ref, 'gateStatus');
    assert.equal(r.schema.description, 'Asserted.');
    assert.match(r.definition ?? '', /^A gate status written by hand/);
    assert.deepEqual(r.schema.enum, ['pass', 'fail']);
  });

  it('stops on unknown or cyclic references instead of looping', () => {
    const root: SchemaNode & { definitions: Record<string, SchemaNode> } = { definitions: { a: { $ref: '#/definitions/a' } } };
    assert.equal(resolve(root, { $ref: '#/definitions/a' }).ref, 'a');
    assert.equal(resolve(root, { $ref: '#/definitions/missing' }).ref, undefined);
  });

  it('lists top-level keys in schema order with required flags', () => {
    const props = propertiesAt(SCHEMA, [], none);
    assert.deepEqual(props.map((p) => p.name), ['release_id', 'owner', 'description', 'profile', 'labels', 'artifacts', 'baseline', 'slo', 'gates', 'deferrals', 'post_release', 'rollout']);
    assert.deepEqual(props.filter((p) => p.required).map((p) => p.name), ['release_id', 'artifacts', 'gates', 'rollout']);
  });

  it('walks through $ref, items and additionalProperties', () => {
    assert.deepEqual(propertiesAt(SCHEMA, ['gates', 'performance'], none).slice(0, 4).map((p) => p.name), ['owner', 'evidence', 'columns', 'p95_latency_ms']);
    assert.deepEqual(propertiesAt(SCHEMA, ['gates', 'robustness', 'suites', 0], none).map((p) => p.name), ['name', 'kind', 'evidence', 'result_column', 'case_id_column', 'min_pass_rate', 'min_cases', 'duplicate_cases']);
    const field = propertiesAt(SCHEMA, ['gates', 'data', 'fields', 'tenure_months'], none);
    assert.deepEqual(field.filter((p) => p.required).map((p) => p.name), ['type']);
  });

  it('picks the anyOf alternative that fits the written value', () => {
    const inline = propertiesAt(SCHEMA, ['artifacts', 'serving_profile'], from({ artifacts: { serving_profile: {} } }));
    assert.equal(inline[0]?.name, 'instance_type');
    const signature = nodeAt(SCHEMA, ['artifacts', 'model_signature'], none)[0];
    assert.ok(signature);
    assert.deepEqual(alternatives(SCHEMA, signature, 'string').map((a) => a.schema.type), ['string']);
    assert.deepEqual(alternatives(SCHEMA, signature, 'object').map((a) => a.schema.type), ['object']);
    assert.deepEqual(alternatives(SCHEMA, signature, 'boolean').map((a) => a.schema.type), ['string', 'object']);
  });

  it('merges oneOf alternatives of the SLI into one key list', () => {
    assert.deepEqual(propertiesAt(SCHEMA, ['slo', 'sli'], from({ slo: { sli: {} } })).map((p) => p.name), ['error_ratio_query', 'good_query', 'total_query']);
  });

  it('gives enum values with the default marked, booleans, and the definition wording for $ref enums', () => {
    const method = nodeAt(SCHEMA, ['gates', 'data', 'drift', 'method'], none);
    const choices = valueChoices(SCHEMA, method);
    assert.deepEqual(choices.map((c) => c.value), ['auto', 'ks', 'chi2', 'z', 'wasserstein', 'jensenshannon', 'psi']);
    assert.deepEqual(choices.filter((c) => c.isDefault).map((c) => c.value), ['auto']);
    assert.deepEqual(valueChoices(SCHEMA, nodeAt(SCHEMA, ['gates', 'data', 'fields', 'x', 'nullable'], none)).map((c) => [c.value, c.isDefault]), [[true, true], [false, false]]);
    const status = valueChoices(SCHEMA, nodeAt(SCHEMA, ['gates', 'data_gate'], none));
    assert.match(status[0]?.description ?? '', /^A gate status written by hand/);
  });

  it('finds one property by name and none for unknown keys', () => {
    assert.equal(propertyAt(SCHEMA, ['rollout'], 'strategy', none)?.required, true);
    assert.equal(propertyAt(SCHEMA, ['rollout'], 'stpes', none), undefined);
    assert.deepEqual(nodeAt(SCHEMA, ['rollout', 'stpes'], none), []);
  });

  it('labels types, shapes and path properties', () => {
    const label = (path: (string | number)[]): string => typeLabel(SCHEMA, nodeAt(SCHEMA, path, none)[0] as never);
    assert.equal(label(['rollout', 'steps']), 'array of number');
    assert.equal(label(['artifacts', 'serving_profile']), 'string | object');
    assert.equal(label(['rollout', 'auto_rollback_on']), 'array of (string | object)');
    assert.equal(shapeOf(SCHEMA, nodeAt(SCHEMA, ['gates', 'cost'], none)[0] as never), 'object');
    const path = (p: (string | number)[]): boolean => isPathProperty(nodeAt(SCHEMA, p, none)[0] as never);
    assert.equal(path(['gates', 'performance', 'evidence']), true);
    assert.equal(path(['gates', 'rollback', 'runbook', 'path']), true);
    assert.equal(path(['gates', 'observability', 'alerts', 0, 'runbook']), true);
    assert.equal(path(['gates', 'performance', 'fixed_before']), false);
    assert.equal(path(['owner']), false);
  });

  it('names JSON types of plain values', () => {
    assert.deepEqual([null, [], 1, 1.5, 'a', {}, true].map(jsonType), ['null', 'array', 'integer', 'number', 'string', 'object', 'boolean']);
  });
});
