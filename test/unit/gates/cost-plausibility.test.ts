// Regression tests of issue 12 ("Fail closed everywhere") for the cost gate: a negative ledger row
// that is not a documented credit, a day counted twice in the outcomes, a whole cost category
// missing from the ledger, and credits larger than what they credit all block instead of lowering
// cost per useful outcome. Fixtures are cost.test.ts's ledger.csv / outcomes.csv (7 days at 0.35 per
// outcome) with one fault each.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costGate } from '../../../server/src/gates/cost';
import { foldStatus } from '../../../server/src/gates/engine/types';
import { card, check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('cost');

/** The cost card of cost.test.ts with a hard cap of 0.33 (the sound 7-day figure, 0.35, fails it). */
function costCard(over: Record<string, string> = {}): string {
  const fields = { ledger: 'ledger.csv', outcomes: 'outcomes.csv', traffic_share: '0.3', max_cost_per_useful_result: '0.33', max_increase_vs_baseline_percent: '100', horizons_days: '[3, 7]', ...over };
  const body = Object.entries(fields).map(([k, v]) => `  ${k}: ${v}`).join('\n');
  return card(`cost:\n${body}`, 'baseline:\n  cost_per_useful_result: 0.34\n');
}

describe('cost gate: implausible evidence blocks (issue 12)', () => {
  it('the sound ledger fails the 0.33 cap on 7 days (the reference for the cases below)', async () => {
    const checks = await runGate(costGate, costCard(), dir);
    assert.equal(check(checks, 'cost_per_useful_result_7d.cap').status, 'fail');
    assert.equal(foldStatus(checks), 'fail');
  });

  it('a ledger row of −5000 is an error, not a negative cost per outcome that passes', async () => {
    const checks = await runGate(costGate, costCard({ ledger: 'ledger_negative.csv' }), dir);
    const ledger = check(checks, 'ledger');
    assert.equal(ledger.status, 'error');
    assert.match(ledger.message, /column amount of ledger_negative\.csv: 1 negative of 32 cells, first at data row 32/);
    assert.match(ledger.message, /credit: true/);
    assert.deepEqual(ledger.evidence, { file: 'ledger_negative.csv', column: 'amount', row: 32 });
    assert.ok(!checks.some((c) => c.id.startsWith('cost_per_useful_result')), 'no horizon is computed on an implausible ledger');
  });

  it('a blank amount is an error naming column, count and row', async () => {
    const checks = await runGate(costGate, costCard({ ledger: 'ledger_blank_amount.csv' }), dir);
    assert.match(check(checks, 'ledger').message, /column amount of ledger_blank_amount\.csv: 1 missing of 32 cells, first at data row 32/);
  });

  it('a documented credit (credit: true) lowers cost, and the horizon says so', async () => {
    const checks = await runGate(costGate, costCard({ ledger: 'ledger_credit.csv', max_cost_per_useful_result: '0.4' }), dir);
    const cap7 = check(checks, 'cost_per_useful_result_7d.cap');
    assert.equal(cap7.status, 'pass');
    assert.ok(Math.abs((cap7.observed as number) - 440 / 1400) < 1e-12);
    assert.equal(cap7.details?.credits, -50);
    assert.match(cap7.message, /credits of -50\.0000 USD/);
  });

  it('a credit larger than its category\'s cost in a horizon is an error for that horizon', async () => {
    const checks = await runGate(costGate, costCard({ ledger: 'ledger_credit_too_big.csv' }), dir);
    const h7 = check(checks, 'cost_per_useful_result_7d');
    assert.equal(h7.status, 'error');
    assert.match(h7.message, /inference.*-360\.0000 USD/);
    assert.equal(check(checks, 'cost_per_useful_result_3d.cap').status, 'pass');
  });

  it('a credit with a positive amount is an error', async () => {
    const checks = await runGate(costGate, costCard({ ledger: 'ledger_credit_positive.csv' }), dir);
    assert.match(check(checks, 'ledger').message, /column amount of ledger_credit_positive\.csv: 1 positive although marked credit of 32 cells, first at data row 32/);
  });

  it('a duplicate outcome day is an error instead of being summed into more outcomes', async () => {
    const checks = await runGate(costGate, costCard({ outcomes: 'outcomes_duplicate_day.csv' }), dir);
    const outcomes = check(checks, 'outcomes');
    assert.equal(outcomes.status, 'error');
    assert.match(outcomes.message, /1 row of outcomes_duplicate_day\.csv repeats the date of an earlier row \(of 8 rows; first: data row 8 repeats row 7\)/);
    assert.match(outcomes.message, /duplicate_outcome_days: sum/);
    assert.ok(!checks.some((c) => c.id.startsWith('cost_per_useful_result')));
  });

  it('duplicate_outcome_days: sum adds the rows of one day, as documented', async () => {
    const checks = await runGate(costGate, costCard({ outcomes: 'outcomes_duplicate_day.csv', duplicate_outcome_days: 'sum' }), dir);
    assert.ok(Math.abs((check(checks, 'cost_per_useful_result_7d.cap').observed as number) - 490 / 1600) < 1e-12);
  });

  it('a cost category missing from the ledger is an error unless the card declares it not applicable', async () => {
    const checks = await runGate(costGate, costCard({ ledger: 'ledger_no_human_ops.csv' }), dir);
    const cats = check(checks, 'categories');
    assert.equal(cats.status, 'error');
    assert.match(cats.message, /no human_ops row/);
    assert.match(cats.message, /2026-11-19\.\.2026-11-25/);
    assert.match(cats.message, /not_applicable_categories/);
    assert.ok(!checks.some((c) => c.id.startsWith('cost_per_useful_result')));
    const declared = await runGate(costGate, costCard({ ledger: 'ledger_no_human_ops.csv', not_applicable_categories: '[human_ops]' }), dir);
    assert.equal(check(declared, 'cost_per_useful_result_7d.cap').status, 'pass'); // 420 / 1400 = 0.30
    assert.equal(check(declared, 'categories').status, 'pass');
  });

  it('a category declared not applicable but present in the ledger is an error', async () => {
    const checks = await runGate(costGate, costCard({ not_applicable_categories: '[human_ops]' }), dir);
    const cats = check(checks, 'categories');
    assert.equal(cats.status, 'error');
    assert.match(cats.message, /human_ops is declared not applicable but the ledger charges 70\.0000 USD to it/);
  });
});
