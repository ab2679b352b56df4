/** Each canary step holds long enough to observe: without a hold time the steps pass in seconds. */
import { insertKeysFix } from './fixes';
import { defineRule } from './types';
import { list, str } from './values';

/** A hold time a fix proposes: an hour sees a traffic cycle's worth of errors at low steps. */
const DEFAULT_MINUTES = 60;

/** Flags a canary with several steps but no `step_duration_minutes`. */
export const requireCanaryStepDuration = defineRule({
  meta: {
    id: 'require-canary-step-duration',
    severity: 'warning',
    summary: 'A canary has steps but no hold time per step (step_duration_minutes).',
    fix: 'skeleton',
  },
  check(card, report) {
    if (str(card.get(['rollout', 'strategy'])) !== 'canary') return;
    const steps = list(card.get(['rollout', 'steps']));
    const stepsNode = card.node(['rollout', 'steps']);
    if (steps.length < 2 || !stepsNode || card.get(['rollout', 'step_duration_minutes']) !== undefined) return;
    report(card.anchor(['rollout', 'steps']), `The canary has ${steps.length} steps but no step_duration_minutes. Without a hold time the controller may advance as soon as a step is live, before the auto-rollback conditions have seen enough traffic to fire: a canary in name only. Set how long each step holds.`, {
      fixes: [insertKeysFix(card, ['rollout'], [`step_duration_minutes: ${DEFAULT_MINUTES}`], `Hold each step ${DEFAULT_MINUTES} minutes (adjust it)`)],
    });
  },
});
