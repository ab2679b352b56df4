import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { observabilityGate } from '../../../server/src/gates/observability';
import { splitTopLevelOr } from '../../../server/src/gates/observability/burn-rate';
import { foldStatus } from '../../../server/src/gates/engine/types';
import { checkLabel, resultPhrase } from '../../../server/src/format';
import { card, check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('observability');

/** A card with a 99.9 %/30 d SLO (unless replaced) and an observability definition. */
function obsCard(over: Record<string, string> = {}, slo = 'slo:\n  objective_percent: 99.9\n  period_days: 30\n'): string {
  const fields = {
    traces: 'traces_ok.json', metrics_inventory: 'metrics.txt', alert_rules: 'alerts_ok.yaml',
    planes: '{ infrastructure: [container_cpu_usage_seconds_total], model: [churn_score_bucket], product: [retention_offer_accepted_total], economics: [inference_cost_usd_total] }',
    alerts: '[{ name: ErrorBudgetBurnFast, owner: team-a, runbook: runbooks/svc.md#burn-rate, severity: page }]', ...over,
  };
  const body = Object.entries(fields).filter(([, v]) => v !== '').map(([k, v]) => `  ${k}: ${v}`).join('\n');
  return card(`observability:\n${body}`, slo);
}

describe('observability gate', () => {
  it('passes complete traces, covered planes, the 99.9 % profile and owned alerts', async () => {
    const checks = await runGate(observabilityGate, obsCard(), dir);
    assert.equal(foldStatus(checks), 'pass', checks.filter((c) => c.status !== 'pass').map((c) => c.message).join('\n'));
    const t = check(checks, 'traces.complete_share');
    assert.deepEqual([t.observed, t.threshold, t.sampleSize, t.details?.ignored_traces], [1, 1, 3, 1]); // the healthcheck trace is not a request
    assert.deepEqual(checks.filter((c) => c.id.startsWith('burn_rate.')).map((c) => [c.id, c.observed, c.threshold]), [
      ['burn_rate.page_1h_5m', 14.4, 14.4], ['burn_rate.page_6h_30m', 6, 6], ['burn_rate.ticket_3d_6h', 1, 1],
    ]);
    assert.equal(check(checks, 'burn_rate.page_1h_5m').evidence?.file, 'alerts_ok.yaml');
    // The card names the fast alert's owner; the slow one carries labels.owner in the file.
    assert.equal(check(checks, 'alert.errorbudgetburnslow').status, 'pass');
  });

  it('fails a broken trace chain with the share and the incomplete trace ids', async () => {
    const checks = await runGate(observabilityGate, obsCard({ traces: 'traces_broken.json' }), dir);
    const t = check(checks, 'traces.complete_share');
    assert.equal(t.status, 'fail');
    assert.equal(t.observed, 0.6); // 3 of 5: one trace lost feature_lookup, which started its own trace
    assert.match(t.message, /aaaaaaaaaaaaaaaa lacks feature_lookup/);
    const relaxed = await runGate(observabilityGate, obsCard({ traces: 'traces_broken.json', min_complete_trace_share: '0.6' }), dir);
    assert.equal(check(relaxed, 'traces.complete_share').status, 'pass');
  });

  it('fails wrong factors, a missing pair, a single-window alert and an alert without owner, at the rule line', async () => {
    const checks = await runGate(observabilityGate, obsCard({ alert_rules: 'alerts_bad.yaml' }), dir);
    const fast = check(checks, 'burn_rate.page_1h_5m');
    assert.deepEqual([fast.status, fast.observed, fast.threshold], ['fail', 14, 14.4]);
    assert.match(fast.message, /alerts_bad\.yaml:4 uses factor 14 instead of 14\.4/);
    assert.match(check(checks, 'burn_rate.page_6h_30m').message, /No alert in alerts_bad\.yaml checks the 6h\/30m/);
    assert.match(check(checks, 'burn_rate.ticket_3d_6h').message, /has no short window/);
    const latency = check(checks, 'alert.latencyhigh');
    assert.equal(latency.status, 'fail');
    assert.match(latency.message, /has no owner and no runbook/);
    assert.equal(latency.observed, 'no owner and no runbook');
    assert.deepEqual(latency.evidence, { file: 'alerts_bad.yaml', line: 17 });
  });

  it('says which comparison failed when the factors are equal, and keeps the alert\'s own name (issue 16)', async () => {
    const checks = await runGate(observabilityGate, obsCard({ alert_rules: 'alerts_bad.yaml' }), dir);
    const slow = check(checks, 'burn_rate.ticket_3d_6h');
    assert.deepEqual([slow.status, slow.observed, slow.threshold], ['fail', 1, 1]);
    // "1 = 1" would not say what failed: the window does.
    assert.equal(resultPhrase(slow), "'ErrorBudgetBurnSlow' has no short window (expected 6h), so it keeps firing long after the burn stopped");
    const latency = check(checks, 'alert.latencyhigh');
    assert.equal(checkLabel(latency), 'alert LatencyHigh');
    assert.equal(resultPhrase(latency), 'no owner and no runbook; every alert needs an owner and a runbook');
    assert.doesNotMatch(resultPhrase(latency), /!=|\bvs\b/);
  });

  it('derives 13.44 for a 99 % / 28 d SLO, so rules written for 99.9 % fail', async () => {
    const checks = await runGate(observabilityGate, obsCard({}, 'slo:\n  objective_percent: 99\n  period_days: 28\n'), dir);
    const fast = check(checks, 'burn_rate.page_1h_5m');
    assert.equal(fast.threshold, 13.44);
    assert.match(fast.message, /uses factor 14\.4 instead of 13\.44/);
    assert.equal(check(checks, 'burn_rate.page_6h_30m').threshold, 5.6);
  });

  it('fails an uncovered or unexported plane and a declared alert that is not deployed', async () => {
    const checks = await runGate(observabilityGate, obsCard({
      planes: '{ infrastructure: [container_cpu_usage_seconds_total], model: [churn_score_bucket, feature_drift_score], product: [retention_offer_accepted_total] }',
      alerts: '[{ name: ErrorBudgetBurnFast, owner: team-a, runbook: r.md }, { name: ChurnFeatureDrift, owner: team-b, runbook: r.md }]',
    }), dir);
    assert.match(check(checks, 'planes.model').message, /feature_drift_score, which is not in the metrics inventory/);
    assert.equal(check(checks, 'planes.economics').status, 'fail');
    assert.match(check(checks, 'alert.churnfeaturedrift').message, /not in alerts_ok\.yaml/);
  });

  it('errors without a trace export, rules file or SLO', async () => {
    const checks = await runGate(observabilityGate, obsCard({ traces: 'missing.json', alert_rules: '' }, ''), dir);
    assert.equal(check(checks, 'traces.complete_share').status, 'error');
    assert.equal(check(checks, 'burn_rate.rules').status, 'error');
    const noSlo = await runGate(observabilityGate, obsCard({}, ''), dir);
    assert.equal(check(noSlo, 'burn_rate.profile').status, 'error');
    const explicit = await runGate(observabilityGate, obsCard({ burn_rate_windows: '[{ severity: page, factor: 14.4, long_window: 1h, short_window: 5m }]' }, ''), dir);
    // Without an objective nobody can tell whether the windows' factors can fire: error, not pass.
    assert.deepEqual(explicit.filter((c) => c.id.startsWith('burn_rate')).map((c) => [c.id, c.status]), [['burn_rate.profile', 'error']]);
    assert.match(check(explicit, 'burn_rate.profile').message, /burn_rate_windows are given, but the card has no `slo` section: a burn rate is a multiple of the error budget/);
  });

  it('regression: for a 90 % SLO expects the capped 5x pages and fails the Workbook\'s 14.4x, which can never fire', async () => {
    const checks = await runGate(observabilityGate, obsCard({ alert_rules: 'alerts_90_workbook.yaml' }, 'slo:\n  objective_percent: 90\n'), dir);
    const burn = checks.filter((c) => c.id.startsWith('burn_rate.'));
    assert.deepEqual(burn.map((c) => [c.id, c.status, c.observed, c.threshold]), [
      ['burn_rate.page_1h_5m', 'fail', 14.4, 5], ['burn_rate.page_6h_30m', 'fail', 6, 5], ['burn_rate.ticket_3d_6h', 'pass', 1, 1],
    ]);
    assert.match(check(checks, 'burn_rate.page_1h_5m').message, /uses factor 14\.4 instead of 5 .*\(factor 14\.4 × the 10 % error budget of a 90 % SLO asks for an error ratio above 144 %.*can never fire\); the SLO needs page at 5x over 1h and 5m \(capped from the policy's 14\.4x/);
    assert.doesNotMatch(check(checks, 'burn_rate.page_6h_30m').message, /can never fire/, '6 * 0.1 = 60 % can fire, it is only too lax');
  });

  it('regression: an explicit window that can never fire is an error at its factor; the others are still checked', async () => {
    const windows = '[{ severity: page, factor: 14.4, long_window: 1h, short_window: 5m }, { severity: ticket, factor: 1, long_window: 3d, short_window: 6h }]';
    const checks = await runGate(observabilityGate, obsCard({ alert_rules: 'alerts_90_workbook.yaml', burn_rate_windows: windows }, 'slo:\n  objective_percent: 90\n'), dir);
    const burn = checks.filter((c) => c.id.startsWith('burn_rate.'));
    assert.deepEqual(burn.map((c) => [c.id, c.status, c.at]), [
      ['burn_rate.page_1h_5m', 'error', ['gates', 'observability', 'burn_rate_windows', 0, 'factor']],
      ['burn_rate.ticket_3d_6h', 'pass', ['gates', 'observability', 'burn_rate_windows', 1]],
    ]);
    assert.match(check(checks, 'burn_rate.page_1h_5m').message, /error ratio above 144 %.*can never fire\. Use 5 .*blocks the release\.$/);
    assert.equal(foldStatus(checks), 'error');
  });

  it('splits PromQL at top-level or only', () => {
    assert.deepEqual(splitTopLevelOr('((a > 1 and b > 1) or (c{x="or"} > 2 and d > 2))'), ['a > 1 and b > 1', 'c{x="or"} > 2 and d > 2']);
    assert.deepEqual(splitTopLevelOr('error_ratio > 1 or vector(0)'), ['error_ratio > 1', 'vector(0)']);
    assert.deepEqual(splitTopLevelOr('floor(x) > 1'), ['floor(x) > 1']);
  });
});
