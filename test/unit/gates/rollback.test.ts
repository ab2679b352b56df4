import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rollbackGate } from '../../../server/src/gates/rollback';
import { foldStatus } from '../../../server/src/gates/engine/types';
import { readChart } from '../../../server/src/gates/engine/chart-data';
import { resultPhrase } from '../../../server/src/format';
import { check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('rollback');

/** A card whose release changes model, feature pipeline and preprocessing against the baseline. */
function rollbackCard(gate: Record<string, string> = {}): string {
  const fields = {
    operation: 'deploy rollback svc --to-release r-1', scope: '[model, preprocessing, thresholds, runtime_parameters, feature_pipeline]',
    inventory: 'inventory.csv', drill_log: 'drills.csv', max_rto_minutes: '15', max_drill_age_days: '90',
    runbook: '{ path: runbooks/svc.md, owner: team-a, last_tested: 2026-11-19 }', ...gate,
  };
  const body = Object.entries(fields).filter(([, v]) => v !== '').map(([k, v]) => `    ${k}: ${v}`).join('\n');
  return `release_id: r-2
artifacts:
  model_uri: models:/m/2
  feature_pipeline: fp:v2
  preprocessing_image: pre:1.1
  postprocessing_config: thr:v1
  runtime_parameters: { timeout_ms: 40 }
baseline:
  artifacts:
    model_uri: models:/m/1
    feature_pipeline: fp:v1
    preprocessing_image: pre:1.0
    postprocessing_config: thr:v1
    runtime_parameters: { timeout_ms: 40 }
gates:
  rollback:
${body}
rollout:
  strategy: canary
`;
}

describe('rollback gate', () => {
  it('passes a one-step, fully scoped, drilled rollback with every previous version available', async () => {
    const checks = await runGate(rollbackGate, rollbackCard(), dir);
    assert.equal(foldStatus(checks), 'pass', checks.filter((c) => c.status !== 'pass').map((c) => c.message).join('\n'));
    assert.equal(check(checks, 'operation').observed, 'deploy rollback svc --to-release r-1');
    const rto = check(checks, 'drill.rto');
    assert.deepEqual([rto.observed, rto.threshold, rto.unit], [9, 15, 'minutes']); // 540 s, the estimated row ignored
    assert.deepEqual(rto.at, ['gates', 'rollback', 'max_rto_minutes']);
    assert.equal(check(checks, 'drill.age').observed, 7); // 2026-11-19 → 2026-11-26T12:00
    assert.equal(check(checks, 'inventory.model').observed, 'models:/m/1');
    assert.equal(check(checks, 'inventory.thresholds').threshold, 'thr:v1');
    assert.equal(check(checks, 'runbook.last_tested').observed, 7);
  });

  it('fails a chained operation and a scope without the changed feature pipeline', async () => {
    const checks = await runGate(rollbackGate, rollbackCard({ operation: "'kubectl rollout undo deploy/m && ./restore-thresholds.sh'", scope: '[model, preprocessing, thresholds, runtime_parameters]' }), dir);
    assert.equal(check(checks, 'operation').status, 'fail');
    const scope = check(checks, 'scope');
    assert.equal(scope.status, 'fail');
    assert.match(scope.message, /feature_pipeline.*changes the feature pipeline/);
  });

  it('fails a wrong version, an unavailable artifact and an unlisted one', async () => {
    const checks = await runGate(rollbackGate, rollbackCard({ inventory: 'inventory_bad.csv' }), dir);
    assert.match(check(checks, 'inventory.model').message, /models:\/m\/1 is not in inventory_bad\.csv \(it lists models:\/m\/0\)/);
    assert.equal(check(checks, 'inventory.preprocessing').status, 'fail');
    assert.equal(check(checks, 'inventory.runtime_parameters').status, 'fail');
    assert.equal(check(checks, 'inventory.feature_pipeline').status, 'pass');
  });

  it('fails a stale drill, a slow partial drill, and an estimate-only log', async () => {
    const stale = await runGate(rollbackGate, rollbackCard({ drill_log: 'drills_stale.csv' }), dir);
    const age = check(stale, 'drill.age');
    assert.deepEqual([age.status, age.observed, age.threshold], ['fail', 148, 90]); // 2026-07-01 → 11-26
    assert.equal(check(stale, 'drill.rto').observed, 10); // the newer row is an estimate and does not count
    const partial = await runGate(rollbackGate, rollbackCard({ drill_log: 'drills_partial.csv' }), dir);
    assert.equal(check(partial, 'drill.rto').status, 'fail'); // 20 > 15 minutes
    assert.match(check(partial, 'drill.scope').message, /did not restore thresholds, runtime_parameters, feature_pipeline/);
    const est = await runGate(rollbackGate, rollbackCard({ drill_log: 'drills_estimated.csv' }), dir);
    assert.deepEqual(est.filter((c) => c.id.startsWith('drill.')).map((c) => [c.id, c.status]), [['drill.rto', 'fail']]);
    // Issue 16: no "observed n/a minutes": the result says there is no measured drill.
    assert.match(resultPhrase(check(est, 'drill.rto')), /^no measured drill, only \d+ estimated$/);
  });

  it('keeps drill RTOs over time for the report, with the target and the deciding drill marked', async () => {
    const checks = await runGate(rollbackGate, rollbackCard(), dir);
    const chart = readChart(check(checks, 'drill.rto').chart);
    assert.equal(chart?.kind, 'series');
    assert.deepEqual(chart?.marks.map((m) => [m.role, m.value]), [['threshold', 15], ['observed', 9]]);
    assert.ok(chart?.kind === 'series' && chart.series.some((x) => x.name === 'measured drills' && x.points.length > 0));
  });

  it('fails a runbook without owner or a stale test, and errors without evidence or target', async () => {
    const rb = await runGate(rollbackGate, rollbackCard({ runbook: '{ path: r.md, last_tested: 2026-06-01 }' }), dir);
    assert.equal(check(rb, 'runbook.owner').status, 'fail');
    assert.equal(check(rb, 'runbook.last_tested').observed, 178);
    const bare = await runGate(rollbackGate, rollbackCard({ inventory: 'missing.csv', drill_log: '', max_rto_minutes: '' }), dir);
    assert.equal(check(bare, 'inventory').status, 'error');
    assert.equal(check(bare, 'drill.rto').status, 'error');
    const noTarget = await runGate(rollbackGate, rollbackCard({ max_rto_minutes: '' }), dir);
    assert.equal(check(noTarget, 'drill.rto').status, 'error');
  });
});

// Regression tests of issue 12 ("Fail closed everywhere"): implausible drill logs block.
describe('rollback gate: implausible drill logs block (issue 12)', () => {
  it('a drill with rto_seconds -600 is an error, not a 10-minute-faster-than-instant pass', async () => {
    const checks = await runGate(rollbackGate, rollbackCard({ drill_log: 'drills_negative.csv' }), dir);
    const rto = check(checks, 'drill.rto');
    assert.equal(rto.status, 'error');
    assert.match(rto.message, /column rto_seconds of drills_negative\.csv: 1 negative of 2 cells, first at data row 2/);
    assert.deepEqual(rto.evidence, { file: 'drills_negative.csv', column: 'rto_seconds', row: 2 });
    assert.equal(foldStatus(checks), 'error');
  });

  it('blank and infinite RTOs are counted, on any row', async () => {
    const checks = await runGate(rollbackGate, rollbackCard({ drill_log: 'drills_bad_rto.csv' }), dir);
    assert.match(check(checks, 'drill.rto').message, /column rto_seconds of drills_bad_rto\.csv: 1 missing, 1 not finite of 2 cells, first at data row 1/);
  });

  it('two measured drills on the same date are an error instead of the later row winning', async () => {
    const checks = await runGate(rollbackGate, rollbackCard({ drill_log: 'drills_duplicate.csv' }), dir);
    const rto = check(checks, 'drill.rto');
    assert.equal(rto.status, 'error');
    assert.match(rto.message, /1 row of drills_duplicate\.csv repeats the date of an earlier measured drill \(of 3 rows; first: data row 3 repeats row 2\)/);
    assert.match(rto.message, /date-time/);
    assert.ok(!checks.some((c) => c.id === 'drill.age' || c.id === 'drill.scope'));
  });

  it('an artifact version listed twice, available and not, is an error instead of the first row deciding', async () => {
    const checks = await runGate(rollbackGate, rollbackCard({ inventory: 'inventory_conflict.csv' }), dir);
    const model = check(checks, 'inventory.model');
    assert.equal(model.status, 'error');
    assert.match(model.message, /models:\/m\/1 is listed 2 times in inventory_conflict\.csv with different availability \(rows 1, 6\)/);
    assert.deepEqual(model.evidence, { file: 'inventory_conflict.csv', row: 6, column: 'available' });
  });

  it('two measured drills on one day at different times are two drills: the later one counts', async () => {
    const checks = await runGate(rollbackGate, rollbackCard({ drill_log: 'drills_same_day.csv' }), dir);
    assert.equal(check(checks, 'drill.rto').status, 'pass');
    assert.equal(check(checks, 'drill.rto').observed, 5);
  });
});
