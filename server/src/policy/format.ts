/** Threshold values as a person reads them, in the unit the key's name implies (`0.008` share → `0.8 %`). */
import { unitOfName } from '../card/units';
import { short, valueText } from '../rollout/format';

/** The unit words the rollout formatter leaves out. */
const SUFFIX: Readonly<Record<string, string>> = { minutes: ' min', hours: ' h', days: ' days', rps: ' req/s' };

/** A threshold's value with its unit, by the key it is written under; strings (dates) as they are. */
export function thresholdText(key: string, value: unknown): string {
  if (typeof value !== 'number') return typeof value === 'string' ? value : JSON.stringify(value) ?? 'nothing';
  const unit = unitOfName(key);
  return SUFFIX[unit] !== undefined ? `${short(value)}${SUFFIX[unit]}` : valueText(value, unit);
}
