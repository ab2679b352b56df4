import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { qualityGate } from '../../../server/src/gates/quality';
import { foldStatus } from '../../../server/src/gates/engine/types';
import { card, check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('quality');
// Values scikit-learn computed on the same files (make.py beside the fixtures).
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, number>;

function close(actual: unknown, want: number | undefined, tol = 1e-9): void {
  assert.equal(typeof actual, 'number');
  assert.ok(want !== undefined);
  assert.ok(Math.abs((actual as number) - want) <= tol * Math.max(1, Math.abs(want)), `${String(actual)} vs ${want}`);
}

function classificationCard(extra = '', delta = '0.1'): string {
  return card(`quality:
  task: classification
  evidence: predictions.csv
  columns: { label: churned }
  metric: average_precision
  min_samples: 1000
  non_inferiority_delta: ${delta}
  bootstrap: { resamples: 300, seed: 7 }
${extra}`);
}

describe('quality gate', () => {
  it('decides the primary metric by the paired bootstrap and reports scikit-learn values', async () => {
    const checks = await runGate(qualityGate, classificationCard(), dir);
    const ap = check(checks, 'average_precision');
    assert.equal(ap.status, 'pass', ap.message);
    close(ap.details?.candidate, expected.ap_candidate);
    close(ap.details?.baseline, expected.ap_baseline);
    close(ap.details?.difference, (expected.ap_candidate as number) - (expected.ap_baseline as number));
    assert.equal(ap.threshold, -0.1);
    assert.equal(ap.observed, ap.details?.lower);
    assert.ok((ap.details?.lower as number) < (ap.details?.difference as number));
    assert.ok((ap.details?.upper as number) > (ap.details?.difference as number));
    assert.deepEqual(ap.at, ['gates', 'quality', 'non_inferiority_delta']);
    assert.equal(ap.sampleSize, 1100);
    assert.equal(check(checks, 'min_samples').status, 'pass');
  });

  it('is reproducible: the same seed gives the same interval', async () => {
    const a = check(await runGate(qualityGate, classificationCard(), dir), 'average_precision');
    const b = check(await runGate(qualityGate, classificationCard(), dir), 'average_precision');
    assert.equal(a.details?.lower, b.details?.lower);
    assert.equal(a.details?.upper, b.details?.upper);
  });

  it('fails when the lower bound is not above −delta', async () => {
    const checks = await runGate(qualityGate, classificationCard('', '0'), dir);
    const ap = check(checks, 'average_precision');
    assert.equal(ap.status, 'fail');
    assert.match(ap.message, /does not rule out a loss larger than the margin/);
  });

  it('blocks on a failing critical slice even when the overall metric passes', async () => {
    const slices = `  slices:
    - { name: segment a, column: segment, value: a, min_samples: 400 }
    - { name: segment c, column: segment, value: c, non_inferiority_delta: 0.02, min_samples: 50 }`;
    const checks = await runGate(qualityGate, classificationCard(slices), dir);
    assert.equal(check(checks, 'average_precision').status, 'pass');
    assert.equal(check(checks, 'slice.segment a').status, 'pass');
    const c = check(checks, 'slice.segment c');
    assert.equal(c.status, 'fail');
    close(c.details?.candidate, expected.ap_candidate_c);
    close(c.details?.baseline, expected.ap_baseline_c);
    assert.equal(c.sampleSize, expected.rows_c);
    assert.deepEqual(c.at, ['gates', 'quality', 'slices', 1, 'non_inferiority_delta']);
    assert.match(c.message, /failing critical slice blocks the release/);
    assert.equal(foldStatus(checks), 'fail');
  });

  it('is an error when a slice has fewer rows than its min_samples', async () => {
    const checks = await runGate(qualityGate, classificationCard('  slices:\n    - { name: seniors, column: is_senior, value: true, min_samples: 5000 }'), dir);
    const s = check(checks, 'slice.seniors');
    assert.equal(s.status, 'error');
    assert.equal(s.sampleSize, expected.rows_senior);
    assert.match(s.message, /at least 5000 required/);
  });

  it('bins ECE by quantiles as scikit-learn calibration_curve does', async () => {
    const checks = await runGate(qualityGate, classificationCard('  calibration: { metric: ece, binning: quantile, max: 0.2, max_increase: 0.05 }'), dir);
    const e = check(checks, 'calibration.ece');
    close(e.observed, expected.ece_quantile_candidate);
    assert.match(e.message, /ECE \(10 equal-count bins\)/);
    close(check(checks, 'calibration.ece_increase').observed, (expected.ece_quantile_candidate as number) - (expected.ece_quantile_baseline as number));
  });

  it('checks calibration (ECE and Brier) against max and max_increase', async () => {
    const ece = await runGate(qualityGate, classificationCard('  calibration: { metric: ece, bins: 10, max: 0.05, max_increase: 0.01 }'), dir);
    const e = check(ece, 'calibration.ece');
    close(e.observed, expected.ece_candidate);
    assert.equal(e.status, 'fail');
    const inc = check(ece, 'calibration.ece_increase');
    close(inc.observed, (expected.ece_candidate as number) - (expected.ece_baseline as number));
    assert.equal(inc.status, 'pass');
    const brier = await runGate(qualityGate, classificationCard('  calibration: { max: 0.2 }'), dir);
    close(check(brier, 'calibration.brier').observed, expected.brier_candidate);
    assert.equal(check(brier, 'calibration.brier').status, 'pass');
  });

  it('uses a named decision threshold from artifacts.thresholds for F1', async () => {
    const text = classificationCard().replace('metric: average_precision', 'metric: f1\n    decision_threshold: contact_score_min').replace('model_uri: models:/m/2', 'model_uri: models:/m/2\n  thresholds: { contact_score_min: 0.62 }');
    const f1 = check(await runGate(qualityGate, text, dir), 'f1');
    close(f1.details?.candidate, expected.f1_candidate_062);
  });

  it('still decides by the interval when the card asks for a point estimate, and says so', async () => {
    const checks = await runGate(qualityGate, classificationCard('  decision: point_estimate'), dir);
    assert.match(check(checks, 'average_precision').message, /point_estimate.*the interval decided/);
  });

  it('is an error when there are fewer rows than min_samples', async () => {
    const checks = await runGate(qualityGate, classificationCard().replace('min_samples: 1000', 'min_samples: 5000'), dir);
    assert.equal(check(checks, 'min_samples').status, 'error');
    assert.equal(check(checks, 'average_precision').status, 'error');
  });

  it('names the row of a missing score and of an invalid label', async () => {
    const gap = await runGate(qualityGate, classificationCard().replace('predictions.csv', 'gap.csv'), dir);
    assert.match(check(gap, 'average_precision').message, /gap\.csv: row 2, column candidate_score \(candidate score\) is empty/);
    const bad = await runGate(qualityGate, classificationCard().replace('predictions.csv', 'badlabel.csv'), dir);
    assert.match(check(bad, 'average_precision').message, /row 2, column churned holds 2/);
  });

  it('turns a missing predictions file into errors on every planned check', async () => {
    const checks = await runGate(qualityGate, classificationCard('  slices:\n    - { name: a, column: segment, value: a }').replace('predictions.csv', 'missing.csv'), dir);
    assert.deepEqual(checks.map((c) => [c.id, c.status]), [['min_samples', 'error'], ['average_precision', 'error'], ['slice.a', 'error']]);
    assert.match(checks[0]?.message ?? '', /missing\.csv/);
  });

  it('computes MAE (lower is better) and error by target range for regression', async () => {
    const checks = await runGate(qualityGate, card(`quality:
  task: regression
  evidence: regression.csv
  columns: { label: y }
  metric: mae
  non_inferiority_delta: 0.5
  bootstrap: { resamples: 200, seed: 1 }
  target_ranges:
    - { name: small, max: 10, max_mae: 1 }
    - { name: large, min: 10, max_mae: 3 }`), dir);
    const mae = check(checks, 'mae');
    assert.equal(mae.status, 'error', 'ten rows are below the default minimum of 100');
    close(check(checks, 'target_range.small').observed, expected.mae_candidate_small);
    assert.equal(check(checks, 'target_range.small').status, 'pass');
    close(check(checks, 'target_range.large').observed, expected.mae_candidate_large);
    assert.equal(check(checks, 'target_range.large').status, 'fail');
  });

  it('computes NDCG@K per query for ranking and resamples queries', async () => {
    const checks = await runGate(qualityGate, card(`quality:
  task: ranking
  evidence: ranking.csv
  columns: { label: relevance }
  metric: ndcg
  k: 5
  non_inferiority_delta: 0.01
  bootstrap: { resamples: 300, seed: 3 }`), dir);
    const ndcg = check(checks, 'ndcg');
    close(ndcg.details?.candidate, expected.ndcg5_candidate);
    close(ndcg.details?.baseline, expected.ndcg5_baseline);
    assert.equal(ndcg.sampleSize, 150);
    assert.equal(ndcg.status, 'pass');
  });

  it('is an error when the metric does not fit the task', async () => {
    const checks = await runGate(qualityGate, classificationCard().replace('metric: average_precision', 'metric: mae'), dir);
    assert.equal(checks.length, 1);
    assert.match(checks[0]?.message ?? '', /'mae' is a regression metric, but the task is 'classification'/);
  });
});
