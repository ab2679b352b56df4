// Regression tests for issue 12 ("fail closed everywhere"), data gate part: degenerate drift
// statistics, samples too small for their test, missing-value tokens and non-finite cells. Each
// case passed before the fix; each must now be an error that names the column and says what to do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataGate } from '../../../server/src/gates/data';
import { check } from './robustness-context';
import { runGateWith, table, values } from './temp-gate';

/** Many distinct numbers in [0, 10), the same multiset for every `n` that is a multiple of 101. */
const spread = (i: number): number => ((i * 37) % 101) / 10;

/** Numeric reference and current files of `n` rows each, current cells overridden by `patch`. */
function numericFiles(n: number, patch: Readonly<Record<number, string>> = {}, refPatch: Readonly<Record<number, string>> = {}): Record<string, string> {
  return {
    'ref.csv': table({ id: values(n, (i) => i), x: values(n, (i) => refPatch[i] ?? spread(i)) }),
    'cur.csv': table({ id: values(n, (i) => i), x: values(n, (i) => patch[i] ?? spread(i + 3)) }),
  };
}

const DATA = (extra = '', drift = '{ method: auto }'): string => `data:\n  reference: ref.csv\n  current: cur.csv\n  drift: ${drift}\n${extra}`;

describe('data gate: degenerate drift statistics are errors (issue 12)', () => {
  it('chi-squared on a single category is an error, not a pass with p = n/a', async () => {
    const one = values(40, () => 'a');
    const checks = await runGateWith(dataGate, DATA('', '{ method: chi2 }'), {
      'ref.csv': table({ id: values(40, (i) => i), x: one }), 'cur.csv': table({ id: values(40, (i) => i), x: one }),
    });
    const x = check(checks, 'drift.x');
    assert.equal(x.status, 'error');
    assert.match(x.message, /single category/);
    assert.equal(check(checks, 'drift.dataset').status, 'error', 'no column could be tested');
  });

  it('a one-row current sample is an error, not "no drift" (KS)', async () => {
    const files = numericFiles(303);
    files['cur.csv'] = table({ id: [0], x: [5] });
    const x = check(await runGateWith(dataGate, DATA(), files), 'drift.x');
    assert.equal(x.status, 'error');
    assert.match(x.message, /1 value in the current slice.*at least 30/);
  });

  it('a one-row reference is an error too, and so is a distance test on a one-row current slice', async () => {
    const tinyRef = numericFiles(303);
    tinyRef['ref.csv'] = table({ id: [0], x: [5] });
    assert.equal(check(await runGateWith(dataGate, DATA('', '{ method: wasserstein }'), tinyRef), 'drift.x').status, 'error');
    const big = numericFiles(1515);
    big['cur.csv'] = table({ id: [0, 1], x: [5, 5.1] });
    const x = check(await runGateWith(dataGate, DATA(), big), 'drift.x');
    assert.equal(x.status, 'error');
    assert.match(x.message, /normed Wasserstein/);
  });

  it('chi-squared with an expected count below 5 is an error (SciPy\'s validity rule)', async () => {
    const ref = values(300, (i) => (i < 3 ? 'c' : i % 2 === 0 ? 'a' : 'b'));
    const x = check(await runGateWith(dataGate, DATA(), {
      'ref.csv': table({ id: values(300, (i) => i), x: ref }), 'cur.csv': table({ id: values(300, (i) => i), x: ref }),
    }), 'drift.x');
    assert.equal(x.status, 'error');
    assert.match(x.message, /'c'.*expected 3 times/);
  });

  it('chi-squared with a category the reference never holds is an error, not an infinite statistic', async () => {
    const ref = values(300, (i) => (i % 3 === 0 ? 'a' : i % 3 === 1 ? 'b' : 'c'));
    const cur = ref.map((v, i) => (i === 7 ? 'gold' : v));
    const x = check(await runGateWith(dataGate, DATA(), {
      'ref.csv': table({ id: values(300, (i) => i), x: ref }), 'cur.csv': table({ id: values(300, (i) => i), x: cur }),
    }), 'drift.x');
    assert.equal(x.status, 'error');
    assert.match(x.message, /'gold'.*never in the reference/);
  });

  it('the z-test with too few of one value is an error; a value constant in both files is no drift', async () => {
    const rare = values(300, (i) => (i < 2 ? 'yes' : 'no'));
    const ids = values(300, (i) => i);
    const z = check(await runGateWith(dataGate, DATA(), { 'ref.csv': table({ id: ids, x: rare }), 'cur.csv': table({ id: ids, x: rare }) }), 'drift.x');
    assert.equal(z.status, 'error');
    assert.match(z.message, /z-test/);
    const constant = values(300, () => 'no');
    const same = check(await runGateWith(dataGate, DATA(), { 'ref.csv': table({ id: ids, x: constant }), 'cur.csv': table({ id: ids, x: constant }) }), 'drift.x');
    assert.equal(same.status, 'pass');
    assert.equal(same.observed, 1);
  });
});

