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
  /** Budget share the factor was derived from, when it was derived rather than written in a card. */
  budgetShare?: number;
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

/** Derives the profile for an SLO from a budget policy (the Workbook's by default). */
export function burnRateProfile(slo: SloSpec, policy: readonly BudgetWindow[] = DEFAULT_BUDGET_WINDOWS): BurnRateWindow[] {
  return policy.map((w) => {
    const longSeconds = mustParse(w.longWindow);
    const shortSeconds = mustParse(w.shortWindow);
    return {
      severity: w.severity,
      factor: roundFactor(burnRateFactor(w.budgetShare, slo.periodDays, longSeconds)),
      longWindow: formatDuration(longSeconds),
      shortWindow: formatDuration(shortSeconds),
      longSeconds,
      shortSeconds,
      budgetShare: w.budgetShare,
    };
  });
}

/** The error-ratio threshold an alert compares with: factor × (1 − objective). */
export function errorRatioThreshold(factor: number, objectivePercent: number): number {
  return factor * (1 - objectivePercent / 100);
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
