/**
 * The generated rollout against a real Prometheus: promtool parses every generated query, and on
 * backfilled stable and canary series where the canary breaches one condition per scenario, each
 * generated Argo and Flagger metric is evaluated as its engine would, and exactly the breached
 * condition fails. `release-gates canary` then judges the same series: continue, hold, rollback.
 * Skipped (with the reason) when promtool or prometheus is not installed, unless
 * RELEASE_GATES_REQUIRE_PROMETHEUS=1 (npm run test:integration).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { Card } from '../../server/src/card/model';
import { parseCard } from '../../server/src/card/parse';
import { canaryCommand } from '../../server/src/cli/canary';
import { queryScalar } from '../../server/src/prometheus/client';
import { argoObjects, flaggerObjects, planRollout, type RolloutPlan } from '../../server/src/rollout';
import { canaryOpenMetrics, scenarioCard, SCENARIOS, TARGET } from './canary-data';
import { backfill, type RunningProm, startPrometheus, which } from './prometheus-server';

const missing = ['promtool', 'prometheus'].filter((b) => which(b) === undefined);
if (missing.length > 0 && process.env.RELEASE_GATES_REQUIRE_PROMETHEUS === '1') {
  throw new Error(`${missing.join(' and ')} not found on PATH; npm run test:integration installs the Debian package prometheus`);
}
const skip = missing.length > 0 ? `${missing.join(' and ')} not installed: run npm run test:integration (installs Debian's prometheus package)` : false;

/** The plan of a scenario's card for a target. */
function plan(service: string, target: 'argo' | 'flagger' | 'judge'): RolloutPlan {
  const p = planRollout(new Card(`${service}.yaml`, parseCard(scenarioCard(service))), target);
  assert.deepEqual(p.problems, []);
  return p;
}

/** One generated metric: its name, its query as the engine sends it, and whether a value fails it. */
interface EngineMetric {
  name: string;
  query: string;
  fails(value: number): boolean;
}

/** Argo's failureCondition and successCondition (`result[0] OP N`), evaluated as Argo would. */
function argoMetrics(p: RolloutPlan): EngineMetric[] {
  const template = argoObjects(p, { prometheusUrl: 'http://unused' })[1]?.object as { spec: { metrics: { name: string; failureCondition: string; successCondition: string; provider: { prometheus: { query: string } } }[] } };
  return template.spec.metrics.map((m) => ({
    name: m.name,
    query: m.provider.prometheus.query,
    fails: (v) => {
      const failed = evalCondition(m.failureCondition, v);
      assert.equal(evalCondition(m.successCondition, v), !failed, `${m.name}: success and failure must split every number`);
      return failed;
    },
  }));
}

/** `result[0] > 800` or `!isNaN(result[0]) && result[0] != 800` for one value. */
function evalCondition(text: string, v: number): boolean {
  const m = /^(!isNaN\(result\[0\]\) && )?result\[0\] (>=|<=|==|!=|>|<) (\S+)$/.exec(text);
  assert.ok(m, `unexpected condition ${text}`);
  const t = Number(m[3]);
  const cmp = { '>': v > t, '>=': v >= t, '<': v < t, '<=': v <= t, '==': v === t, '!=': v !== t }[m[2] as string] as boolean;
  return m[1] ? !Number.isNaN(v) && cmp : cmp;
}

/** Flagger's MetricTemplates with `{{ target }}` rendered, failing outside the Canary's thresholdRange. */
function flaggerMetrics(p: RolloutPlan): EngineMetric[] {
  const objects = flaggerObjects(p).map((o) => o.object as { kind: string; metadata: { name: string }; spec: Record<string, unknown> });
  const canary = objects.find((o) => o.kind === 'Canary') as unknown as { spec: { analysis: { metrics: { name: string; templateRef: { name: string }; thresholdRange: { min?: number; max?: number } }[] } } };
  return canary.spec.analysis.metrics.map((m) => {
    const template = objects.find((o) => o.metadata.name === m.templateRef.name);
    const query = String(template?.spec['query']).replaceAll('{{ target }}', TARGET);
    const { min, max } = m.thresholdRange;
    return { name: m.name, query, fails: (v) => (min !== undefined && v < min) || (max !== undefined && v > max) };
  });
}

