// `rollout --check`: a template generated from the card agrees with it; a hand-written one that
// drifted (threshold, unit, missing metric, looser failure limit) is reported on its own lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTemplate } from '../../../server/src/rollout/check-template';
import { planRollout } from '../../../server/src/rollout/plan';
import { renderFiles } from '../../../server/src/rollout/render';
import { at } from '../card/helpers';
import { exampleCard } from './helpers';

const plan = planRollout(exampleCard('churn'), 'argo');
const generated = renderFiles(plan, 'argo', 'release-card.yaml').find((f) => f.file === 'analysis-template.yaml')?.text ?? '';

/** A hand-written template with the given metrics (name, failure condition, failure limit). */
function template(metrics: [string, string, number?][], kind = 'AnalysisTemplate'): string {
  return [`apiVersion: argoproj.io/v1alpha1`, `kind: ${kind}`, `metadata: { name: churn }`, `spec:`, `  metrics:`,
    ...metrics.flatMap(([name, cond, limit]) => [`    - name: ${name}`, `      interval: 5m`, ...(limit !== undefined ? [`      failureLimit: ${limit}`] : []), `      ${cond}`, `      provider: { prometheus: { address: "http://p:9090", query: "x" } }`]), ''].join('\n');
}

const ALL: [string, string, number?][] = [
  ['p99-latency-ms', 'failureCondition: result[0] > 800'], ['error-rate', 'failureCondition: result[0] > 0.008'],
  ['cost-per-useful-result', 'failureCondition: "result[0] > 0.42"'], ['churn-positive-rate', 'successCondition: result[0] <= 0.25'],
];

describe('rollout --check against the churn card', () => {
  it('finds nothing in the template generated from the card', () => {
    assert.deepEqual(checkTemplate(plan, generated, 'analysis-template.yaml'), []);
  });
  it('accepts hand-written names and a success condition that is the exact negation', () => {
    const text = template([['p99_latency', 'failureCondition: result[0] > 800'], ...ALL.slice(1)], 'ClusterAnalysisTemplate');
    assert.deepEqual(checkTemplate(plan, text, 't.yaml'), []);
  });
  it('reports a drifted threshold on its line, with the unit mix-up named', () => {
    const text = template([['p99-latency-ms', 'failureCondition: result[0] > 0.8'], ...ALL.slice(1)]);
    const [f, ...rest] = checkTemplate(plan, text, 't.yaml');
    assert.equal(rest.length, 0);
    assert.equal(f?.code, 'rollout-template-drift');
    assert.deepEqual(f?.range.start, at(text, 'result[0] > 0.8'));
    assert.match(f?.message ?? '', /fails at result\[0\] > 0\.8, but the card rolls back at "p99_latency_ms > 800" \(result\[0\] > 800, 800 ms\)\. The numbers differ by 1000/);
  });
  it('reports a changed operator, a looser failure limit, a missing and an extra metric', () => {
    const text = template([['p99-latency-ms', 'failureCondition: result[0] >= 800'], ['error-rate', 'failureCondition: result[0] > 0.008', 3], ['cost-per-useful-result', 'failureCondition: result[0] > 0.42'], ['cpu', 'failureCondition: result[0] > 0.9']]);
    const found = checkTemplate(plan, text, 't.yaml');
    assert.deepEqual(found.map((f) => [f.code, f.range.start.line + 1]), [
      ['rollout-template-drift', at(text, 'result[0] >= 800').line + 1],
      ['rollout-template-drift', at(text, 'failureLimit: 3').line + 1],
      ['rollout-template-drift', at(text, 'metrics:').line + 1],
      ['rollout-template-extra', at(text, '- name: cpu').line + 1],
    ]);
    assert.match(found[0]?.message ?? '', /fails at result\[0\] >= 800, but the card rolls back at "p99_latency_ms > 800"/);
    assert.match(found[1]?.message ?? '', /tolerates 3 failed measurements before aborting, the card 0/);
    assert.match(found[2]?.message ?? '', /rolls back on "churn_positive_rate > 0.25" but this template has no metric for churn_positive_rate/);
    assert.match(found[3]?.message ?? '', /"cpu" has no auto-rollback condition in the card/);
  });
  it('says when a metric has no comparison it can read, and when the file holds no template', () => {
    const text = template([['p99-latency-ms', 'failureCondition: result.p99 > 800 || result.err > 1'], ...ALL.slice(1)]);
    assert.match(checkTemplate(plan, text, 't.yaml')[0]?.message ?? '', /no failureCondition \(or successCondition\) of the form result\[0\] > 800/);
    for (const bad of ['', 'kind: Rollout\n', ': : :\n', '- a\n- b\n']) {
      const f = checkTemplate(plan, bad, 'x.yaml');
      assert.equal(f.length, 1, bad);
      assert.match(f[0]?.message ?? '', /holds no AnalysisTemplate/);
    }
  });
});
