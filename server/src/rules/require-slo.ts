/** The SLO is fixed before the release: thresholds chosen after a failed run are not an objective. */
import { appendSectionFix } from './fixes';
import { defineRule } from './types';

/** Flags a card that defines performance or observability gates without an SLO. */
export const requireSlo = defineRule({
  meta: {
    id: 'require-slo',
    severity: 'warning',
    summary: 'Performance or observability gates are defined but the card fixes no SLO.',
    fix: 'skeleton',
  },
  check(card, report) {
    if (card.get(['slo']) !== undefined) return;
    const gate = card.object(['gates', 'performance']) ? 'performance' : card.object(['gates', 'observability']) ? 'observability' : undefined;
    if (!gate) return;
    report(card.anchor(['gates', gate]), `The ${gate} gate is defined but the card fixes no SLO. Burn-rate alerts derive from it, and thresholds without a prior objective tend to be adjusted after a failed run. Add slo with objective_percent (and latency_p99_ms).`, {
      fixes: [appendSectionFix(card, 'slo:\n  objective_percent: <percent>\n  period_days: 30', 'Add an slo section')],
    });
  },
});
