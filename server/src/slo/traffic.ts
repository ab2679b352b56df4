/**
 * The minimum-traffic guard of burn-rate alerts. On a service with few requests one failed request
 * is a large error ratio: at 60 requests an hour it reads 1.7 % over the hour, above the 1.44 % that
 * pages a 99.9 % SLO. The source article and the SRE Workbook both say such services need their own
 * thresholds. Each generated window pair therefore also requires that the service served at least
 * `min_request_rate` requests per second over the pair's long window (the traffic the pair judges, so
 * a quiet five minutes never mutes a three-day ticket, and a burst of client give-ups after an outage
 * does not mute the page).
 *
 * Default (when `slo.min_request_rate` is not set): the smallest rate at which one failed request can
 * no longer fire any pair on its own, i.e. the largest 1 / (threshold × long window) over the pairs,
 * rounded up to 3 significant digits. For a pair derived from budget share s this is the rate at which
 * the whole period's error budget holds 1 / s requests (50 for the Workbook's 2 % page). `0` turns the
 * guard off. Pure: no I/O.
 */
import { type BurnRateWindow, errorBudget } from './burn-rate';

/** The guard the alerts use: requests per second over each pair's long window, and where it came from. */
export interface TrafficGuard {
  /** Requests per second the long window must average; 0 means no guard. */
  minRate: number;
  source: 'card' | 'default';
  /** The rate below which one failed request alone would fire the most sensitive pair (the default). */
  oneFailureRate: number;
}

/** Rounds up to 3 significant digits, without binary noise: 0.019290… → 0.0193. */
export function ceilSignificant(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const scale = 10 ** (2 - Math.floor(Math.log10(x)));
  return Number((Math.ceil(x * scale - 1e-9) / scale).toPrecision(3));
}

/** The rate below which a single failed request fires at least one of the windows. */
export function oneFailureRate(windows: readonly BurnRateWindow[], objectivePercent: number): number {
  const budget = errorBudget(objectivePercent);
  const rates = windows.map((w) => 1 / (w.factor * budget * w.longSeconds));
  return rates.length > 0 ? ceilSignificant(Math.max(...rates)) : 0;
}

/** Reads `slo.min_request_rate` (requests per second, ≥ 0) or falls back to the derived default. */
export function trafficGuard(value: unknown, windows: readonly BurnRateWindow[], objectivePercent: number): TrafficGuard | { problem: string } {
  const oneFailure = oneFailureRate(windows, objectivePercent);
  if (value === undefined) return { minRate: oneFailure, source: 'default', oneFailureRate: oneFailure };
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
    return { problem: `slo.min_request_rate is ${shown}, but it must be a number of requests per second of 0 or more (0 turns the minimum-traffic guard off)` };
  }
  return { minRate: value, source: 'card', oneFailureRate: oneFailure };
}

/** A request rate for people: `0.0193 req/s (69.5 per hour)`. */
export function rateText(perSecond: number): string {
  const perHour = perSecond * 3600;
  const hourly = perHour >= 1 ? `${Number(perHour.toPrecision(3))} per hour` : `${Number((perHour * 24).toPrecision(3))} per day`;
  return `${perSecond} req/s (${hourly})`;
}

/** The guard as PromQL: the pair's long-window request rate at least the minimum. */
export function guardCondition(minRate: number, requestSeries: string): string {
  return `${requestSeries} >= ${minRate}`;
}
