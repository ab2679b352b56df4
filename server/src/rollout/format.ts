/** Numbers of the rollout in a person's units: milliseconds, percent, counts with separators. */
import type { NameUnit } from '../card/units';
import { formatNumber } from '../format';

/** Up to four significant digits, no float noise (the one number formatter of `format/`). */
export function short(n: number): string {
  return formatNumber(n);
}

/** A value in the unit of a metric's name, as a person reads it (`0.008` ratio → `0.8 %`). */
export function valueText(value: number, unit: NameUnit): string {
  switch (unit) {
    case 'ms': return `${short(value)} ms`;
    case 's': return `${short(value)} s`;
    case 'ratio': return `${short(value * 100)} %`;
    case 'percent': return `${short(value)} %`;
    default: return short(value);
  }
}

/** Seconds as a Prometheus duration (`300` → `5m`, `90` → `90s`). */
export function durationText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}
