/**
 * PromQL for multiwindow burn-rate alerts, written in the form the observability gate reads back
 * (`factor * (1 - objective)` thresholds, one `and`-ed window pair per `or` branch), so rules that
 * the `alerts` command writes always satisfy the gate. A pair may carry the minimum-traffic guard
 * over its long window (`traffic.ts`); the guard names no other window, so the gate reads the pair
 * the same way with or without it.
 */
import type { BurnRateWindow } from './burn-rate';
import { guardCondition } from './traffic';

/** The guard a pair carries: the minimum request rate and the series of the request rate per window. */
export interface PairGuard {
  minRate: number;
  requestSeries: (window: string) => string;
}

/** The objective as a decimal fraction without binary noise: 99.95 → `0.9995`. */
export function objectiveFraction(objectivePercent: number): string {
  return String(Number((objectivePercent / 100).toFixed(10)));
}

/** The factor as written in a rule: up to 3 decimals, no trailing zeros (14.4, 6, 0.933). */
export function factorText(factor: number): string {
  return String(Number(factor.toFixed(3)));
}

/**
 * One window pair: the error ratio over both windows above `factor × (1 − objective)`.
 * `ratioSeries(window)` names the error-ratio series for a window, e.g. a recording rule
 * `job:slo_errors_per_request:ratio_rate1h`.
 */
export function windowCondition(w: BurnRateWindow, objectivePercent: number, ratioSeries: (window: string) => string, guard?: PairGuard): string {
  const threshold = `(${factorText(w.factor)} * (1 - ${objectiveFraction(objectivePercent)}))`;
  const traffic = guard && guard.minRate > 0 ? ` and ${guardCondition(guard.minRate, guard.requestSeries(w.longWindow))}` : '';
  return `(${ratioSeries(w.longWindow)} > ${threshold} and ${ratioSeries(w.shortWindow)} > ${threshold}${traffic})`;
}

/** Several window pairs of one severity in one alert expression, joined by `or`. */
export function burnRateExpr(windows: readonly BurnRateWindow[], objectivePercent: number, ratioSeries: (window: string) => string, guard?: PairGuard): string {
  return windows.map((w) => windowCondition(w, objectivePercent, ratioSeries, guard)).join(' or ');
}
