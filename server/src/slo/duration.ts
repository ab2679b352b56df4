/**
 * Prometheus-style durations (`5m`, `1h`, `3d`) for burn-rate windows. Kept here, free of I/O, so
 * the observability gate and the `alerts` command read and write windows the same way.
 */
import { WORK } from '../card/work';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Parses `5m`, `1h30m` or `3d` to seconds; undefined when the text is not a duration or its value
 * is beyond exact arithmetic. One left-to-right pass without a regular expression: an unanchored
 * `(\d+)([smhdw])` retried at every digit took quadratic time on a long run of digits.
 */
export function parseDurationSeconds(text: string): number | undefined {
  let total = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    WORK.durationSteps++;
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
      continue;
    }
    const unit = UNIT_SECONDS[text[i] as string];
    if (unit === undefined || digits === 0) return undefined;
    total += value * unit;
    value = 0;
    digits = 0;
  }
  return digits === 0 && text.length > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** Writes seconds as the largest whole unit (`21600` → `6h`, `259200` → `3d`, `90` → `90s`). */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [['w', 604800], ['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
