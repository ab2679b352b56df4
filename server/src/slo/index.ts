// Public API of the SLO model: burn-rate profiles and durations, pure and free of I/O.

/** Multiwindow burn-rate profile derivation, rounding policy and factor matching. */
export {
  type BudgetWindow, type BurnRateWindow, type BurnSeverity, type SloSpec, DEFAULT_BUDGET_WINDOWS, DEFAULT_PERIOD_DAYS, MAX_DERIVED_ERROR_RATIO,
  burnRateFactor, burnRateProfile, canNeverFire, cappedNote, errorBudget, errorRatioThreshold, factorCap, factorTolerance, factorsMatch,
  impliedBudgetShare, maxBurnRate, neverFiresReason, percentText, roundFactor,
} from './burn-rate';
/** The minimum-traffic guard of burn-rate alerts. */
export { type TrafficGuard, ceilSignificant, guardCondition, oneFailureRate, rateText, trafficGuard } from './traffic';
/** Prometheus-style durations. */
export { formatDuration, parseDurationSeconds } from './duration';
/** Reads the SLO and an explicit window list from card values. */
export { type CardProfile, type CardWindows, type ProfileProblem, profileFromCard, sloFromCard, windowsFromCard } from './card';
/** PromQL for burn-rate alerts in the form the observability gate reads. */
export { type PairGuard, burnRateExpr, factorText, objectiveFraction, windowCondition } from './promql';
