// Both targets from the bundled examples and the seed card: every object valid against the
// upstream CRD (closed: no field Kubernetes would silently drop), one analysis metric per
// condition with the exact comparison, steps and hold times from the card; and nothing generated
// when a brake cannot be expressed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { argoCondition, argoObjects, measurementCount } from '../../../server/src/rollout/argo';
import { flaggerObjects, nextDown, nextUp, thresholdRange } from '../../../server/src/rollout/flagger';
import { planRollout, type PlannedCondition } from '../../../server/src/rollout/plan';
import { renderArgoPatch, renderFiles } from '../../../server/src/rollout/render';
import { crdErrors, crdSkip } from './crd';
import { cardOf, exampleCard, rolloutCard, SEED } from './helpers';

const CARDS = { seed: () => cardOf(SEED), 'examples/seed': () => exampleCard('seed'), 'examples/churn': () => exampleCard('churn'), 'examples/churn-blocked': () => exampleCard('churn-blocked') };

describe('generated objects validate against the upstream CRDs', { skip: crdSkip }, () => {
  for (const [name, make] of Object.entries(CARDS)) {
    for (const target of ['argo', 'flagger'] as const) {
      it(`${name} → ${target}`, () => {
        const plan = planRollout(make(), target);
        assert.deepEqual(plan.problems, []);
        for (const prometheusUrl of [undefined, 'http://prometheus.monitoring:9090']) {
          const objects = target === 'argo' ? argoObjects(plan, prometheusUrl ? { prometheusUrl } : {}) : flaggerObjects(plan, prometheusUrl ? { prometheusUrl } : {});
          assert.equal(objects.length, target === 'argo' ? 2 : 1 + plan.conditions.length);
          for (const o of objects) assert.deepEqual(crdErrors(o.object), [], o.file);
        }
      });
    }
  }
  it('catches a field the CRD does not declare (the check is not vacuous)', () => {
    const [, template] = argoObjects(planRollout(cardOf(SEED), 'argo'));
    const metric = ((template?.object['spec'] as { metrics: Record<string, unknown>[] }).metrics)[0] as Record<string, unknown>;
    metric['failureLimt'] = 0;
    assert.match(crdErrors(template?.object as Record<string, unknown>).join('\n'), /failureLimt/);
  });
  it('accepts the Argo strategy patch as a Rollout spec', () => {
    const plan = planRollout(exampleCard('churn'), 'argo');
    const patch = renderArgoPatch(plan, 'release-card.yaml');
    const body = parse(patch) as { spec: Record<string, unknown> };
    assert.deepEqual(crdErrors({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'x' }, spec: body.spec }), []);
  });
});

describe('Argo Rollouts from the churn example', () => {
  const plan = planRollout(exampleCard('churn'), 'argo');
  const [rollout, template] = argoObjects(plan, { prometheusUrl: 'http://prom:9090' }).map((o) => o.object as Record<string, any>);
  it('sets the weights of the card with a pause of step_duration_minutes after each', () => {
    assert.deepEqual(rollout?.spec.strategy.canary.steps, [5, 25, 50, 100].flatMap((w) => [{ setWeight: w }, { pause: { duration: '60m' } }]));
    assert.deepEqual(rollout?.spec.strategy.canary.canaryMetadata, { labels: { role: 'canary' } });
    assert.deepEqual(rollout?.spec.strategy.canary.analysis, { templates: [{ templateName: 'churn-model-auto-rollback' }], startingStep: 1 });
    assert.deepEqual(rollout?.spec.workloadRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'churn-model', scaleDown: 'progressively' });
  });
  it('has one metric per condition, counted to cover every step', () => {
    const metrics = template?.spec.metrics as Record<string, any>[];
    assert.deepEqual(metrics.map((m) => m.name), ['p99-latency-ms', 'error-rate', 'cost-per-useful-result', 'churn-positive-rate']);
    assert.deepEqual(metrics.map((m) => [m.failureCondition, m.successCondition]), [
      ['result[0] > 800', 'result[0] <= 800'], ['result[0] > 0.008', 'result[0] <= 0.008'], ['result[0] > 0.42', 'result[0] <= 0.42'], ['result[0] > 0.25', 'result[0] <= 0.25'],
    ]);
    for (const m of metrics) {
      assert.equal(m.interval, '5m');
      assert.equal(m.count, 48);
      assert.equal(m.failureLimit, 0);
      assert.equal(m.provider.prometheus.address, 'http://prom:9090');
    }
    assert.equal(template?.spec.args, undefined);
  });
  it('asks for the address as an argument when none was configured', () => {
    const [, t] = argoObjects(plan).map((o) => o.object as Record<string, any>);
    assert.deepEqual(t?.spec.args, [{ name: 'prometheus-address' }]);
    assert.equal(t?.spec.metrics[0].provider.prometheus.address, '{{args.prometheus-address}}');
  });
});

