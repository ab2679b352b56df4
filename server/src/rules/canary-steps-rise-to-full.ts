/** Canary steps rise strictly and end at 100 %: otherwise the rollout never completes, or steps back. */
import { isSeq } from 'yaml';
import { appendItemsFix, replaceFix } from './fixes';
import { defineRule } from './types';
import { list, num } from './values';

/** Flags steps that do not strictly rise and a last step below 100. */
export const canaryStepsRiseToFull = defineRule({
  meta: {
    id: 'canary-steps-rise-to-full',
    severity: 'error',
    summary: 'Rollout steps do not strictly rise or do not end at 100 %.',
    fix: 'replace',
  },
  check(card, report) {
    const stepsNode = card.node(['rollout', 'steps']);
    if (!isSeq(stepsNode)) return;
    const values = list(card.get(['rollout', 'steps'])).map(num);
    const numbers = values.filter((v): v is number => v !== undefined && v > 0 && v <= 100);
    const sorted = [...new Set(numbers)].sort((a, b) => a - b);
    if (sorted[sorted.length - 1] !== 100 && sorted.length > 0) sorted.push(100);
    let highest = -Infinity;
    for (const [i, v] of values.entries()) {
      if (v === undefined) continue;
      const node = card.node(['rollout', 'steps', i]);
      if (v <= highest && node) {
        report(node, `Step ${v} % comes after ${highest} %: traffic would ${v === highest ? 'stay the same' : 'go down'} instead of rising. Steps must strictly rise so each step widens the exposure the previous one proved safe.`, {
          fixes: [replaceFix(card, stepsNode, `[${sorted.join(', ')}]`, `Sort the steps: [${sorted.join(', ')}]`, true)],
        });
      }
      highest = Math.max(highest, v);
    }
    const lastIndex = values.length - 1;
    const last = values[lastIndex];
    const lastNode = card.node(['rollout', 'steps', lastIndex]);
    if (last !== undefined && last < 100 && lastNode) {
      report(lastNode, `The last step is ${last} %, so the rollout never reaches full traffic: the release stays half-deployed, with two versions serving and neither owning the outcome. End the steps at 100.`, {
        fixes: [appendItemsFix(card, ['rollout', 'steps'], ['100'], 'Add a final step of 100 %')],
      });
    }
  },
});
