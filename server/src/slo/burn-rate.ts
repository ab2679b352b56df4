/**
 * The multiwindow burn-rate model of the SRE Workbook ("Alerting on SLOs"), shared by the
 * observability gate (which checks alert rules against it) and the `alerts` command (which writes
 * rules from it). Pure: no I/O.
 *
 * A burn rate of 1 spends exactly the error budget over the SLO period. An alert that should fire
 * when `budgetShare` of the budget is spent within `longWindow` needs the factor
 *
 *     factor = budgetShare × period / longWindow
 *
 * so for 99.9 % over 30 days (720 h): 2 % in 1 h → 14.4, 5 % in 6 h → 6, 10 % in 3 d → 1. Each
 * long window is paired with a short window (1/12 of it) so the alert also stops soon after the
 * burn stops.
 *
 * Rounding policy: derived factors are rounded half-up to 3 decimal places (99 % over 28 days gives
 * 13.44, 5.6 and 0.933). A factor found in a rule matches the derived one when they differ by at
 * most max(0.005, 1 % of the derived factor), so a rule that writes 0.93 for 0.933 still matches,
 * while 14 for 14.4 does not.
 *
 * Low objectives: an alert compares the error ratio with factor × (1 − objective), and no service
 * fails more than all of its requests, so the fastest possible burn is 1 / (1 − objective) (10 for
 * 90 %). The Workbook's 14.4 for a 90 % SLO asks for an error ratio of 144 % and can never fire. No
 * derived pair therefore compares with more than `MAX_DERIVED_ERROR_RATIO` (half the requests
 * failing): a pair whose factor would need more is capped at 0.5 / (1 − objective), rounded down to
 * 3 decimals, and then detects a smaller budget share (cap × long window / period) than its policy.
 */
import { formatDuration, parseDurationSeconds } from './duration';

/** Whether the alert wakes someone up (page) or is handled in working hours (ticket). */
export type BurnSeverity = 'page' | 'ticket';

/** One window pair of the budget policy, before it is turned into factors for an SLO. */
export interface BudgetWindow {
  severity: BurnSeverity;
  /** Share of the whole period's error budget that may burn within the long window. */
  budgetShare: number;
  longWindow: string;
  shortWindow: string;
}

/** One window pair of a burn-rate profile with its factor. */
export interface BurnRateWindow {
  severity: BurnSeverity;
  /** Burn-rate factor (rounded per the policy above). */
  factor: number;
  longWindow: string;
  shortWindow: string;
  longSeconds: number;
  shortSeconds: number;
  /** Budget share the factor detects over its long window, when it was derived rather than written in a card. */
  budgetShare?: number;
  /** The policy's factor, when it would need an error ratio above `MAX_DERIVED_ERROR_RATIO` and was capped. */
  cappedFrom?: number;
}

/** The SLO fields the model needs. */
export interface SloSpec {
  /** Target share of good events in percent, e.g. 99.9. */
  objectivePercent: number;
  /** Error-budget period in days (30 unless the card says otherwise). */
  periodDays: number;
}

/** The Workbook's starting policy: page on 2 % in 1h/5m and 5 % in 6h/30m, ticket on 10 % in 3d/6h. */
export const DEFAULT_BUDGET_WINDOWS: readonly BudgetWindow[] = [
  { severity: 'page', budgetShare: 0.02, longWindow: '1h', shortWindow: '5m' },
  { severity: 'page', budgetShare: 0.05, longWindow: '6h', shortWindow: '30m' },
  { severity: 'ticket', budgetShare: 0.1, longWindow: '3d', shortWindow: '6h' },
];

/** Default SLO period in days when a card gives an objective but no period. */
export const DEFAULT_PERIOD_DAYS = 30;

