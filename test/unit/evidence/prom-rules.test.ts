import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { burnRateFacts, durationSeconds, loadPromRules } from '../../../server/src/evidence';
import { fixture, problems, tempDir, value } from './helpers';

describe('Prometheus rules', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('extracts rules with lines, owners, runbooks and burn-rate facts', async () => {
    const file = value(await loadPromRules(fixture('slo-alerts.yaml'), { displayName: 'obs/slo-alerts.yaml' }));
    assert.deepEqual(file.rules.map((r) => [r.kind, r.name, r.line, r.exprLine]), [
      ['record', 'slo:sli_error:ratio_rate5m', 4, 5],
      ['alert', 'ChurnErrorBudgetBurnFast', 6, 7],
      ['alert', 'ChurnErrorBudgetBurnSlow', 20, 21],
      ['alert', 'ChurnBurnRateWeird', 30, 31],
      ['alert', 'ChurnModelDown', 34, 35],
    ]);
    const [, fast, slow, weird, down] = file.rules;
    assert.deepEqual(fast?.burnRate, { kind: 'burn-rate', factor: 14.4, factors: [14.4, 14.4], objective: 0.999, windows: ['1h', '5m'] });
    assert.deepEqual([fast?.severity, fast?.owner, fast?.runbook, fast?.for], ['page', 'ml-platform', 'https://runbooks.example.internal/churn/burn-rate', '2m']);
    assert.equal(slow?.burnRate.kind === 'burn-rate' && slow.burnRate.factor, 6);
    assert.deepEqual(slow?.burnRate.kind === 'burn-rate' && slow.burnRate.windows, ['6h', '30m']);
    assert.deepEqual([slow?.owner, slow?.runbook], ['ml-platform', 'docs/runbooks/churn-burn.md']);
    assert.equal(weird?.burnRate.kind, 'unparsable');
    assert.deepEqual([down?.burnRate.kind, down?.owner, down?.runbook], ['none', undefined, undefined]);
    assert.equal(file.rules[0]?.burnRate.kind, 'none');
  });

  it('reads the factor in other common spellings', () => {
    const swapped = burnRateFacts('errors:ratio_rate3d > ((1-0.999) * 1) and errors:ratio_rate6h > ((1-0.999) * 1)');
    assert.deepEqual(swapped.kind === 'burn-rate' && [swapped.factor, swapped.windows], [1, ['3d', '6h']]);
    const budget = burnRateFacts('rate_1h > (14.4 * 0.001)');
    assert.equal(budget.kind === 'burn-rate' && budget.factor, 14.4);
    const mixed = burnRateFacts('a[1h] > 14.4 * (1 - 0.999) and b[6h] > 6 * (1 - 0.999)');
    assert.deepEqual(mixed.kind === 'burn-rate' && [mixed.factor, mixed.factors], [undefined, [14.4, 6]]);
  });

  it('parses Prometheus durations', () => {
    assert.equal(durationSeconds('1h30m'), 5400);
    assert.equal(durationSeconds('250ms'), 0.25);
    assert.equal(durationSeconds('3x'), undefined);
  });

  it('reads a Kubernetes PrometheusRule resource', async () => {
    const text = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: up == 0\n';
    const file = value(await loadPromRules(t.write('crd.yaml', text)));
    assert.deepEqual(file.rules.map((r) => [r.name, r.line]), [['A', 7]]);
  });

  it('reports malformed rules at their line', async () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n      - expr: up\n  - name: h\n';
    const ps = problems(await loadPromRules(t.write('bad.yaml', text)));
    assert.deepEqual(ps.map((p) => p.line), [4, 5, 6]);
    assert.equal(problems(await loadPromRules(t.write('none.yaml', 'foo: 1\n')))[0]?.code, 'shape');
  });
});
