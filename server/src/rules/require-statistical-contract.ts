/**
 * The quality gate decides with a statistical contract: a minimum sample size and a confidence
 * interval against a non-inferiority margin. A point estimate lets noise pass the gate.
 */
import { replaceFix } from './fixes';
import { defineRule } from './types';
import { filled, str } from './values';

/** Flags a quality definition without min_samples or decided by a point estimate. */
export const requireStatisticalContract = defineRule({
  meta: {
    id: 'require-statistical-contract',
    severity: 'error',
    summary: 'The quality gate has no minimum sample size or decides by a point estimate.',
    fix: 'replace',
  },
  check(card, report) {
    const quality = card.object(['gates', 'quality']);
    if (!quality) return;
    const decisionNode = card.node(['gates', 'quality', 'decision']);
    if (str(quality['decision']) === 'point_estimate' && decisionNode) {
      report(decisionNode, 'The quality gate decides by a point estimate: a random fluctuation that makes the candidate look equal or better passes. Decide by the interval: pass iff lower_95(metric_new − metric_base) > −non_inferiority_delta.', {
        fixes: [replaceFix(card, decisionNode, 'confidence_interval', 'Decide by the confidence interval', true)],
      });
    }
    if (!filled(quality['min_samples'])) {
      report(card.anchor(['gates', 'quality']), 'The quality gate has no minimum sample size (min_samples). On a few hundred rows the interval is so wide that the gate passes or fails by chance. Set the smallest number of labelled rows the comparison needs.');
    }
  },
});
