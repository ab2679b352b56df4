// Regression tests for issue 12 ("fail closed everywhere"), quality gate part: comparisons whose
// labels hold one class (overall, per slice, per bootstrap resample), ranking evaluations where no
// query can tell two rankings apart, and blank or non-finite cells in the columns the decision reads.
// Each case passed before the fix; each must now be an error naming what to do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { qualityGate } from '../../../server/src/gates/quality';
import { check } from './robustness-context';
import { runGateWith, table, values } from './temp-gate';

const N = 200;
/** Scores that separate the classes a little, different for the two models. */
const cand = (i: number, y: number): number => Number((0.2 + 0.5 * y + ((i * 37) % 29) / 100).toFixed(4));
const base = (i: number, y: number): number => Number((0.25 + 0.4 * y + ((i * 53) % 31) / 100).toFixed(4));

/** A predictions file with labels `label(i)`, optional extra columns and cell overrides. */
function predictions(label: (i: number) => number, extra: Record<string, readonly (string | number)[]> = {}, patch: Record<string, Record<number, string>> = {}): string {
  const y = values(N, label);
  const col = (name: string, v: (string | number)[]): (string | number)[] => v.map((x, i) => patch[name]?.[i] ?? x);
  return table({
    label: col('label', y), candidate_score: col('candidate_score', y.map((v, i) => cand(i, v))), baseline_score: col('baseline_score', y.map((v, i) => base(i, v))), ...extra,
  });
}

const QUALITY = (metric = 'average_precision', extra = ''): string => `quality:
  task: classification
  evidence: p.csv
  metric: ${metric}
  non_inferiority_delta: 0.05
  bootstrap: { resamples: 200, seed: 1 }
${extra}`;

describe('quality gate: labels of one class are errors (issue 12)', () => {
  for (const metric of ['average_precision', 'f1', 'roc_auc']) {
    for (const only of [0, 1]) {
      it(`${metric} with every label ${only} is an error, not ${only} vs ${only} inside the margin`, async () => {
        const c = check(await runGateWith(qualityGate, QUALITY(metric), { 'p.csv': predictions(() => only) }), metric);
        assert.equal(c.status, 'error');
        assert.match(c.message, new RegExp(`${only === 0 ? 0 : N} positive and ${only === 0 ? N : 0} negative labels`));
      });
    }
  }

  it('fewer than 10 labels of a class is an error (a one-class bootstrap resample would be likely)', async () => {
    const c = check(await runGateWith(qualityGate, QUALITY(), { 'p.csv': predictions((i) => (i % 40 === 0 ? 1 : 0)) }), 'average_precision');
    assert.equal(c.status, 'error');
    assert.match(c.message, /5 positive and 195 negative labels.*at least 10 of each/);
  });

  it('a critical slice whose labels hold one class is an error although the overall comparison passes', async () => {
    const segment = values(N, (i) => (i < 150 ? 'a' : 'b'));
    const checks = await runGateWith(qualityGate, QUALITY('average_precision', '  slices:\n    - { name: b, column: segment, value: b, min_samples: 20 }'), {
      'p.csv': predictions((i) => (i < 150 ? i % 2 : 0), { segment }),
    });
    assert.equal(check(checks, 'average_precision').status, 'pass');
    const slice = check(checks, 'slice.b');
    assert.equal(slice.status, 'error');
    assert.match(slice.message, /slice 'b'.*0 positive and 50 negative labels/);
  });

  it('calibration measured on labels of one class is an error', async () => {
    const checks = await runGateWith(qualityGate, QUALITY('average_precision', '  calibration: { metric: brier, max: 0.5 }'), { 'p.csv': predictions(() => 0) });
    assert.equal(check(checks, 'calibration.brier').status, 'error');
  });
});

