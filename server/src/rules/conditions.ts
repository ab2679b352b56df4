/**
 * Auto-rollback conditions as the rules see them: the parsing lives in `rollout/conditions.ts`
 * (the rollout generators and the canary judge read the same conditions); what stays here writes
 * conditions back into the card, for quick fixes.
 */
import type { Fix } from '../card/findings';
import type { Card } from '../card/model';
import { replaceFix } from './fixes';
import { type Condition, valueInUnitOf } from '../rollout/conditions';
import { fmt } from './values';

export {
  type Condition, type Family, type GateThreshold, type UnitKind, OPS, conditions, family, higherIsWorse, matchingThreshold, matchingThresholds,
  normalizedValue, unitFits, unitKind, valueInUnitOf,
} from '../rollout/conditions';

/** Writes a canonical value back the way the condition writes it, unit included. */
export function renderInUnitOf(c: Condition, canonical: number): string {
  return `${fmt(valueInUnitOf(c, canonical))}${c.unit ?? ''}`;
}

/** A fix that rewrites a condition with some parts changed, in the form it was written. */
export function rewriteCondition(card: Card, c: Condition, change: { metric?: string; op?: string; value?: number; unit?: string }, title: string, preferred = false): Fix | undefined {
  const metric = change.metric ?? c.metric;
  const op = change.op ?? c.op;
  const value = change.value ?? c.value;
  const unit = change.unit ?? c.unit ?? '';
  if (metric === undefined || op === undefined || value === undefined) return undefined;
  if (c.form === 'string') {
    const node = card.node(c.path);
    return node ? replaceFix(card, node, `${metric} ${op} ${fmt(value)}${unit}`, title, preferred) : undefined;
  }
  const node = card.node(c.path);
  if (!node) return undefined;
  const unitPart = unit ? `, unit: "${unit}"` : '';
  return replaceFix(card, node, `{ metric: ${metric}, op: "${op}", value: ${fmt(value)}${unitPart} }`, title, preferred);
}
