/**
 * Canary against stable, as Kayenta does: one value per interval for each, compared with the
 * Mann-Whitney U test in the direction that is worse for the release. Pure; the judge fetches the
 * values. A significant difference below the card's threshold does not roll back (the card's
 * threshold is the brake); it holds the canary where it is so a person can look.
 */
import { mannWhitneyU, type MwuResult } from '../stats/mann-whitney';
import type { Op } from './plan';

/** Fewest intervals per side: with 5 and 5 the exact one-sided p-value can reach 1/252. */
export const MIN_INTERVALS = 5;

/** The default significance level (one-sided), Kayenta's 98 % confidence split per side. */
export const DEFAULT_ALPHA = 0.01;

/** The outcome of comparing one metric. */
export type Comparison =
  | { kind: 'compared'; canary: number[]; stable: number[]; test: MwuResult; alpha: number; direction: 'greater' | 'less'; worse: boolean; canaryMedian: number; stableMedian: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'undecided'; reason: string; canary: number; stable: number };

/** The direction in which a metric gets worse, or undefined when the condition has none (== or !=). */
export function worseDirection(op: Op): 'greater' | 'less' | undefined {
  if (op === '>' || op === '>=') return 'greater';
  if (op === '<' || op === '<=') return 'less';
  return undefined;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Compares per-interval values. Non-finite values (an interval without requests gives NaN) are
 * dropped; fewer than MIN_INTERVALS left on either side is undecided, not a pass.
 */
export function compareTracks(op: Op, canaryRaw: readonly number[], stableRaw: readonly number[], alpha = DEFAULT_ALPHA): Comparison {
  const direction = worseDirection(op);
  if (direction === undefined) return { kind: 'skipped', reason: `"${op}" has no worse direction to test` };
  const canary = canaryRaw.filter(Number.isFinite);
  const stable = stableRaw.filter(Number.isFinite);
  if (canary.length < MIN_INTERVALS || stable.length < MIN_INTERVALS) {
    return { kind: 'undecided', reason: `${canary.length} canary and ${stable.length} stable intervals with data, fewer than the ${MIN_INTERVALS} each a comparison needs`, canary: canary.length, stable: stable.length };
  }
  const test = mannWhitneyU(canary, stable, direction);
  if (test === undefined || Number.isNaN(test.pValue)) return { kind: 'undecided', reason: 'the rank test could not be computed', canary: canary.length, stable: stable.length };
  const canaryMedian = median(canary);
  const stableMedian = median(stable);
  const worseMedian = direction === 'greater' ? canaryMedian > stableMedian : canaryMedian < stableMedian;
  return { kind: 'compared', canary, stable, test, alpha, direction, worse: test.pValue < alpha && worseMedian, canaryMedian, stableMedian };
}
