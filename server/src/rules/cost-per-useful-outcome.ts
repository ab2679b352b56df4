/**
 * Cost is measured per useful outcome, on both horizons, under a hard cap and a guardrail against
 * production. Request price alone hides the economics a release can break.
 */
import type { Card } from '../card/model';
import { conditions } from './conditions';
import { insertKeysFix, replaceFix } from './fixes';
import type { Report } from './types';
import { defineRule } from './types';
import { filled, list, num, str } from './values';

/** The horizons the decision needs: 7 days for operations, 30 days for finance. */
const HORIZONS = [7, 30];

/** Flags per-request cost, a missing horizon, a missing cap or guardrail, and a guardrail without a baseline. */
export const costPerUsefulOutcome = defineRule({
  meta: {
    id: 'cost-per-useful-outcome',
    severity: 'error',
    summary: 'Cost is per request, misses the 7- or 30-day horizon, or has no hard cap or baseline guardrail.',
    fix: 'replace',
  },
  check(card, report) {
    checkRollbackMetric(card, report);
    const cost = card.object(['gates', 'cost']);
    if (!cost) return;
    const unitNode = card.node(['gates', 'cost', 'unit']);
    if (str(cost['unit']) === 'per_request' && unitNode) {
      report(unitNode, 'Cost is measured per request. A release that answers more requests per useful outcome (retries, empty results) looks cheaper per request while each outcome costs more. Measure per useful outcome.', {
        fixes: [replaceFix(card, unitNode, 'per_useful_outcome', 'Measure per useful outcome', true)],
      });
    }
    checkHorizons(card, report);
    checkLimits(card, cost, report);
  },
});

function checkHorizons(card: Card, report: Report): void {
  const node = card.node(['gates', 'cost', 'horizons_days']);
  const horizons = list(card.get(['gates', 'cost', 'horizons_days'])).map(num);
  if (!node || horizons.length === 0) return;
  const missing = HORIZONS.filter((h) => !horizons.includes(h));
  if (missing.length === 0) return;
  const merged = [...new Set([...horizons.filter((h): h is number => h !== undefined), ...HORIZONS])].sort((a, b) => a - b);
  report(node, `The cost gate lacks the ${missing.join(' and ')}-day horizon. Seven days shows operational drift, thirty days is the financial decision; a release must pass both. Add ${missing.join(' and ')}.`, {
    fixes: [replaceFix(card, node, `[${merged.join(', ')}]`, `Use horizons [${merged.join(', ')}]`, true)],
  });
}

function checkLimits(card: Card, cost: Record<string, unknown>, report: Report): void {
  const anchor = card.anchor(['gates', 'cost']);
  if (!filled(cost['max_cost_per_useful_result'])) {
    report(anchor, 'The cost gate has no hard cap (max_cost_per_useful_result). Without it a release whose economics are not viable passes as long as quality improves. Set the largest cost per useful outcome the business accepts.');
  }
  if (!filled(cost['max_increase_vs_baseline_percent'])) {
    report(anchor, 'The cost gate has no guardrail against production (max_increase_vs_baseline_percent). Under a generous cap, cost can still creep up release after release. Set the largest increase over the baseline you accept.', {
      fixes: [insertKeysFix(card, ['gates', 'cost'], ['max_increase_vs_baseline_percent: 5'], 'Add a 5 % guardrail (adjust it)')],
    });
  } else if (num(card.get(['baseline', 'cost_per_useful_result'])) === undefined) {
    report(card.node(['gates', 'cost', 'max_increase_vs_baseline_percent']) ?? anchor, 'The guardrail compares with baseline.cost_per_useful_result, which the card does not give, so the gate cannot decide and will error. Add the production cost per useful outcome under baseline.');
  }
}

/** A rollback condition on request price is the same anti-pattern in the rollout. */
function checkRollbackMetric(card: Card, report: Report): void {
  for (const c of conditions(card)) {
    if (!c.metric || !/^cost_per_request/i.test(c.metric)) continue;
    report(card.node(c.path) ?? card.anchor(c.path), `"${c.raw}" rolls back on request price. A release can lower request price while each useful outcome costs more; watch cost_per_useful_result instead.`);
  }
}
