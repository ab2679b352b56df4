/**
 * The quality gate checks three layers, not an aggregate average: the primary metric, the critical
 * business slices, and calibration (classification) or error by target range (regression).
 */
import { defineRule } from './types';
import { andList, list, obj, str } from './values';

/** Flags a quality definition that checks only the aggregate metric. */
export const requireQualityLayers = defineRule({
  meta: {
    id: 'require-quality-layers',
    severity: 'warning',
    summary: 'The quality gate checks only the aggregate: no critical slices, or no calibration / error by target range.',
    fix: 'none',
  },
  check(card, report) {
    const quality = card.object(['gates', 'quality']);
    if (!quality) return;
    const missing: string[] = [];
    if (list(quality['slices']).length === 0) missing.push('critical slices (slices)');
    const task = str(quality['task']);
    if (task === 'classification' && !obj(quality['calibration'])) missing.push('calibration (calibration)');
    if (task === 'regression' && list(quality['target_ranges']).length === 0) missing.push('error by target range (target_ranges)');
    if (missing.length === 0) return;
    report(card.anchor(['gates', 'quality']), `The quality gate checks no ${andList(missing)}. A model can win on the aggregate while it fails a critical segment or drifts out of calibration, and the release would pass. Add the missing layer${missing.length > 1 ? 's' : ''}.`);
  },
});
