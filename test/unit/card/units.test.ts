// Units implied by names: a value written with its own unit converts into the unit of the name
// (`max_error_share: 0.8%` is 0.008, not 0.8), or is refused when the kinds differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertToNameUnit, numberForName, unitOfName } from '../../../server/src/card/units';

test('names give their unit by suffix', () => {
  assert.deepEqual(
    ['p99_latency_ms', 'p99_latency_seconds', 'max_rto_minutes', 'max_age_hours', 'max_drill_age_days', 'max_error_share', 'error_rate', 'max_increase_vs_baseline_percent', 'cost_per_useful_result', 'target_load_rps', 'queue_depth'].map(unitOfName),
    ['ms', 's', 'minutes', 'hours', 'days', 'ratio', 'ratio', 'percent', 'currency', 'rps', 'none'],
  );
});

test('values convert into the unit of the name', () => {
  assert.equal(numberForName('max_error_share', '0.8%'), 0.008);
  assert.equal(numberForName('max_increase_vs_baseline_percent', '5%'), 5);
  assert.equal(numberForName('p99_latency_ms', '0.8s'), 800);
  assert.equal(numberForName('p99_latency_ms', '800 ms'), 800);
  assert.equal(numberForName('max_rto_minutes', '1h'), 60);
  assert.equal(numberForName('max_rto_minutes', '90s'), 1.5);
  assert.equal(numberForName('max_age_hours', '2d'), 48);
  assert.equal(numberForName('max_drill_age_days', '2w'), 14);
  assert.equal(numberForName('max_cost_per_useful_result', '0.42 USD'), 0.42);
});

test('units of another kind, or text that is not a number with a unit, give nothing', () => {
  assert.equal(numberForName('p99_latency_ms', '5%'), undefined);
  assert.equal(numberForName('max_error_share', '3ms'), undefined);
  assert.equal(numberForName('max_error_share', 'high'), undefined);
  assert.equal(numberForName('max_error_share', '0.008'), undefined, 'a bare number needs no conversion');
  assert.equal(convertToNameUnit(7, '', 'days'), 7);
  assert.equal(convertToNameUnit(7, 'parsecs', 'days'), undefined);
});
