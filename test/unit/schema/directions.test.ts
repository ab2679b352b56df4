// The direction of thresholds, declared once in the schema (`x-direction`): strict Ajv accepts the
// keyword only once registered, the lookup follows $ref, lists, maps and alternatives, and every
// threshold a gate check is judged against has a direction unless it honestly depends on another key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { CARD_SCHEMA } from '../../../server/src/schema/compile';
import { directedPaths, isLooser, thresholdDirection } from '../../../server/src/schema/directions';
import { addCardKeywords } from '../../../server/src/schema/keywords';

test('strict Ajv refuses the schema without the keyword and compiles it with the keyword registered', () => {
  const bare = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(bare);
  assert.throws(() => bare.compile(CARD_SCHEMA), /x-direction/);
  const ajv = addCardKeywords(addCardKeywords(new Ajv({ strict: true, allErrors: true, allowUnionTypes: true })));
  addFormats(ajv);
  assert.doesNotThrow(() => ajv.compile(CARD_SCHEMA));
});

test('the keyword\'s own values are checked: a schema with x-direction "up" does not compile', () => {
  const ajv = addCardKeywords(new Ajv({ strict: true }));
  assert.throws(() => ajv.compile({ type: 'number', 'x-direction': 'up' }), /must be equal to one of the allowed values/);
});

test('directions through $ref, list items, map values and anyOf', () => {
  assert.equal(thresholdDirection(['gates', 'performance', 'p99_latency_ms']), 'max');
  assert.equal(thresholdDirection(['gates', 'performance', 'cold_start', 'p99_latency_ms']), 'max');
  assert.equal(thresholdDirection(['gates', 'quality', 'non_inferiority_delta']), 'max');
  assert.equal(thresholdDirection(['gates', 'quality', 'slices', 3, 'min_samples']), 'min');
  assert.equal(thresholdDirection(['gates', 'robustness', 'suites', 0, 'min_pass_rate']), 'min');
  assert.equal(thresholdDirection(['gates', 'data', 'fields', 'tenure', 'max_null_share']), 'max');
  assert.equal(thresholdDirection(['gates', 'data', 'fields', 'tenure', 'min']), 'min');
  assert.equal(thresholdDirection(['slo', 'latency_p99_ms']), 'max');
  assert.equal(thresholdDirection(['slo', 'objective_percent']), 'min');
  assert.equal(thresholdDirection(['rollout', 'min_requests_per_step']), 'min');
  assert.equal(thresholdDirection(['rollout', 'min_requests_per_step', 2]), 'min');
  assert.equal(thresholdDirection(['gates', 'performance', 'fixed_before']), 'max');
});

test('no direction where the schema declares none: settings, unknown keys, method-dependent thresholds', () => {
  assert.equal(thresholdDirection(['gates', 'data', 'drift', 'stattest_threshold']), undefined);
  assert.equal(thresholdDirection(['gates', 'performance', 'evidence']), undefined);
  assert.equal(thresholdDirection(['gates', 'performance', 'p99_latency']), undefined);
  assert.equal(thresholdDirection(['nope', 1, 'x']), undefined);
  assert.equal(thresholdDirection([]), undefined);
});

test('isLooser: max loosens upward, min downward, equal is neither', () => {
  assert.equal(isLooser('max', 120, 250), true);
  assert.equal(isLooser('max', 250, 120), false);
  assert.equal(isLooser('min', 0.99, 0.5), true);
  assert.equal(isLooser('min', 0.5, 0.99), false);
  assert.equal(isLooser('max', 1, 1), false);
});

test('directedPaths lists patterns with * for items and map keys', () => {
  const paths = new Map(directedPaths().map((p) => [p.pattern, p.direction]));
  assert.equal(paths.get('gates.performance.p99_latency_ms'), 'max');
  assert.equal(paths.get('gates.quality.slices.*.non_inferiority_delta'), 'max');
  assert.equal(paths.get('gates.data.fields.*.max_null_share'), 'max');
  assert.equal(paths.get('rollout.step_duration_minutes'), 'min');
  assert.ok(paths.size >= 45, `only ${paths.size} directed paths`);
});
