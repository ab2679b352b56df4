import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costGate } from '../../../server/src/gates/cost';
import { foldStatus } from '../../../server/src/gates/engine/types';
import { card, check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('cost');

// Fixture, 2026-11-19..25: per day inference 20 + infra 100 (fixed, × 0.3 = 30) + storage 5 +
// human_ops 10 = 65; retraining 35 on the 22nd; migration 500 on the 20th (kept apart); 200
// outcomes and 1000 requests per day; a 9999 row dated 2026-12-01 is after `now` and ignored.
// 7 days: (7·65 + 35) / 1400 = 490 / 1400 = 0.35.  3 days: 195 / 600 = 0.325.
function costCard(over: Record<string, string> = {}, baseline = 0.34): string {
  const fields = { ledger: 'ledger.csv', outcomes: 'outcomes.csv', traffic_share: '0.3', max_cost_per_useful_result: '0.4', max_increase_vs_baseline_percent: '5', horizons_days: '[3, 7]', ...over };
  const body = Object.entries(fields).filter(([, v]) => v !== '').map(([k, v]) => `  ${k}: ${v}`).join('\n');
  return card(`cost:\n${body}`, `baseline:\n  cost_per_useful_result: ${baseline}\n`);
}

describe('cost gate', () => {
  it('computes cost per useful outcome per horizon and passes cap and guardrail', async () => {
    const checks = await runGate(costGate, costCard(), dir);
    const cap7 = check(checks, 'cost_per_useful_result_7d.cap');
    assert.ok(Math.abs((cap7.observed as number) - 0.35) < 1e-12);
    assert.equal(cap7.threshold, 0.4);
    assert.equal(cap7.unit, 'USD per useful outcome');
    assert.equal(cap7.sampleSize, 1400);
    assert.deepEqual(cap7.at, ['gates', 'cost', 'max_cost_per_useful_result']);
    assert.equal(cap7.details?.migration_excluded, 500);
    assert.equal(cap7.details?.cost_infra, 210);
    assert.ok(Math.abs((cap7.details?.cost_per_request as number) - 0.07) < 1e-12);
    assert.ok(Math.abs((check(checks, 'cost_per_useful_result_3d.cap').observed as number) - 0.325) < 1e-12);
    const g7 = check(checks, 'cost_per_useful_result_7d.guardrail');
    assert.ok(Math.abs((g7.observed as number) - (0.35 / 0.34 - 1) * 100) < 1e-9); // +2.94 %
    assert.equal(check(checks, 'migration_one_time').observed, 500);
    assert.equal(foldStatus(checks), 'pass');
  });

  it('fails the 7-day horizon alone when the guardrail is 2 % or the cap is 0.33', async () => {
    const tight = await runGate(costGate, costCard({ max_increase_vs_baseline_percent: '2' }), dir);
    assert.equal(check(tight, 'cost_per_useful_result_7d.guardrail').status, 'fail');
    assert.equal(check(tight, 'cost_per_useful_result_3d.guardrail').status, 'pass'); // −4.4 %
    const capped = await runGate(costGate, costCard({ max_cost_per_useful_result: '0.33' }), dir);
    assert.equal(check(capped, 'cost_per_useful_result_7d.cap').status, 'fail');
    assert.equal(check(capped, 'cost_per_useful_result_3d.cap').status, 'pass');
    assert.equal(foldStatus(capped), 'fail');
  });

  it('errors on missing days in a horizon (30 days of a 7-day ledger, a gap in outcomes)', async () => {
    const long = await runGate(costGate, costCard({ horizons_days: '[7, 30]' }), dir);
    const c30 = check(long, 'cost_per_useful_result_30d');
    assert.equal(c30.status, 'error');
    assert.match(c30.message, /23 day\(s\).*2026-10-27/);
    const gap = await runGate(costGate, costCard({ outcomes: 'outcomes_gap.csv' }), dir);
    assert.equal(check(gap, 'cost_per_useful_result_7d').status, 'error');
    assert.match(check(gap, 'cost_per_useful_result_7d').message, /2026-11-22/);
    assert.equal(check(gap, 'cost_per_useful_result_3d.cap').status, 'pass');
  });

  it('fails per-request accounting and errors without thresholds, baseline or evidence', async () => {
    const perReq = await runGate(costGate, costCard({ unit: 'per_request' }), dir);
    assert.equal(check(perReq, 'unit').status, 'fail');
    const bare = await runGate(costGate, card('cost:\n  ledger: ledger.csv\n  outcomes: outcomes.csv\n  horizons_days: [7]'), dir);
    assert.equal(check(bare, 'max_cost_per_useful_result').status, 'error');
    assert.equal(check(bare, 'max_increase_vs_baseline_percent').status, 'error');
    const missing = await runGate(costGate, costCard({ ledger: 'nope.csv' }), dir);
    assert.equal(check(missing, 'ledger').status, 'error');
    const badCat = await runGate(costGate, costCard({ ledger: 'ledger_bad_category.csv' }), dir);
    assert.match(check(badCat, 'ledger').message, /'marketing'/);
  });
});