describe('data gate: missing-value tokens and non-finite cells (issue 12)', () => {
  it('pandas\' missing tokens (n/a, #N/A, <NA>, -nan) keep a numeric column numeric: KS, not chi-squared over every number', async () => {
    const files = numericFiles(303, { 5: 'n/a' });
    const x = check(await runGateWith(dataGate, DATA('  fields:\n    x: { type: numeric, max_null_share: 0.02 }'), files), 'drift.x');
    assert.equal(x.details?.method, 'ks');
    assert.equal(x.status, 'pass');
    for (const token of ['#N/A', '<NA>', '-nan', '#N/A N/A', '-1.#IND', '1.#QNAN', 'None', 'null']) {
      const c = check(await runGateWith(dataGate, DATA('  fields:\n    x: { type: numeric, max_null_share: 0.02 }'), numericFiles(303, { 5: token })), 'drift.x');
      assert.equal(c.details?.method, 'ks', token);
    }
  });

  it('an inf cell keeps the column numeric, and drift, range and outliers that would drop it are errors', async () => {
    const files = numericFiles(303, { 9: 'inf' });
    const checks = await runGateWith(dataGate, DATA('  fields:\n    x: { type: numeric, min: 0, max_outlier_share: 0.5 }'), files);
    assert.equal(check(checks, 'schema.x').status, 'pass', 'inf is a number (as pandas reads it)');
    for (const id of ['drift.x', 'range.x', 'outliers.x']) {
      const c = check(checks, id);
      assert.equal(c.status, 'error', id);
      assert.match(c.message, /column x of cur\.csv: 1 not finite of 303 cells, first at data row 10/, id);
    }
  });

  it('-Infinity in the reference is counted as well', async () => {
    const x = check(await runGateWith(dataGate, DATA(), numericFiles(303, {}, { 0: '-Infinity' })), 'drift.x');
    assert.equal(x.status, 'error');
    assert.match(x.message, /column x of ref\.csv: 1 not finite/);
  });

  it('a column numeric in one file and text in the other is the documented error, not a chi-squared false alarm', async () => {
    const x = check(await runGateWith(dataGate, DATA(), numericFiles(303, { 4: 'abc' })), 'drift.x');
    assert.equal(x.status, 'error');
    assert.match(x.message, /numeric in ref\.csv and text in cur\.csv.*'abc'.*row 5/);
  });

  it('missing cells above the column\'s allowance make drift an error; max_null_share raises the allowance', async () => {
    const gaps: Record<number, string> = {};
    for (let i = 0; i < 303; i += 10) gaps[i] = 'NA';
    const x = check(await runGateWith(dataGate, DATA(), numericFiles(303, gaps)), 'drift.x');
    assert.equal(x.status, 'error');
    assert.match(x.message, /31 of 303 cells of x in cur\.csv are missing \(10\.2 %\).*1 %/);
    const allowed = check(await runGateWith(dataGate, DATA('  fields:\n    x: { max_null_share: 0.15 }'), numericFiles(303, gaps)), 'drift.x');
    assert.equal(allowed.details?.method, 'ks');
    assert.equal(allowed.details?.missing_current, 31);
    const strict = check(await runGateWith(dataGate, DATA('  fields:\n    x: { nullable: false }'), numericFiles(303, { 3: '' })), 'drift.x');
    assert.equal(strict.status, 'error', 'nullable: false allows no missing cell');
    const refGaps = check(await runGateWith(dataGate, DATA(), numericFiles(303, {}, gaps)), 'drift.x');
    assert.equal(refGaps.status, 'error');
    assert.match(refGaps.message, /in ref\.csv are missing/);
  });

  it('a boolean column written 0/1 in one file and true/false in the other is compared as booleans', async () => {
    const ids = values(300, (i) => i);
    const flags = values(300, (i) => (i % 4 === 0 ? 1 : 0));
    const x = check(await runGateWith(dataGate, DATA('  fields:\n    flag: { type: boolean }'), {
      'ref.csv': table({ id: ids, flag: flags }), 'cur.csv': table({ id: ids, flag: flags.map((v) => (v === 1 ? 'true' : 'false')) }),
    }), 'drift.flag');
    assert.equal(x.details?.method, 'z');
    assert.equal(x.observed, 1);
    assert.equal(x.status, 'pass');
  });
});