describe('generated rollout queries against a real Prometheus', { skip }, () => {
  let dir = '';
  let prom: RunningProm | undefined;
  // Two hours of data ending at a whole minute over an hour ago; every window is inside it.
  const time = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rg-rollout-it-'));
    const end = time.getTime() / 1000;
    prom = await startPrometheus(dir, backfill(dir, canaryOpenMetrics(end - 7200, end)));
  });
  after(async () => {
    await prom?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes PromQL that promtool parses, for both engines and the judge', () => {
    const p = plan('healthy', 'argo');
    const exprs = [...argoMetrics(p), ...flaggerMetrics(plan('healthy', 'flagger'))].map((m) => m.query);
    exprs.push(...p.conditions.map((c) => c.query.build(p.series.stable, '1h')));
    const rules = { groups: [{ name: 'generated', rules: exprs.map((expr, i) => ({ record: `rg:generated:${i}`, expr })) }] };
    writeFileSync(join(dir, 'generated.rules.yaml'), stringify(rules, { lineWidth: 0 }));
    const r = spawnSync('promtool', ['check', 'rules', 'generated.rules.yaml'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, new RegExp(`SUCCESS: ${exprs.length} rules found`));
  });

  for (const engine of ['argo', 'flagger'] as const) {
    for (const [service, s] of Object.entries(SCENARIOS)) {
      it(`${engine}: ${s.breaches ? `only ${s.breaches} fails` : 'nothing fails'} when the canary is ${service}`, async () => {
        const metrics = engine === 'argo' ? argoMetrics(plan(service, 'argo')) : flaggerMetrics(plan(service, 'flagger'));
        assert.equal(metrics.length, 5);
        const failing: string[] = [];
        for (const m of metrics) {
          const r = await queryScalar({ url: prom?.url as string }, m.query, time);
          assert.ok(r.ok, `${m.name}: ${r.ok ? '' : r.message}\n${m.query}`);
          if (m.fails(r.value)) failing.push(m.name);
        }
        assert.deepEqual(failing, s.breaches ? [s.breaches] : []);
      });
    }
  }

  it('measures what the data was built with (p99 650 and 1000 ms, 1.5 % errors, 0.5 % timeouts)', async () => {
    const value = async (service: string, name: string): Promise<number> => {
      const m = argoMetrics(plan(service, 'argo')).find((x) => x.name === name);
      const r = await queryScalar({ url: prom?.url as string }, m?.query ?? '', time);
      assert.ok(r.ok);
      return r.value;
    };
    assert.ok(Math.abs((await value('healthy', 'p99-latency-ms')) - 650) < 1e-6);
    assert.ok(Math.abs((await value('latency', 'p99-latency-ms')) - 1000) < 1e-6);
    assert.ok(Math.abs((await value('errors', 'error-rate')) - 0.015) < 1e-12);
    assert.ok(Math.abs((await value('timeouts', 'timeout-share')) - 0.005) < 1e-12);
    assert.ok(Math.abs((await value('acceptance', 'offer-acceptance-rate')) - 0.05) < 1e-12);
  });

  /** Runs `release-gates canary` on a scenario's card; returns exit code and output. */
  async function judge(service: string, extra: string[] = []): Promise<{ code: number; out: string; err: string }> {
    const file = join(dir, `${service}.card.yaml`);
    writeFileSync(file, scenarioCard(service));
    let out = '';
    let err = '';
    const code = await canaryCommand.run([file, '--prometheus-url', prom?.url as string, '--time', time.toISOString(), '--step', '2', ...extra], { cwd: dir, out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false, env: {} });
    return { code, out, err };
  }

  it('canary: continue (exit 0) on a healthy canary, with the comparison printed', async () => {
    const r = await judge('healthy');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /canary of churn-model at step 2 \(25 % of traffic\), window 1h ending .*, interval 5m/);
    assert.match(r.out, /traffic: 120,000 canary requests in 1h \(minimum 1,000\)/);
    assert.match(r.out, /p99_latency_ms > 800: canary 650 ms over 1h, 650 ms over the last 5m; vs stable: median 650 ms vs 650 ms, not significantly higher \(Mann-Whitney U = 72, p = 1\.0, asymptotic; 12 canary and 12 stable intervals of 5m\)/);
    assert.match(r.out, /verdict: continue\n$/);
  });

  for (const [service, s] of Object.entries(SCENARIOS)) {
    if (!s.breaches) continue;
    it(`canary: rollback (exit 1) when the canary is ${service}`, async () => {
      const r = await judge(service, ['--format', 'json']);
      assert.equal(r.code, 1, r.out + r.err);
      const j = JSON.parse(r.out) as { verdict: string; conditions: { metric: string; verdict: string }[] };
      assert.equal(j.verdict, 'rollback');
      assert.deepEqual(j.conditions.filter((c) => c.verdict === 'rollback').map((c) => c.metric.replace(/_/g, '-')), [s.breaches]);
    });
  }

  it('canary: hold (exit 3) while the canary has served too few requests for the step', async () => {
    const r = await judge('quiet');
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(r.out, /verdict: hold\n {2}- the canary served 240 requests in 1h, fewer than the 1,000 this step needs/);
    const lower = await judge('quiet', ['--min-requests', '200']);
    assert.equal(lower.code, 0, lower.out);
  });

  it('canary: hold (exit 3) when the canary is significantly slower than stable though under the threshold', async () => {
    const r = await judge('degraded', ['--format', 'json']);
    assert.equal(r.code, 3, r.out + r.err);
    const j = JSON.parse(r.out) as { reasons: string[]; conditions: { metric: string; verdict: string; comparison: { worse?: boolean; canary?: number[]; p_value?: number } }[] };
    const p99 = j.conditions.find((c) => c.metric === 'p99_latency_ms');
    assert.equal(p99?.verdict, 'hold');
    assert.equal(p99?.comparison.worse, true);
    assert.equal(p99?.comparison.canary?.length, 12);
    assert.ok((p99?.comparison.p_value ?? 1) < 0.01);
    assert.match(j.reasons[0] ?? '', /p99_latency_ms is significantly worse on the canary than on stable \(median 725 ms vs 650 ms/);
    const off = await judge('degraded', ['--no-compare']);
    assert.equal(off.code, 0, off.out);
  });

  it('canary: hold when the series are not there, rollback findings on the card line in CI formats', async () => {
    const none = await judge('healthy', ['--canary-selector', 'role="nobody"']);
    assert.equal(none.code, 3, none.out);
    assert.match(none.out, /could not be measured on the canary: the query returned no series/);
    const gh = await judge('errors', ['--format', 'github']);
    assert.equal(gh.code, 1);
    assert.match(gh.out, /^::error file=.*errors\.card\.yaml,line=17,.*error_rate > 0\.8%25 holds on the canary: 1\.5 %25 over 1h\.$/m);
  });
});
