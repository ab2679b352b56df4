/**
 * Auto-rollback thresholds and gate thresholds state the same objective twice; when they differ the
 * release is judged by two standards and one of them is wrong.
 */
import { conditions, matchingThreshold, normalizedValue, renderInUnitOf, rewriteCondition, valueInUnitOf } from './conditions';
import { defineRule } from './types';
import { fmt } from './values';

/** Flags a condition whose threshold differs from the gate (or SLO) threshold on the same metric. */
export const autoRollbackMatchesGates = defineRule({
  meta: {
    id: 'auto-rollback-matches-gates',
    severity: 'error',
    summary: 'An auto-rollback threshold contradicts the gate or SLO threshold for the same metric.',
    fix: 'replace',
  },
  check(card, report) {
    for (const c of conditions(card)) {
      if (c.metric === undefined || (c.op !== '>' && c.op !== '>=')) continue;
      const value = normalizedValue(c);
      if (value === undefined) continue;
      const other = matchingThreshold(card, c.metric);
      if (!other || Math.abs(other.value - value) <= 1e-9 * Math.max(1, Math.abs(other.value))) continue;
      const where = other.path.join('.');
      const why = value > other.value
        ? `The canary keeps traffic on a release between ${fmt(other.value)} and ${fmt(value)}, which the gate would block.`
        : `The gate passes a release between ${fmt(value)} and ${fmt(other.value)} that the canary then rolls back, so the release is judged by two standards.`;
      const rendered = renderInUnitOf(c, other.value);
      const inUnit = other.written !== other.value ? ` (${fmt(other.value)} in the condition's unit)` : '';
      report(card.node(c.path) ?? card.anchor(c.path), `"${c.raw}" rolls back at ${fmt(value)} but ${where} is ${fmt(other.written)}${inUnit}. ${why} Use one threshold in both places.`, {
        fixes: [rewriteCondition(card, c, { value: valueInUnitOf(c, other.value) }, `Use ${where}: ${rendered}`, true)],
      });
    }
  },
});
