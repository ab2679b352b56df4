/**
 * The one formatter of values for people: significant digits that show the decision, units as
 * people write them, comparisons in words. The examples (1.0023088879305062,
 * 1075.327999999999 ms, 232.70299999999986) are the first cases.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLabel, comparisonPhrase, decisionDigits, formatNumber, formatPair, formatSigned, formatValue, resultPhrase } from '../../../server/src/format';

describe('format: numbers', () => {
  it('rounds binary noise to four significant digits, integers kept whole', () => {
    assert.equal(formatNumber(1.0023088879305062), '1.002');
    assert.equal(formatNumber(1075.327999999999), '1075');
    assert.equal(formatNumber(232.70299999999986), '232.7');
    assert.equal(formatNumber(22500), '22,500');
    assert.equal(formatNumber(1234567.89), '1,234,568');
  });

  it('writes signs, zero, tiny values and non-finite values readably', () => {
    assert.equal(formatNumber(-0.002403), '−0.002403');
    assert.equal(formatNumber(-0), '0');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(1.234e-9), '1.234e−9');
    assert.equal(formatNumber(Number.NaN), 'not a number');
    assert.equal(formatNumber(Infinity), '∞');
    assert.equal(formatNumber(-Infinity), '−∞');
    assert.equal(formatNumber(0.99996), '1');
  });

  it('finds the digits at which two numbers print in their real order', () => {
    assert.equal(decisionDigits(0.4163, 0.42), 4);
    assert.equal(decisionDigits(1075.3, 1075), 5);
    assert.equal(decisionDigits(800.0004, 800), 7);
    assert.equal(decisionDigits(14.4, 14.4), 4);
    assert.equal(decisionDigits(Number.NaN, 1), 4);
  });

  it('gives signed differences a plus', () => {
    assert.equal(formatSigned(0.004), '+0.004');
    assert.equal(formatSigned(-0.0123), '−0.0123');
    assert.equal(formatSigned(0), '0');
  });
});

describe('format: values by unit', () => {
  it('shows shares as percentages, counts grouped with their noun, money with its currency', () => {
    assert.equal(formatValue(0.0004444, 'share'), '0.0444 %');
    assert.equal(formatValue(1, 'share'), '100 %');
    assert.equal(formatValue(0.9917, 'share'), '99.2 %');
    assert.equal(formatValue(0.25, 'share of columns'), '25 % of columns');
    assert.equal(formatValue(22500, 'rows'), '22,500 rows');
    assert.equal(formatValue(1, 'cases'), '1 case');
    assert.equal(formatValue(1850, 'USD'), '1850 USD');
    assert.equal(formatValue(0.41634, 'USD per useful outcome'), '0.4163 USD per useful outcome');
    assert.equal(formatValue(0.41634, 'USD per useful outcome', { compact: true }), '0.4163 USD/outcome');
    assert.equal(formatValue(6.7551, 'percent vs baseline'), '+6.76 % vs baseline');
    assert.equal(formatValue(14.4, '× burn rate'), '14.4×');
    assert.equal(formatValue(9.4, 'minutes'), '9.4 minutes');
    assert.equal(formatValue(9.4, 'minutes', { compact: true }), '9.4 min');
  });

  it('never repeats a statistic name after every number', () => {
    assert.equal(formatValue(1.0023088879305062, 'normed Wasserstein distance'), '1.002');
    assert.equal(formatValue(-0.002403, 'average_precision difference (new − base), lower 95 % bound'), '−0.002403');
  });

  it('says "not measured" for missing values, never "n/a share"', () => {
    assert.equal(formatValue(null, 'share'), 'not measured');
    assert.equal(formatValue(undefined, 'minutes'), 'not measured');
    assert.equal(formatValue(true), 'yes');
    assert.equal(formatValue('team-churn'), 'team-churn');
  });

  it('formats a pair with the digits of the decision', () => {
    assert.deepEqual(formatPair(1075.327999999999, 800, 'ms'), { observed: '1075 ms', threshold: '800 ms' });
    assert.deepEqual(formatPair(800.4, 800, 'ms'), { observed: '800.4 ms', threshold: '800 ms' });
    assert.deepEqual(formatPair(0.00104, 0.001, 'share'), { observed: '0.104 %', threshold: '0.1 %' });
    assert.deepEqual(formatPair(0.0010001, 0.001, 'share'), { observed: '0.10001 %', threshold: '0.1 %' });
    assert.deepEqual(formatPair('x', 3, 'rows'), { observed: 'x', threshold: '3 rows' });
  });
});

describe('format: comparisons', () => {
  const base = { id: 'p99_latency_ms', message: 'm', unit: 'ms' };

  it('says which comparison held or failed, with the threshold\'s role', () => {
    assert.equal(comparisonPhrase({ ...base, status: 'fail', observed: 1075.327999999999, threshold: 800, comparison: 'at_most' }), '1075 ms > 800 ms allowed');
    assert.equal(comparisonPhrase({ ...base, status: 'pass', observed: 306.8, threshold: 800, comparison: 'at_most' }), '306.8 ms ≤ 800 ms allowed');
    assert.equal(comparisonPhrase({ ...base, unit: 'share', status: 'fail', observed: 0.96, threshold: 0.98, comparison: 'at_least' }), '96 % < 98 % required');
    assert.equal(comparisonPhrase({ ...base, unit: undefined, status: 'fail', observed: -0.07503, threshold: -0.02, comparison: 'above' }), '−0.07503 not above −0.02');
  });

  it('states a long unit once, on the threshold', () => {
    assert.equal(comparisonPhrase({ ...base, unit: 'USD per useful outcome', status: 'pass', observed: 0.41634, threshold: 0.42, comparison: 'at_most' }), '0.4163 USD ≤ 0.42 USD per useful outcome allowed');
    assert.equal(comparisonPhrase({ ...base, unit: 'rows', status: 'pass', observed: 3000, threshold: 2000, comparison: 'at_least' }), '3000 ≥ 2000 rows required');
    assert.equal(comparisonPhrase({ ...base, unit: 'percent vs baseline', status: 'fail', observed: 6.7551, threshold: 5, comparison: 'at_most' }), '+6.76 % > +5 % vs baseline allowed');
  });

  it('names the failed comparison even when the two numbers are equal', () => {
    assert.equal(comparisonPhrase({ ...base, unit: 'share of columns', status: 'fail', observed: 0.5, threshold: 0.5, comparison: 'below' }), '50 % not below 50 % of columns');
    assert.equal(comparisonPhrase({ ...base, unit: undefined, status: 'fail', observed: 14.4, threshold: 14.4 }), '14.4 = 14.4 threshold');
  });

  it('has no comparison without two finite numbers', () => {
    assert.equal(comparisonPhrase({ ...base, status: 'error', observed: null, threshold: 1 }), undefined);
    assert.equal(comparisonPhrase({ ...base, status: 'error', observed: Number.NaN, threshold: 1 }), undefined);
  });

  it('words results without numbers as values against what is needed, never "!="', () => {
    const alert = { id: 'alert.x', status: 'fail' as const, observed: 'no owner and no runbook', threshold: 'an owner and a runbook', message: 'm' };
    assert.equal(resultPhrase(alert), 'no owner and no runbook; needs an owner and a runbook');
    assert.equal(resultPhrase({ id: 'x', status: 'error', threshold: 1, unit: 'share', message: 'Evidence file a.csv does not exist (looked for /x/a.csv). The gate cannot decide.' }), 'Evidence file a.csv does not exist (looked for /x/a.csv)');
    assert.equal(resultPhrase({ id: 'x', status: 'fail', summary: 'pairs 1h with 30m instead of 5m', observed: 14.4, threshold: 14.4, message: 'm' }), 'pairs 1h with 30m instead of 5m');
  });
});

describe('format: check names', () => {
  it('names checks as the card does', () => {
    assert.equal(checkLabel({ id: 'p99_latency_ms' }), 'warm p99 latency');
    assert.equal(checkLabel({ id: 'drift.monthly_charges' }), 'drift of monthly_charges');
    assert.equal(checkLabel({ id: 'suite.timeout_and_empty_features_fallback.pass_rate', label: "suite 'timeout and empty features fallback': pass rate" }), "suite 'timeout and empty features fallback': pass rate");
    assert.equal(checkLabel({ id: 'suite.fallback.pass_rate' }), 'suite fallback: pass rate');
    assert.equal(checkLabel({ id: 'burn_rate.page_1h_5m' }), 'page alert 1h/5m');
    assert.equal(checkLabel({ id: 'cost_per_useful_result_7d.guardrail' }), 'cost per useful outcome, 7 days (vs baseline)');
    assert.equal(checkLabel({ id: 'something.new_thing' }), 'something › new thing');
  });
});
