/**
 * Reads the SLO and an explicit burn-rate window list from plain card values, and resolves the one
 * profile a card asks for. The schema already validated shapes; these readers still check, because a
 * gate must never trust that it ran.
 */
import { type BurnRateWindow, DEFAULT_PERIOD_DAYS, type SloSpec, burnRateProfile, canNeverFire, factorCap, neverFiresReason } from './burn-rate';
import { parseDurationSeconds } from './duration';

/** Windows read from a card, with the index and reason of each entry that could not be read. */
export interface CardWindows {
  windows: (BurnRateWindow & { index: number })[];
  problems: { index: number; reason: string }[];
}

/** The SLO of a card's `slo` mapping, or a reason why there is none. */
export function sloFromCard(slo: unknown): SloSpec | { problem: string } {
  if (typeof slo !== 'object' || slo === null) return { problem: 'the card has no `slo` section' };
  const { objective_percent: objective, period_days: period } = slo as Record<string, unknown>;
  if (typeof objective !== 'number' || !(objective > 0 && objective < 100)) {
    return { problem: '`slo.objective_percent` is missing or not between 0 and 100' };
  }
  if (period !== undefined && (typeof period !== 'number' || !(period > 0) || !Number.isFinite(period))) {
    return { problem: '`slo.period_days` is not a positive number of days' };
  }
  return { objectivePercent: objective, periodDays: typeof period === 'number' ? period : DEFAULT_PERIOD_DAYS };
}

/** Reads `burn_rate_windows` entries (`severity`, `factor`, `long_window`, `short_window`). */
export function windowsFromCard(list: unknown): CardWindows {
  const out: CardWindows = { windows: [], problems: [] };
  if (!Array.isArray(list)) return out;
  list.forEach((raw: unknown, index) => {
    const w = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    // A zero-length window has no rate; reading it as "no window" keeps the arithmetic finite.
    const seconds = (v: unknown): number | undefined => { const s = typeof v === 'string' ? parseDurationSeconds(v) : undefined; return s !== undefined && s > 0 ? s : undefined; };
    const longSeconds = seconds(w.long_window);
    const shortSeconds = seconds(w.short_window);
    const severity = w.severity === 'page' || w.severity === 'ticket' ? w.severity : undefined;
    if (severity === undefined || typeof w.factor !== 'number' || !(w.factor > 0) || !Number.isFinite(w.factor) || longSeconds === undefined || shortSeconds === undefined) {
      out.problems.push({ index, reason: 'needs severity (page|ticket), a positive factor, and long_window and short_window non-zero durations such as 1h and 5m' });
      return;
    }
    out.windows.push({ severity, factor: w.factor, longWindow: String(w.long_window), shortWindow: String(w.short_window), longSeconds, shortSeconds, index });
  });
  return out;
}

/** A problem with the card's profile: about the SLO (no index) or one `burn_rate_windows` entry. */
export interface ProfileProblem {
  /** Index in `burn_rate_windows`, when the problem is about one entry. */
  index?: number;
  /** Key of that entry the problem is about (`factor`), when it is one key. */
  field?: string;
  /** The entry, when it could be read (its severity and windows name the check it blocks). */
  window?: BurnRateWindow;
  message: string;
}

/** The profile a card asks for: its explicit windows, else the one derived from its SLO. */
export interface CardProfile {
  slo: SloSpec | undefined;
  source: 'explicit' | 'derived' | 'none';
  /** Windows to alert on; explicit ones carry their index in `burn_rate_windows`. */
  windows: (BurnRateWindow & { index?: number })[];
  problems: ProfileProblem[];
}

/**
 * The one profile the observability gate checks, the `alerts` command writes and the rule compares
 * with. Explicit windows need an SLO (a burn rate is a multiple of its budget) and must be able to
 * fire; an entry that cannot is a problem and is left out, never silently recalculated, because the
 * card's author chose it.
 */
export function profileFromCard(sloValue: unknown, windowList: unknown): CardProfile {
  const slo = sloFromCard(sloValue);
  const spec = 'problem' in slo ? undefined : slo;
  const explicit = windowsFromCard(windowList);
  const problems: ProfileProblem[] = explicit.problems.map((p) => ({ index: p.index, message: `burn_rate_windows entry ${p.index + 1} cannot be read: it ${p.reason}` }));
  if (explicit.windows.length === 0 && problems.length === 0) {
    if (!spec) return { slo: spec, source: 'none', windows: [], problems: [{ message: `No burn-rate profile can be derived: ${(slo as { problem: string }).problem}` }] };
    return { slo: spec, source: 'derived', windows: burnRateProfile(spec), problems };
  }
  if (!spec) {
    problems.unshift({ message: `burn_rate_windows are given, but ${(slo as { problem: string }).problem}: a burn rate is a multiple of the error budget, so without an objective nobody can tell whether these alerts fire at the right time, or at all` });
    return { slo: spec, source: 'explicit', windows: [], problems };
  }
  const windows: CardProfile['windows'] = [];
  explicit.windows.forEach((w) => {
    if (!canNeverFire(w.factor, spec.objectivePercent)) windows.push(w);
    else problems.push({ index: w.index, field: 'factor', window: w, message: neverFiresMessage(w, spec) });
  });
  return { slo: spec, source: 'explicit', windows, problems };
}

/** The message for an explicit entry that can never fire, with the factor to use instead. */
function neverFiresMessage(w: BurnRateWindow & { index?: number }, slo: SloSpec): string {
  const derived = burnRateProfile(slo).find((d) => d.longSeconds === w.longSeconds);
  const use = derived ? `Use ${derived.factor} (the derived ${slo.objectivePercent} % profile's factor for ${derived.longWindow}${derived.cappedFrom !== undefined ? ', capped at half the fastest possible burn' : ''})` : `Use a factor of at most ${factorCap(slo.objectivePercent)} (half the fastest possible burn)`;
  return `burn_rate_windows entry ${(w.index ?? 0) + 1} (${w.severity} over ${w.longWindow}/${w.shortWindow}): ${neverFiresReason(w.factor, slo.objectivePercent)}. ${use}, or remove burn_rate_windows to use the derived profile`;
}
