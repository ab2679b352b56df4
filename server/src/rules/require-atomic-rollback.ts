/**
 * Rollback restores the whole bundle in one operation: model, preprocessing, thresholds, runtime
 * parameters (and the feature pipeline when the bundle pins one). A partial rollback leaves a mix.
 */
import type { Card } from '../card/model';
import { appendItemsFix, insertKeysFix } from './fixes';
import { defineRule } from './types';
import { andList, filled, list } from './values';

/** Parts every rollback restores. */
const CORE_SCOPE = ['model', 'preprocessing', 'thresholds', 'runtime_parameters'] as const;

/** Flags a rollback gate whose scope is missing or leaves a part of the bundle out. */
export const requireAtomicRollback = defineRule({
  meta: {
    id: 'require-atomic-rollback',
    severity: 'error',
    summary: 'The rollback does not restore the whole bundle (model, preprocessing, thresholds, runtime parameters, feature pipeline).',
    fix: 'skeleton',
  },
  check(card, report) {
    const rollback = card.object(['gates', 'rollback']);
    if (!rollback) return;
    const needed = requiredScope(card);
    if (rollback['scope'] === undefined) {
      report(card.anchor(['gates', 'rollback']), `The rollback gate does not say what its operation restores (scope). A rollback that restores the model but not preprocessing or thresholds leaves a combination that was never tested. Declare scope: [${needed.join(', ')}].`, {
        fixes: [insertKeysFix(card, ['gates', 'rollback'], [`scope: [${needed.join(', ')}]`], 'Add the full scope')],
      });
      return;
    }
    const scope = list(rollback['scope']);
    const missing = needed.filter((p) => !scope.includes(p));
    if (missing.length === 0) return;
    report(card.node(['gates', 'rollback', 'scope']) ?? card.anchor(['gates', 'rollback', 'scope']), `The rollback leaves out ${andList(missing)}. After it, production runs the old model with the new ${missing.join(' and ')}: a state nobody tested, which may be worse than either release. Restore the whole bundle in one operation.`, {
      fixes: [appendItemsFix(card, ['gates', 'rollback', 'scope'], missing, `Add ${missing.join(', ')} to the scope`)],
    });
  },
});

/** The core parts, plus the feature pipeline when the bundle pins one. */
function requiredScope(card: Card): string[] {
  const out: string[] = [...CORE_SCOPE];
  if (filled(card.get(['artifacts', 'feature_pipeline']))) out.push('feature_pipeline');
  return out;
}
