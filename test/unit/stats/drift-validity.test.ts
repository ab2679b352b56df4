// When a drift test may decide at all (issue 12): minimum sample sizes and SciPy's expected-count
// rule for chi-squared and the z-test. These checks only read the samples.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CategoryCounts, chiSquareDriftTest, driftSampleProblem, MIN_DRIFT_SAMPLE_SIZE, zDriftTest } from '../../../server/src/stats';

const counts = (o: Record<string, number>): CategoryCounts => new CategoryCounts(new Map(Object.entries(o)));

describe('driftSampleProblem', () => {
  it('needs 30 non-missing values in each sample for every test', () => {
    const big = Float64Array.from({ length: 300 }, (_, i) => i);
    for (const method of ['ks', 'wasserstein', 'jensenshannon', 'psi', 'chisquare', 'z'] as const) {
      assert.deepEqual(driftSampleProblem(method, big, Float64Array.of(1)), { kind: 'too-few', sample: 'current', size: 1, minimum: MIN_DRIFT_SAMPLE_SIZE }, method);
      assert.deepEqual(driftSampleProblem(method, Float64Array.of(1, Number.NaN), big), { kind: 'too-few', sample: 'reference', size: 1, minimum: 30 }, method);
    }
    assert.equal(driftSampleProblem('ks', big.subarray(0, 30), big.subarray(0, 30)), undefined);
  });

  it('refuses chi-squared on one category, where SciPy\'s p-value is NaN', () => {
    const one = counts({ a: 40 });
    assert.ok(Number.isNaN(chiSquareDriftTest(one, one).score));
    assert.deepEqual(driftSampleProblem('chisquare', one, one), { kind: 'one-category', value: 'a' });
  });

  it('refuses chi-squared when the current sample holds a value the reference never does (statistic ∞)', () => {
    const ref = counts({ a: 50, b: 50 });
    const cur = counts({ a: 49, b: 50, gold: 1 });
    assert.equal(chiSquareDriftTest(ref, cur).statistic, Infinity);
    assert.deepEqual(driftSampleProblem('chisquare', ref, cur), { kind: 'unseen-category', value: 'gold', count: 1 });
  });

  it('refuses chi-squared with an expected count below 5, and accepts exactly 5', () => {
    assert.deepEqual(driftSampleProblem('chisquare', counts({ a: 48, b: 48, c: 4 }), counts({ a: 50, b: 50 })), { kind: 'small-expected', value: 'c', other: false, expected: 4, minimum: 5 });
    assert.equal(driftSampleProblem('chisquare', counts({ a: 45, b: 50, c: 5 }), counts({ a: 50, b: 50 })), undefined);
  });

  it('refuses the z-test when a 2 × 2 expected count is below 5, except one shared constant value', () => {
    const rare = counts({ no: 298, yes: 2 });
    const p = driftSampleProblem('z', rare, rare);
    assert.equal(p?.kind, 'small-expected');
    assert.ok(p?.kind === 'small-expected' && p.value === 'yes' && p.expected === 2 && !p.other);
    const constant = counts({ no: 300 });
    assert.equal(zDriftTest(constant, constant).score, 1);
    assert.equal(driftSampleProblem('z', constant, constant), undefined);
    assert.equal(driftSampleProblem('z', counts({ no: 200, yes: 100 }), counts({ no: 150, yes: 150 })), undefined);
  });

  it('names the rarer z outcome as "values other than" the smallest when there are more than two', () => {
    const p = driftSampleProblem('z', counts({ a: 297, b: 2, c: 1 }), counts({ a: 300 }));
    assert.ok(p?.kind === 'small-expected' && p.value === 'a' && p.other);
  });
});
