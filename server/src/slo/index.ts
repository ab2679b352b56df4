// Public API of the SLO model: burn-rate profiles and durations, pure and free of I/O.

/** Multiwindow burn-rate profile derivation, rounding policy and factor matching. */
export {
  type BudgetWindow, type BurnRateWindow, type BurnSeverity, type SloSpec, DEFAULT_BUDGET_WINDOWS, DEFAULT_PERIOD_DAYS,
  burnRateFactor, burnRateProfile, errorRatioThreshold, factorTolerance, factorsMatch, impliedBudgetShare, roundFactor,
} from './burn-rate';
/** Prometheus-style durations. */
export { formatDuration, parseDurationSeconds } from './duration';
/** Reads the SLO and an explicit window list from card values. */
export { sloFromCard, windowsFromCard, type CardWindows } from './card';
/** PromQL for burn-rate alerts in the form the observability gate reads. */
export { burnRateExpr, factorText, objectiveFraction, windowCondition } from './promql';
