/**
 * The canary judgement for people (text), for scripts (json) and as findings on the card's
 * conditions for CI formats: a breached condition is a `canary-rollback` error on its line, an
 * undecided one a `canary-hold` warning; `continue` has no findings.
 */
import type { Finding } from '../card/findings';
import type { Card } from '../card/model';
import { ROLLOUT_CODES, valueText, type ConditionJudgement, type Judgement, type Measured, type RolloutPlan } from '../rollout';

const MARK = { continue: '✓', hold: '‖', rollback: '✗' } as const;

/** A measurement for people. */
function measured(m: Measured, c: ConditionJudgement): string {
  return m.ok ? valueText(m.value, c.condition.query.unit) : 'no value';
}

/** The comparison with stable in one phrase, with its interval and sample count. */
function comparisonText(c: ConditionJudgement, interval: string): string {
  const k = c.comparison;
  if (k.kind === 'skipped') return `not compared with stable (${k.reason})`;
  if (k.kind === 'undecided') return `vs stable: undecided (${k.reason})`;
  const dir = k.direction === 'greater' ? 'higher' : 'lower';
  return `vs stable: median ${valueText(k.canaryMedian, c.condition.query.unit)} vs ${valueText(k.stableMedian, c.condition.query.unit)}, ${k.worse ? `significantly ${dir}` : `not significantly ${dir}`} (Mann-Whitney U = ${k.test.statistic}, p = ${k.test.pValue.toPrecision(2)}, ${k.test.method}; ${k.canary.length} canary and ${k.stable.length} stable intervals of ${interval})`;
}

/** The text report. */
export function canaryText(j: Judgement, plan: RolloutPlan, display: string): string {
  const at = j.step !== undefined ? ` at step ${j.step}${j.weight !== undefined ? ` (${j.weight} % of traffic)` : ''}` : '';
  const lines = [`${display}: canary of ${plan.service}${at}, window ${j.window} ending ${j.time}, interval ${j.interval}`];
  lines.push(j.requests.ok
    ? `  traffic: ${Math.round(j.requests.value).toLocaleString('en-US')} canary requests in ${j.window} (minimum ${j.minRequests.toLocaleString('en-US')})`
    : `  traffic: unknown (${j.requests.message})`);
  for (const c of j.conditions) {
    lines.push(`  ${MARK[c.verdict]} ${c.condition.condition.raw}: canary ${measured(c.window, c)} over ${j.window}, ${measured(c.latest, c)} over the last ${j.interval}; ${comparisonText(c, j.interval)}`);
  }
  lines.push(`verdict: ${j.verdict}`);
  for (const r of j.reasons) lines.push(`  - ${r}`);
  return `${lines.join('\n')}\n`;
}

/** The JSON report: full precision, every measurement and test. */
export function canaryJson(j: Judgement, plan: RolloutPlan, display: string): Record<string, unknown> {
  return {
    card: display, release_id: plan.releaseId ?? null, service: plan.service, verdict: j.verdict, reasons: j.reasons, time: j.time,
    step: j.step ?? null, weight: j.weight ?? null, window: j.window, interval: j.interval,
    requests: j.requests.ok ? j.requests.value : null, min_requests: j.minRequests,
    conditions: j.conditions.map((c) => ({
      condition: c.condition.condition.raw, metric: c.condition.condition.metric, op: c.condition.op, threshold: c.condition.threshold, unit: c.condition.query.unit,
      query: c.condition.query.build(plan.series.canary, j.window), verdict: c.verdict, reason: c.reason,
      window_value: c.window.ok ? c.window.value : null, latest_value: c.latest.ok ? c.latest.value : null,
      comparison: c.comparison.kind === 'compared'
        ? { test: 'mann-whitney-u', alternative: c.comparison.direction, statistic: c.comparison.test.statistic, p_value: c.comparison.test.pValue, method: c.comparison.test.method, alpha: c.comparison.alpha, worse: c.comparison.worse, canary: c.comparison.canary, stable: c.comparison.stable }
        : { skipped: c.comparison.reason },
    })),
  };
}

/** Findings on the card's condition lines, for SARIF, JUnit and GitHub annotations. */
export function canaryFindings(j: Judgement, card: Card): Finding[] {
  const out: Finding[] = [];
  for (const c of j.conditions) {
    if (c.verdict === 'continue') continue;
    const code = c.verdict === 'rollback' ? 'canary-rollback' : 'canary-hold';
    out.push({ code, severity: ROLLOUT_CODES[code].severity, message: `${c.reason}.`, range: card.range(card.node(c.condition.condition.path) ?? card.anchor(c.condition.condition.path)) });
  }
  if (j.verdict === 'hold' && !out.some((f) => f.code === 'canary-hold')) {
    out.push({ code: 'canary-hold', severity: ROLLOUT_CODES['canary-hold'].severity, message: `${j.reasons[0] ?? 'the canary cannot be cleared yet'}.`, range: card.range(card.anchor(['rollout', 'steps'])) });
  }
  return out;
}
