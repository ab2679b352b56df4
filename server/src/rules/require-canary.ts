/** Offline evaluation is not enough: the release takes traffic in canary steps it can roll back from. */
import type { Fix } from '../card/findings';
import type { Card } from '../card/model';
import { insertKeysFix, replaceFix } from './fixes';
import { defineRule } from './types';
import { list, num, str } from './values';

/** The step plan a fix proposes: the common 5 → 25 → 50 → 100 canary. */
const DEFAULT_STEPS = '[5, 25, 50, 100]';

/** Flags rollouts that are not canaries, canaries without steps, and a first step of 100 %. */
export const requireCanary = defineRule({
  meta: {
    id: 'require-canary',
    severity: 'error',
    summary: 'The rollout skips the canary: strategy is not canary, there are no steps, or the first step is 100 %.',
    fix: 'replace',
  },
  check(card, report) {
    const strategy = str(card.get(['rollout', 'strategy']));
    const strategyNode = card.node(['rollout', 'strategy']);
    if (strategy === undefined || !strategyNode) return;
    const steps = card.get(['rollout', 'steps']);
    if (strategy !== 'canary') {
      report(strategyNode, `Rollout strategy "${strategy}" sends the release to users without a canary. Offline evaluation does not show behaviour under live traffic; a canary exposes a small share first and rolls back automatically. Use "strategy: canary" with rising steps.`, {
        fixes: [toCanaryFix(card, steps === undefined)],
      });
      return;
    }
    if (steps === undefined) {
      report(strategyNode, `The canary has no steps, so nothing says how much traffic it takes before the next step. Add "steps", e.g. ${DEFAULT_STEPS}.`, {
        fixes: [insertKeysFix(card, ['rollout'], [`steps: ${DEFAULT_STEPS}`], `Add steps: ${DEFAULT_STEPS}`)],
      });
      return;
    }
    const first = num(list(steps)[0]);
    const firstNode = card.node(['rollout', 'steps', 0]);
    if (first !== undefined && first >= 100 && firstNode) {
      const stepsNode = card.node(['rollout', 'steps']);
      report(firstNode, `The first canary step is ${first} %: all traffic moves at once, which is no canary. Start with a small share (e.g. 5 %) and rise to 100.`, {
        fixes: [stepsNode ? replaceFix(card, stepsNode, DEFAULT_STEPS, `Use steps ${DEFAULT_STEPS}`) : undefined],
      });
    }
  },
});

/** Replaces the strategy by canary and, when there are no steps, adds the default steps. */
function toCanaryFix(card: Card, addSteps: boolean): Fix | undefined {
  const node = card.node(['rollout', 'strategy']);
  if (!node) return undefined;
  const fix = replaceFix(card, node, 'canary', 'Change the strategy to canary', true);
  if (!addSteps) return fix;
  const steps = insertKeysFix(card, ['rollout'], [`steps: ${DEFAULT_STEPS}`], '');
  return steps ? { ...fix, title: `Change the strategy to canary with steps ${DEFAULT_STEPS}`, edits: [...fix.edits, ...steps.edits] } : fix;
}
