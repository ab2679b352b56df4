/**
 * Reads the SLO and an explicit burn-rate window list from plain card values. The schema already
 * validated shapes; these readers still check, because a gate must never trust that it ran.
 */
import { type BurnRateWindow, DEFAULT_PERIOD_DAYS, type SloSpec } from './burn-rate';
import { parseDurationSeconds } from './duration';

/** Windows read from a card, with the index and reason of each entry that could not be read. */
export interface CardWindows {
  windows: BurnRateWindow[];
  problems: { index: number; reason: string }[];
}

/** The SLO of a card's `slo` mapping, or a reason why there is none. */
export function sloFromCard(slo: unknown): SloSpec | { problem: string } {
  if (typeof slo !== 'object' || slo === null) return { problem: 'the card has no `slo` section' };
  const { objective_percent: objective, period_days: period } = slo as Record<string, unknown>;
  if (typeof objective !== 'number' || !(objective > 0 && objective < 100)) {
    return { problem: '`slo.objective_percent` is missing or not between 0 and 100' };
  }
  if (period !== undefined && (typeof period !== 'number' || !(period > 0))) {
    return { problem: '`slo.period_days` is not a positive number' };
  }
  return { objectivePercent: objective, periodDays: typeof period === 'number' ? period : DEFAULT_PERIOD_DAYS };
}

/** Reads `burn_rate_windows` entries (`severity`, `factor`, `long_window`, `short_window`). */
export function windowsFromCard(list: unknown): CardWindows {
  const out: CardWindows = { windows: [], problems: [] };
  if (!Array.isArray(list)) return out;
  list.forEach((raw: unknown, index) => {
    const w = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const longSeconds = typeof w.long_window === 'string' ? parseDurationSeconds(w.long_window) : undefined;
    const shortSeconds = typeof w.short_window === 'string' ? parseDurationSeconds(w.short_window) : undefined;
    const severity = w.severity === 'page' || w.severity === 'ticket' ? w.severity : undefined;
    if (severity === undefined || typeof w.factor !== 'number' || !(w.factor > 0) || longSeconds === undefined || shortSeconds === undefined) {
      out.problems.push({ index, reason: 'needs severity (page|ticket), a positive factor, and long_window and short_window durations such as 1h and 5m' });
      return;
    }
    out.windows.push({ severity, factor: w.factor, longWindow: String(w.long_window), shortWindow: String(w.short_window), longSeconds, shortSeconds });
  });
  return out;
}
