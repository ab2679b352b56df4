// Several drift tests per column (`tests: [ks, wasserstein]`): one check per test, each equal to
// the check a single-test card gives, one sort of each sample for all of them, and a column that
// drifts under any test counts as drifted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataGate } from '../../../server/src/gates/data';
import { numericDrift } from '../../../server/src/gates/data/columns';
import { quantilePsi } from '../../../server/src/gates/data/psi';
import { NumericPair } from '../../../server/src/gates/data/samples';
import { ksDriftTest, wassersteinDriftTest } from '../../../server/src/stats';
import { card, check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('data');

/** The data fixture's card with the given drift section (income is shifted by +8 in current.csv). */
function driftCard(drift: string): string {
  return card(`data:
  reference: reference.csv
  current: current.csv
  fields:
    age: { type: numeric, max_null_share: 0 }
    income: { type: numeric }
  drift: ${drift}
`);
}

/** A seeded sample of `n` values. */
function sample(n: number, seed: number, shift = 0): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 10 + shift);
}

describe('several drift tests per column', () => {
  it('gives one check per test, each the same as a card with that test alone', async () => {
    const both = await runGate(dataGate, driftCard('{ columns: [age, income], tests: [ks, wasserstein] }'), dir);
    for (const method of ['ks', 'wasserstein']) {
      const alone = await runGate(dataGate, driftCard(`{ columns: [age, income], method: ${method} }`), dir);
      for (const column of ['age', 'income']) {
        const a = check(alone, `drift.${column}`);
        const b = check(both, `drift.${column}.${method}`);
        assert.equal(b.observed, a.observed, `${column} ${method}`);
        assert.equal(b.threshold, a.threshold);
        assert.deepEqual(b.details, a.details);
        assert.equal(b.status, a.status);
      }
    }
    assert.equal(both.filter((c) => c.id.startsWith('drift.') && c.id !== 'drift.dataset').length, 4);
    assert.equal(both.some((c) => c.id === 'drift.income'), false, 'no single-test id when several tests run');
  });

  it('counts a column as drifted when any of its tests drifts', async () => {
    const checks = await runGate(dataGate, driftCard('{ columns: [age, income], tests: [ks, wasserstein], drift_share: 0.5 }'), dir);
    const income = [check(checks, 'drift.income.ks'), check(checks, 'drift.income.wasserstein')];
    assert.ok(income.some((c) => c.details?.drifted === true), 'income shifted by +8 drifts under one test at least');
    const dataset = check(checks, 'drift.dataset');
    assert.ok((dataset.details?.drifted_columns as number) >= 1);
    assert.equal(dataset.details?.tested_columns, 2, 'columns, not tests, make the share');
  });

  it('runs a method and tests together (more tests only find more drift)', async () => {
    const checks = await runGate(dataGate, driftCard('{ columns: [income], method: psi, tests: [ks] }'), dir);
    assert.ok(check(checks, 'drift.income.psi'));
    assert.ok(check(checks, 'drift.income.ks'));
  });

  it('refuses a stattest_threshold with several tests: one number cannot be a p-value and a distance', async () => {
    const checks = await runGate(dataGate, driftCard('{ columns: [income], tests: [ks, wasserstein], stattest_threshold: 0.05 }'), dir);
    const c = check(checks, 'drift.income');
    assert.equal(c.status, 'error');
    assert.match(c.message, /stattest_threshold/);
  });

  it('a per-column test list replaces the section\'s test for that column', async () => {
    const checks = await runGate(dataGate, driftCard('{ columns: [age, income], method: wasserstein, per_column: { income: { tests: [ks, psi] } } }'), dir);
    assert.ok(check(checks, 'drift.age'));
    assert.ok(check(checks, 'drift.income.ks'));
    assert.ok(check(checks, 'drift.income.psi'));
  });
});

describe('one sort per sample', () => {
  it('KS, Wasserstein and quantile PSI on one column sort each sample once, with unchanged results', () => {
    const ref = sample(5000, 1);
    const cur = sample(4000, 2, 0.3);
    const pair = new NumericPair(ref, cur);
    const ks = numericDrift(pair, 'ks', undefined);
    const w = numericDrift(pair, 'wasserstein', undefined);
    const psi = quantilePsi(pair.sortedReference(), pair.current, 10, 0.2);
    assert.equal(pair.sorts, 2, 'one sort of the reference, one of the current sample');
    assert.deepEqual(ks?.test, ksDriftTest(ref, cur));
    assert.deepEqual(w?.test, wassersteinDriftTest(ref, cur));
    assert.ok(psi && Number.isFinite(psi.score));
  });

  it('leaves the table\'s own values in row order', () => {
    const ref = sample(3000, 3);
    const before = ref.slice();
    const pair = new NumericPair(ref, sample(3000, 4));
    numericDrift(pair, 'wasserstein', undefined);
    assert.deepEqual(ref, before);
  });

  it('the automatic choice on a small reference (KS) reads the shared copies too', () => {
    const pair = new NumericPair(sample(500, 5), sample(500, 6));
    const r = numericDrift(pair, undefined, undefined);
    assert.equal(r?.test.method, 'ks');
    numericDrift(pair, 'wasserstein', undefined);
    assert.equal(pair.sorts, 2);
  });
});
