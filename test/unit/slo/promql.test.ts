import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYamlDocument } from '../../../server/src/evidence';
import { parsePromRulesDocument } from '../../../server/src/evidence/prom-rules';
import { rulePairs } from '../../../server/src/gates/observability/burn-rate';
import { burnRateExpr, burnRateProfile, factorText, factorsMatch, objectiveFraction } from '../../../server/src/slo';

const series = (w: string): string => `job:slo_errors_per_request:ratio_rate${w}`;

describe('burn-rate PromQL', () => {
  it('writes objectives and factors without binary noise', () => {
    assert.equal(objectiveFraction(99.95), '0.9995');
    assert.equal(objectiveFraction(99.9), '0.999');
    assert.equal(factorText(0.9333333), '0.933');
    assert.equal(factorText(6), '6');
  });

  it('writes the Workbook expression for the two page pairs of 99.9 %', () => {
    const [fast, slow] = burnRateProfile({ objectivePercent: 99.9, periodDays: 30 });
    assert.equal(burnRateExpr([fast!, slow!], 99.9, series),
      '(job:slo_errors_per_request:ratio_rate1h > (14.4 * (1 - 0.999)) and job:slo_errors_per_request:ratio_rate5m > (14.4 * (1 - 0.999)))'
      + ' or (job:slo_errors_per_request:ratio_rate6h > (6 * (1 - 0.999)) and job:slo_errors_per_request:ratio_rate30m > (6 * (1 - 0.999)))');
  });

  for (const slo of [{ objectivePercent: 99.9, periodDays: 30 }, { objectivePercent: 99, periodDays: 28 }, { objectivePercent: 99.95, periodDays: 7 }]) {
    it(`round-trips through the gate's rule reader for ${slo.objectivePercent} % over ${slo.periodDays} d`, () => {
      const profile = burnRateProfile(slo);
      const rules = profile.map((w, i) => `      - alert: Burn${i}\n        expr: ${burnRateExpr([w], slo.objectivePercent, series)}\n        labels: { severity: ${w.severity} }`).join('\n');
      const doc = parseYamlDocument(`groups:\n  - name: slo\n    rules:\n${rules}\n`, 'r.yaml');
      assert.ok(doc.ok);
      const file = parsePromRulesDocument(doc.value);
      assert.ok(file.ok);
      const pairs = file.value.rules.flatMap(rulePairs);
      profile.forEach((w, i) => {
        const p = pairs[i];
        assert.equal(p?.longSeconds, w.longSeconds);
        assert.equal(p?.shortSeconds, w.shortSeconds);
        assert.ok(p?.factor !== undefined && factorsMatch(p.factor, w.factor), `${p?.factor} vs ${w.factor}`);
        assert.ok(Math.abs((p?.objective ?? NaN) - slo.objectivePercent / 100) < 1e-12);
      });
    });
  }

  it('adds the minimum-traffic guard over the long window, and the gate reads the guarded pair the same way', () => {
    const profile = burnRateProfile({ objectivePercent: 90, periodDays: 30 });
    const guard = { minRate: 0.000556, requestSeries: (w: string): string => `job:slo_requests:rate${w}` };
    const expr = burnRateExpr(profile, 90, series, guard);
    assert.ok(expr.startsWith('(job:slo_errors_per_request:ratio_rate1h > (5 * (1 - 0.9)) and job:slo_errors_per_request:ratio_rate5m > (5 * (1 - 0.9)) and job:slo_requests:rate1h >= 0.000556) or '), expr);
    const doc = parseYamlDocument(`groups:\n  - name: slo\n    rules:\n      - alert: Burn\n        expr: ${expr}\n`, 'r.yaml');
    assert.ok(doc.ok);
    const file = parsePromRulesDocument(doc.value);
    assert.ok(file.ok);
    const pairs = file.value.rules.flatMap(rulePairs);
    assert.deepEqual(pairs.map((p) => [p.factor, p.objective, p.longSeconds, p.shortSeconds]), [[5, 0.9, 3600, 300], [5, 0.9, 21600, 1800], [1, 0.9, 259200, 21600]]);
    assert.equal(burnRateExpr(profile, 90, series, { ...guard, minRate: 0 }), burnRateExpr(profile, 90, series), 'a zero guard writes no condition');
  });
});