/** Rounds a factor to 3 decimal places, half up (the stated rounding policy). */
export function roundFactor(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The unrounded factor: budget share × period / long window. */
export function burnRateFactor(budgetShare: number, periodDays: number, longWindowSeconds: number): number {
  return (budgetShare * periodDays * 86400) / longWindowSeconds;
}

/** Largest difference between a rule's factor and the derived one that still counts as a match. */
export function factorTolerance(expected: number): number {
  return Math.max(0.005, 0.01 * Math.abs(expected));
}

/** True when a factor found in a rule matches the expected factor within the tolerance. */
export function factorsMatch(found: number, expected: number): boolean {
  return Math.abs(found - expected) <= factorTolerance(expected) + 1e-12;
}

/** Largest error ratio a derived pair compares with: more than half of the requests failing. */
export const MAX_DERIVED_ERROR_RATIO = 0.5;

/** The error budget as a fraction, computed from the percent so 90 → 0.1 exactly. */
export function errorBudget(objectivePercent: number): number {
  return (100 - objectivePercent) / 100;
}

/** The fastest burn a service can show: every request failing, 1 / (1 − objective). */
export function maxBurnRate(objectivePercent: number): number {
  return 1 / errorBudget(objectivePercent);
}

/** True when factor × (1 − objective) ≥ 1: the alert needs an error ratio of 100 % or more, so it never fires. */
export function canNeverFire(factor: number, objectivePercent: number): boolean {
  return factor * errorBudget(objectivePercent) >= 1 - 1e-12;
}

/** The largest factor a derived pair may use for an objective: `MAX_DERIVED_ERROR_RATIO` / (1 − objective), rounded down. */
export function factorCap(objectivePercent: number): number {
  return Math.floor((MAX_DERIVED_ERROR_RATIO / errorBudget(objectivePercent)) * 1000 + 1e-6) / 1000;
}

/** Derives the profile for an SLO from a budget policy (the Workbook's by default), capped for low objectives. */
export function burnRateProfile(slo: SloSpec, policy: readonly BudgetWindow[] = DEFAULT_BUDGET_WINDOWS): BurnRateWindow[] {
  const cap = factorCap(slo.objectivePercent);
  return policy.map((w) => {
    const longSeconds = mustParse(w.longWindow);
    const shortSeconds = mustParse(w.shortWindow);
    const factor = roundFactor(burnRateFactor(w.budgetShare, slo.periodDays, longSeconds));
    const base = { severity: w.severity, longWindow: formatDuration(longSeconds), shortWindow: formatDuration(shortSeconds), longSeconds, shortSeconds };
    if (factor <= cap) return { ...base, factor, budgetShare: w.budgetShare };
    return { ...base, factor: cap, budgetShare: impliedBudgetShare(cap, slo.periodDays, longSeconds), cappedFrom: factor };
  });
}

/** The error-ratio threshold an alert compares with: factor × (1 − objective). */
export function errorRatioThreshold(factor: number, objectivePercent: number): number {
  return factor * (1 - objectivePercent / 100);
}

/** A share in percent for people: 1.44 → `144 %`, 0.006944 → `0.694 %`. */
export function percentText(share: number): string {
  return `${Number((share * 100).toPrecision(3))} %`;
}

/** Why a factor can never fire for an objective, in one sentence people can act on. */
export function neverFiresReason(factor: number, objectivePercent: number): string {
  return `factor ${factor} × the ${percentText(errorBudget(objectivePercent))} error budget of a ${objectivePercent} % SLO asks for an error ratio above `
    + `${percentText(factor * errorBudget(objectivePercent))}, but no service fails more than 100 % of its requests (the fastest possible burn is `
    + `${Number(maxBurnRate(objectivePercent).toPrecision(4))}x), so this alert can never fire`;
}

/** How a capped pair differs from its policy, for headers and notes. */
export function cappedNote(w: BurnRateWindow, objectivePercent: number): string | undefined {
  if (w.cappedFrom === undefined) return undefined;
  return `${w.severity} ${w.longWindow}/${w.shortWindow}: the policy's ${w.cappedFrom}x needs an error ratio of ${percentText(w.cappedFrom * errorBudget(objectivePercent))}; `
    + `capped at ${w.factor}x (error ratio ${percentText(w.factor * errorBudget(objectivePercent))}, half the fastest possible burn), it detects `
    + `${percentText(w.budgetShare ?? 0)} of the budget in ${w.longWindow}`;
}

/** The budget share a factor spends over its long window (the inverse of `burnRateFactor`). */
export function impliedBudgetShare(factor: number, periodDays: number, longWindowSeconds: number): number {
  return (factor * longWindowSeconds) / (periodDays * 86400);
}

/** Parses a policy window; the policy is code, so a bad duration is a programming error. */
function mustParse(d: string): number {
  const s = parseDurationSeconds(d);
  if (s === undefined) throw new Error(`invalid burn-rate window duration '${d}'`);
  return s;
}
