/**
 * Small helpers every gate uses to read its definition and build checks, so that messages about
 * evidence problems and thresholds read the same in every gate (evidence itself is read through
 * `engine/loaded-evidence.ts`).
 */
import type { CardPath } from '../../card/model';
import { formatNumber, formatPair } from '../../format';
import { describeProblem, describeProblems, type Unusable } from './loaded-evidence';
import type { CheckResult, CheckValue } from './types';

/*
 * The readers below return undefined for a value of the wrong type. That never loosens a gate:
 * the engine turns every schema problem inside a gate's definition into an error check of that
 * gate (`definition.ts`), so a threshold written as "800" or 800ms blocks instead of vanishing.
 */

/** A number property of a definition, or undefined when absent or not a finite number. */
export function num(def: Record<string, unknown> | undefined, key: string): number | undefined {
  const v = def?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A string property of a definition, or undefined. */
export function str(def: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = def?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** A mapping property of a definition, or undefined. */
export function obj(def: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const v = def?.[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A list property of a definition (empty when absent). */
export function list(def: Record<string, unknown> | undefined, key: string): unknown[] {
  const v = def?.[key];
  return Array.isArray(v) ? v : [];
}

/** Formats a number for messages with up to `digits` significant digits (see `format/`); a missing value reads "not measured". */
export function fmt(n: number | null | undefined, digits = 4): string {
  if (n === null || n === undefined) return 'not measured';
  return formatNumber(n, digits);
}

/** Formats a share as a percentage for messages. */
export function pct(share: number): string {
  return `${formatNumber(share * 100, 3)} %`;
}

/**
 * An error check for evidence that could not be used (`undefined`: none was named or loaded):
 * names the file and the first problems' locations, and points at the first problem.
 */
export function evidenceError(id: string, at: CardPath, failed: Unusable | undefined, purpose: string): CheckResult {
  if (!failed) {
    return { id, status: 'error', at, message: `No evidence was loaded for ${purpose}. The gate cannot decide without it, which blocks the release; name an evidence file in the card.` };
  }
  const first = failed.problems[0];
  const problems = describeProblems(failed);
  // Loader messages usually say already that the gate cannot decide; saying it twice buries the fact.
  const why = /blocks the release/.test(problems) ? '' : ` Without it ${purpose} cannot be computed, and an error blocks the release like a failure; fix the evidence file or the path in the card.`;
  return {
    id, status: 'error', at, message: `${problems}${why}`, evidence: first ?? { file: failed.file },
    summary: evidenceSummary(failed),
  };
}

/** "evidence/perf/requests.csv does not exist": the first problem's first clause, for lenses and report lines. */
export function evidenceSummary(failed: Pick<Unusable, 'file' | 'problems'>): string {
  const first = failed.problems[0];
  return first ? shortProblem(first.file, describeProblem(first)) : `${failed.file} could not be used`;
}

/** A described problem cut to its first clause, naming the file once. */
function shortProblem(file: string, described: string): string {
  const text = described.replace(/^Evidence file '([^']+)'/, '$1').replace(/\s*\([^)]*\)/g, '');
  const clause = text.split(/(?<=\S)[.;](\s|$)/)[0] ?? text;
  const named = clause.includes(file) ? clause : `${file}: ${clause}`;
  return named.length > 90 ? `${named.slice(0, 89)}…` : named;
}

/** Fields of a check other than id, status, message and at. */
export type CheckExtras = Omit<CheckResult, 'id' | 'status' | 'message' | 'at'>;

/** A check that passes when observed ≤ threshold (an upper limit). */
export function atMost(id: string, at: CardPath, observed: number, threshold: number, extras: CheckExtras, what: string, fix: string): CheckResult {
  const pass = observed <= threshold;
  const v = formatPair(observed, threshold, extras.unit);
  const message = pass
    ? `${what} is ${v.observed}, within the limit of ${v.threshold}.`
    : `${what} is ${v.observed}, above the limit of ${v.threshold}. ${fix}`;
  return { id, status: pass ? 'pass' : 'fail', observed, threshold, message, at, comparison: 'at_most', ...extras };
}

/** A check that passes when observed ≥ threshold (a lower limit). */
export function atLeast(id: string, at: CardPath, observed: number, threshold: number, extras: CheckExtras, what: string, fix: string): CheckResult {
  const pass = observed >= threshold;
  const v = formatPair(observed, threshold, extras.unit);
  const message = pass
    ? `${what} is ${v.observed}, meeting the minimum of ${v.threshold}.`
    : `${what} is ${v.observed}, below the minimum of ${v.threshold}. ${fix}`;
  return { id, status: pass ? 'pass' : 'fail', observed, threshold, message, at, comparison: 'at_least', ...extras };
}

/** A minimum-sample check: too few rows is an error (the evidence cannot support a decision), not a fail. */
export function minSamples(id: string, at: CardPath, observed: number, threshold: number, what: string): CheckResult {
  const ok = observed >= threshold;
  return {
    id, status: ok ? 'pass' : 'error', observed, threshold, unit: 'rows', sampleSize: observed, at, comparison: 'at_least',
    message: ok
      ? `${what}: ${fmt(observed)} rows, at least the ${fmt(threshold)} required.`
      : `${what}: only ${fmt(observed)} rows, fewer than the ${fmt(threshold)} required. A decision on so little evidence is not trustworthy, so the gate cannot decide and blocks the release; collect more data.`,
  };
}

/** An error check for a definition that cannot be evaluated as written. */
export function definitionError(id: string, at: CardPath, message: string, observed?: CheckValue): CheckResult {
  return { id, status: 'error', at, message, ...(observed !== undefined ? { observed } : {}) };
}
