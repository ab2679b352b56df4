/**
 * Hover on an auto-rollback condition: the PromQL each engine runs for it over the canary's series,
 * the comparison that fails it, and the series it reads; or why no query can be built. So the
 * card's brake and the engine's analysis can be read side by side while the card is written.
 */
import { argoCondition, argoQuery, flaggerQuery, planRollout, thresholdRange, valueText, type PlannedCondition, type RolloutPlan } from '../../rollout';
import type { Card } from '../../card/model';
import type { Target } from './locate';

/** The hover section of a condition: its markdown, or undefined when the cursor is not on a condition. */
export function rolloutConditionSection({ card, target }: { card: Card; target: Target }): string | undefined {
  const [section, list, index] = target.path;
  if (section !== 'rollout' || list !== 'auto_rollback_on' || typeof index !== 'number') return undefined;
  // A key inside an object-form condition (`metric:`) is the schema's hover; its value is the condition's.
  if (target.on === 'key' && target.path.length > 3) return undefined;
  const argo = planRollout(card, 'argo');
  const c = argo.conditions.find((x) => x.condition.index === index);
  if (!c) {
    const problem = argo.problems.find((p) => p.at[2] === index && p.at[1] === 'auto_rollback_on');
    return problem ? `**Auto-rollback condition: no query**\n\n${problem.message}` : undefined;
  }
  const flagger = planRollout(card, 'flagger');
  const f = flagger.conditions.find((x) => x.condition.index === index);
  return conditionMarkdown(argo, c, flagger, f);
}

/** The hover text of one resolved condition. */
function conditionMarkdown(argo: RolloutPlan, c: PlannedCondition, flagger: RolloutPlan, f: PlannedCondition | undefined): string {
  const range = f ? thresholdRange(f) : undefined;
  const parts = [
    `**Auto-rollback: \`${c.condition.raw}\`** — rolls back when ${c.query.description} is ${opWords(c.op)} ${valueText(c.threshold, c.query.unit)}.`,
    `Argo Rollouts (every ${argo.interval}, fails when \`${argoCondition(c.op, c.threshold)}\`):`,
    fence(argoQuery(argo, c)),
  ];
  if (f && range) parts.push(`Flagger (thresholdRange \`${JSON.stringify(range)}\`):`, fence(flaggerQuery(flagger, f)));
  parts.push(`Series: ${c.query.series.map((s) => `\`${s}\``).join(', ')} where \`${argo.series.selector}\`; canary \`${argo.series.canary}\`, stable \`${argo.series.stable}\`. See docs/rollout.md for the catalogue.`);
  return parts.join('\n\n');
}

function opWords(op: PlannedCondition['op']): string {
  return { '>': 'above', '>=': 'at or above', '<': 'below', '<=': 'at or below', '==': 'exactly', '!=': 'anything but' }[op];
}

function fence(promql: string): string {
  return `\`\`\`promql\n${promql}\n\`\`\``;
}