describe('data gate: dataset drift with untested columns (issue 12)', () => {
  // Columns a and b drift (shifted), c does not, d cannot be tested (one category under chi2).
  const ids = values(303, (i) => i);
  const files = {
    'ref.csv': table({ id: ids, a: values(303, spread), b: values(303, spread), c: values(303, spread), d: values(303, () => 'k') }),
    'cur.csv': table({ id: ids, a: values(303, (i) => spread(i) + 5), b: values(303, (i) => spread(i) + 5), c: values(303, spread), d: values(303, () => 'k') }),
  };
  const run = async (share: number) => check(await runGateWith(dataGate, `data:\n  reference: ref.csv\n  current: cur.csv\n  drift: { columns: [a, b, c, d], drift_share: ${share}, per_column: { d: { method: chi2 } } }\n`, files), 'drift.dataset');

  it('fails when the drifted columns reach the threshold whatever the untested one shows', async () => {
    const ds = await run(0.5);
    assert.equal(ds.status, 'fail');
    assert.equal(ds.observed, 0.5);
  });

  it('passes only when the share stays below the threshold even if every untested column drifted', async () => {
    const ds = await run(0.8);
    assert.equal(ds.status, 'pass');
    assert.equal(ds.observed, 0.75);
  });

  it('is an error when the untested column decides', async () => {
    const ds = await run(0.6);
    assert.equal(ds.status, 'error');
    assert.match(ds.message, /between 50 % and 75 %/);
  });
});

describe('data gate: checks over no values (issue 12)', () => {
  const FIELDS = 'data:\n  current: cur.csv\n  fields:\n    x: { type: numeric, min: 0, max: 10, max_null_share: 0.5, max_outlier_share: 0.1 }\n    y: { type: categorical, enum: [a, b] }\n';

  it('a current slice without data rows is an error, not shares of 0 of 0', async () => {
    const checks = await runGateWith(dataGate, FIELDS, { 'cur.csv': 'x,y\n' });
    assert.equal(check(checks, 'current').status, 'error');
    for (const id of ['nulls.x', 'range.x', 'outliers.x', 'enum.y']) assert.equal(check(checks, id).status, 'error', id);
  });

  it('range, enum and outlier checks on a column without a single value are errors, not vacuous passes', async () => {
    const checks = await runGateWith(dataGate, FIELDS.replace('max_null_share: 0.5', 'max_null_share: 1'), { 'cur.csv': 'x,y\nNA,n/a\n,<NA>\n' });
    assert.equal(check(checks, 'nulls.x').status, 'pass', 'the card accepts a column of nulls');
    for (const id of ['range.x', 'outliers.x', 'enum.y']) {
      assert.equal(check(checks, id).status, 'error', id);
      assert.match(check(checks, id).message, /holds no value \(all 2 cells are missing\)/, id);
    }
  });
});

describe('data gate: ambiguous freshness reports (issue 12)', () => {
  it('a source with two rows in the freshness report is an error, not whichever row comes last', async () => {
    const report = 'source,last_updated,checked_at\nbilling,2026-11-20T00:00:00Z,2026-11-26T06:00:00Z\nbilling,2026-11-26T05:00:00Z,2026-11-26T06:00:00Z\n';
    const checks = await runGateWith(dataGate, 'data:\n  current: cur.csv\n  freshness:\n    - { source: billing, evidence: fresh.csv, max_age_hours: 26 }\n', {
      'cur.csv': table({ x: values(40, (i) => i) }), 'fresh.csv': report,
    });
    const f = check(checks, 'freshness.billing');
    assert.equal(f.status, 'error');
    assert.match(f.message, /2 rows for source billing \(rows 1, 2\)/);
  });
});
