/**
 * Every auto-rollback condition must be expressible as a query the rollout engine can run: a
 * condition on a metric with no series is a brake that is never wired to anything.
 */
import { conditions, family } from './conditions';
import { insertKeysFix } from './fixes';
import { BUILT_IN_METRICS, resolveMetric } from '../rollout/catalogue';
import { readSeries } from '../rollout/series';
import { defineRule } from './types';
import { list, obj } from './values';

/** Flags a condition whose metric has no series in the catalogue or in the card. */
export const rolloutConditionHasSeries = defineRule({
  meta: {
    id: 'rollout-condition-has-series',
    severity: 'error',
    summary: 'An auto-rollback condition names a metric with no series, so Argo Rollouts or Flagger cannot evaluate it.',
    fix: 'skeleton',
  },
  check(card, report) {
    const { series } = readSeries(card, 'argo');
    const planes = Object.values(obj(card.get(['gates', 'observability', 'planes'])) ?? {}).flatMap((p) => list(p));
    const known = new Set<unknown>([...BUILT_IN_METRICS, ...planes]);
    for (const c of conditions(card)) {
      if (c.metric === undefined || c.op === undefined || c.value === undefined) continue;
      // A metric valid-auto-rollback already calls unknown is reported once, there.
      if (!known.has(c.metric) && !series.gauges.has(c.metric) && family(c.metric) === 'other') continue;
      const r = resolveMetric(card, series, c.metric, c.op);
      if (r.ok) continue;
      report(card.node(c.path) ?? card.anchor(c.path), `"${c.raw}" cannot be carried into the rollout engine: ${r.reason} Until then the generated analysis has no metric for it and the canary is never stopped by it.`, {
        fixes: [insertKeysFix(card, ['rollout', 'series', 'gauges'], [`${c.metric}: <gauge metric name>`], `Declare the gauge that measures ${c.metric}`)],
      });
    }
  },
});
