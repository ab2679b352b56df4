/** Auto-rollback watches latency, errors and cost: a canary that ignores one of them has a blind spot. */
import type { Card } from '../card/model';
import { conditions, family, type Family } from './conditions';
import { appendItemsFix, insertKeysFix } from './fixes';
import { defineRule } from './types';
import { andList, deferrals, fmt, gatePresent, num, profile, str } from './values';

/** The families every canary must watch, with where a fix finds the threshold to use. */
const FAMILIES: readonly { family: Family; label: string; condition: (card: Card) => string | undefined }[] = [
  { family: 'latency', label: 'latency', condition: (c) => withValue('p99_latency_ms', num(c.get(['gates', 'performance', 'p99_latency_ms'])) ?? num(c.get(['slo', 'latency_p99_ms']))) },
  { family: 'errors', label: 'errors', condition: (c) => withValue('error_rate', num(c.get(['gates', 'performance', 'max_error_share']))) },
  { family: 'cost', label: 'cost per useful outcome', condition: (c) => withValue('cost_per_useful_result', num(c.get(['gates', 'cost', 'max_cost_per_useful_result']))) },
];

function withValue(metric: string, value: number | undefined): string | undefined {
  return value === undefined ? undefined : `${metric} > ${fmt(value)}`;
}

/** Flags a rollout whose auto-rollback conditions miss latency, errors or cost. */
export const requireRollbackCoverage = defineRule({
  meta: {
    id: 'require-rollback-coverage',
    severity: 'error',
    summary: 'Auto-rollback has no condition on latency, errors or cost per useful outcome.',
    fix: 'skeleton',
  },
  check(card, report) {
    const strategy = str(card.get(['rollout', 'strategy']));
    if (strategy === undefined || strategy === 'shadow') return;
    const seen = new Set(conditions(card).map((c) => (c.metric ? family(c.metric) : 'other')));
    const costExempt = profile(card) === 'small-internal-service' && !gatePresent(card, 'cost') && deferrals(card).some((d) => d.gate === 'cost');
    const missing = FAMILIES.filter((f) => !seen.has(f.family) && !(f.family === 'cost' && costExempt));
    if (missing.length === 0) return;
    const additions = missing.map((f) => f.condition(card)).filter((x): x is string => x !== undefined);
    const exists = card.get(['rollout', 'auto_rollback_on']) !== undefined;
    const fix = additions.length === 0 ? undefined
      : exists ? appendItemsFix(card, ['rollout', 'auto_rollback_on'], additions, 'Add conditions from the gate thresholds')
        : insertKeysFix(card, ['rollout'], [['auto_rollback_on:', ...additions.map((a) => `  - ${a}`)].join('\n')], 'Add auto_rollback_on from the gate thresholds')
          // A flow mapping (`rollout: { strategy: canary }`) takes the list on one line.
          ?? insertKeysFix(card, ['rollout'], [`auto_rollback_on: [${additions.join(', ')}]`], 'Add auto_rollback_on from the gate thresholds');
    const labels = andList(missing.map((f) => f.label));
    const lead = exists ? `No auto-rollback condition watches ${labels}.` : `The rollout has no auto-rollback conditions, so nothing watches ${labels}.`;
    report(card.anchor(['rollout', 'auto_rollback_on']), `${lead} A canary without a brake on each of them keeps a release that breaches that objective until a person notices. Add a condition per objective, with the gate's threshold.`, { fixes: [fix] });
  },
});