describe('rollout settings from the card', () => {
  it('pauses for a person when the card has no hold time, and then runs analysis until the end', () => {
    const plan = planRollout(cardOf(SEED), 'argo');
    const [rollout, template] = argoObjects(plan).map((o) => o.object as Record<string, any>);
    assert.deepEqual(rollout?.spec.strategy.canary.steps[1], { pause: {} });
    assert.equal(template?.spec.metrics[0].count, undefined);
    assert.equal(measurementCount(plan), undefined);
  });
  it('reads analysis_interval and failure_limit, and shortens the interval to a short step', () => {
    const plan = planRollout(rolloutCard(['strategy: canary', 'steps: [10, 100]', 'step_duration_minutes: 3', 'failure_limit: 2', 'auto_rollback_on: [p99_latency_ms > 800]']), 'flagger');
    assert.equal(plan.interval, '3m');
    const canary = flaggerObjects(plan)[0]?.object as Record<string, any>;
    assert.equal(canary.spec.analysis.threshold, 3);
    assert.equal(canary.spec.analysis.interval, '3m');
    assert.deepEqual(canary.spec.analysis.stepWeights, [10, 100]);
    const explicit = planRollout(rolloutCard(['strategy: canary', 'steps: [10, 100]', 'step_duration_minutes: 30', 'analysis_interval: 90s', 'auto_rollback_on: [p99_latency_ms > 800]']), 'argo');
    assert.equal(explicit.interval, '90s');
    assert.equal(measurementCount(explicit), 40);
  });
  it('locates every problem and generates nothing with a brake missing', () => {
    const plan = planRollout(rolloutCard(['strategy: blue_green', 'steps: [50, 25]', 'analysis_interval: 10', 'failure_limit: -1', 'auto_rollback_on:', '  - cost_per_request > 0.002', '  - p99_latency_ms > 0.8s', '  - latency is too high']), 'argo');
    assert.deepEqual(plan.problems.map((p) => p.at.join('.')), ['rollout.strategy', 'rollout.steps', 'rollout.analysis_interval', 'rollout.failure_limit', 'rollout.auto_rollback_on.0', 'rollout.auto_rollback_on.1', 'rollout.auto_rollback_on.2']);
    assert.equal(plan.conditions.length, 0);
    assert.match(planRollout(cardOf('release_id: r\n'), 'argo').problems[0]?.message ?? '', /no rollout section/);
    assert.match(planRollout(rolloutCard(['strategy: canary', 'steps: [5, 100]']), 'argo').problems[0]?.message ?? '', /no brake/);
  });
  it('keeps a release_id with line breaks inside the header comment (no injected YAML)', () => {
    const card = cardOf(SEED.replace('release_id: ml-2025-12-26.3', 'release_id: "x\\nkind: Secret\\ndata: {}"'));
    for (const f of renderFiles(planRollout(card, 'argo'), 'argo', 'card.yaml')) {
      assert.equal(f.text.split('\n').filter((l) => /^kind: /.test(l)).length, 1, f.text);
      assert.doesNotMatch(f.text, /^data:/m);
    }
  });
  it('writes each file with a header naming the card and the release', () => {
    const files = renderFiles(planRollout(cardOf(SEED), 'flagger'), 'flagger', 'examples/seed/release-card.yaml');
    assert.deepEqual(files.map((f) => f.file), ['canary.yaml', 'metric-template-p99-latency-ms.yaml', 'metric-template-error-rate.yaml', 'metric-template-cost-per-useful-result.yaml']);
    for (const f of files) assert.match(f.text, /^# Generated by release-gates rollout from examples\/seed\/release-card\.yaml \(release ml-2025-12-26\.3\)\./);
  });
});

describe('each comparison fails exactly where the condition holds', () => {
  const cond = (op: PlannedCondition['op'], threshold: number): PlannedCondition => ({ op, threshold } as PlannedCondition);
  it('writes Argo conditions for every operator, refusing NaN on !=', () => {
    assert.equal(argoCondition('>=', 0.008), 'result[0] >= 0.008');
    assert.equal(argoCondition('!=', 1), '!isNaN(result[0]) && result[0] != 1');
  });
  it('maps operators onto Flagger ranges without moving the boundary', () => {
    assert.deepEqual(thresholdRange(cond('>', 800)), { max: 800 });
    assert.deepEqual(thresholdRange(cond('<', 0.9)), { min: 0.9 });
    const ge = thresholdRange(cond('>=', 800)).max as number;
    assert.ok(800 > ge && !(799.9999999999999 < ge), `${ge}`);
    assert.equal(String(ge), '799.9999999999999');
    assert.ok(nextUp(0.008) > 0.008 && nextDown(nextUp(0.008)) === 0.008);
    assert.deepEqual(thresholdRange(cond('<=', 0)), { min: Number.MIN_VALUE });
    assert.deepEqual(thresholdRange(cond('!=', 3)), { min: 3, max: 3 });
  });
});