describe('quality gate: blank and non-finite cells are counted (issue 12)', () => {
  it('counts every blank score and names the first row', async () => {
    const c = check(await runGateWith(qualityGate, QUALITY(), { 'p.csv': predictions((i) => i % 2, {}, { candidate_score: { 3: '', 8: 'NA', 9: 'n/a' } }) }), 'average_precision');
    assert.equal(c.status, 'error');
    assert.match(c.message, /p\.csv: row 4, column candidate_score \(candidate score\) is empty; 3 of 200 cells of this column are blank/);
  });

  it('an infinite score is an error, not a top-ranked row', async () => {
    for (const token of ['inf', '-Infinity', '1e999']) {
      const c = check(await runGateWith(qualityGate, QUALITY(), { 'p.csv': predictions((i) => i % 2, {}, { baseline_score: { 6: token } }) }), 'average_precision');
      assert.equal(c.status, 'error', token);
      assert.match(c.message, /row 7, column baseline_score \(baseline score\) is not a finite number/, token);
    }
  });

  it('a blank cell in a slice column is an error: the row may belong to the critical slice', async () => {
    const segment = values(N, (i) => (i === 17 ? '' : i % 2 === 0 ? 'a' : 'b'));
    const checks = await runGateWith(qualityGate, QUALITY('average_precision', '  slices:\n    - { name: b, column: segment, value: b, min_samples: 20 }'), {
      'p.csv': predictions((i) => Math.floor(i / 2) % 2, { segment }),
    });
    const slice = check(checks, 'slice.b');
    assert.equal(slice.status, 'error');
    assert.match(slice.message, /1 of 200 cells of segment are blank, first at row 18/);
  });
});

describe('quality gate: ranking evaluations that cannot tell rankings apart (issue 12)', () => {
  const RANKING = (metric = 'ndcg'): string => `quality:
  task: ranking
  evidence: r.csv
  columns: { label: relevance }
  metric: ${metric}
  k: 3
  non_inferiority_delta: 0.05
  min_samples: 20
  bootstrap: { resamples: 200, seed: 1 }`;
  /** 40 queries of 5 items; relevance from `rel(q, j)`. */
  function ranking(rel: (q: number, j: number) => number, query: (q: number) => string = (q) => `q${q}`): string {
    const rows = values(200, (i) => ({ q: Math.floor(i / 5), j: i % 5 }));
    return table({
      query_id: rows.map(({ q }) => query(q)), relevance: rows.map(({ q, j }) => rel(q, j)),
      candidate_score: rows.map(({ q, j }) => ((q * 7 + j * 3) % 11) / 10), baseline_score: rows.map(({ q, j }) => ((q * 5 + j * 2) % 13) / 10),
    });
  }

  it('NDCG with no relevant item anywhere is an error, not 0 vs 0', async () => {
    const c = check(await runGateWith(qualityGate, RANKING(), { 'r.csv': ranking(() => 0) }), 'ndcg');
    assert.equal(c.status, 'error');
    assert.match(c.message, /0 of 40 queries/);
  });

  it('NDCG where every query holds one relevance grade is an error, not 1 vs 1', async () => {
    const c = check(await runGateWith(qualityGate, RANKING(), { 'r.csv': ranking(() => 2) }), 'ndcg');
    assert.equal(c.status, 'error');
  });

  it('Recall@K where every query has every item relevant is an error', async () => {
    const c = check(await runGateWith(qualityGate, RANKING('recall_at_k'), { 'r.csv': ranking(() => 1) }), 'recall_at_k');
    assert.equal(c.status, 'error');
  });

  it('a blank query id is an error, not a query of its own', async () => {
    const c = check(await runGateWith(qualityGate, RANKING(), { 'r.csv': ranking((q, j) => (q + j) % 3, (q) => (q === 4 ? '' : `q${q}`)) }), 'ndcg');
    assert.equal(c.status, 'error');
    assert.match(c.message, /column query_id \(query id\) is empty; 5 of 200 cells/);
  });
});

describe('quality gate: bootstrap settings that make any interval pass (issue 12)', () => {
  it('refuses fewer than 100 resamples and a confidence below 0.5, even when the card reaches the gate', async () => {
    const files = { 'p.csv': predictions((i) => i % 2) };
    const one = await runGateWith(qualityGate, QUALITY().replace('resamples: 200', 'resamples: 1'), files);
    assert.equal(check(one, 'average_precision').status, 'error');
    assert.match(check(one, 'average_precision').message, /resamples is 1/);
    const low = await runGateWith(qualityGate, QUALITY('average_precision', '  confidence: 0.1'), files);
    assert.equal(check(low, 'average_precision').status, 'error');
  });
});
