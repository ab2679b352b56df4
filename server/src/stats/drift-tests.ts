// The individual drift tests, each matching the Evidently stattest of the same name.
import { binnedShares, CategoricalInput, CategoryValue, countValues, fillEmptyBins } from './binning';
import { ks2Samp, ks2SampSorted } from './ks';
import { finiteValues, NumericInput, populationStd } from './numeric';
import { chi2Sf, normalSf } from './special';
import { sortFloat64 } from './radix-sort';
import { wassersteinSorted } from './wasserstein';

/** Name of a drift test. */
export type DriftMethod = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';

/** Outcome of one drift test on one column. */
export interface DriftTestResult {
  /** Which test ran. */
  readonly method: DriftMethod;
  /** The test statistic (KS D, chi-squared, z, or the distance itself). */
  readonly statistic: number;
  /** The p-value, for the hypothesis tests (ks, chisquare, z). */
  readonly pValue?: number;
  /** The value compared with the threshold: the p-value or the distance. */
  readonly score: number;
  /** Threshold: p-value tests drift when score < threshold, distances when score >= threshold. */
  readonly threshold: number;
  /** Whether the column drifted. */
  readonly drifted: boolean;
}

/** Default thresholds, as Evidently's: 0.05 for p-values, 0.1 for distances and PSI. */
export const DEFAULT_DRIFT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = {
  ks: 0.05, chisquare: 0.05, z: 0.05, wasserstein: 0.1, jensenshannon: 0.1, psi: 0.1,
};

function pTest(method: DriftMethod, statistic: number, pValue: number, threshold?: number): DriftTestResult {
  const t = threshold ?? DEFAULT_DRIFT_THRESHOLDS[method];
  return { method, statistic, pValue, score: pValue, threshold: t, drifted: pValue < t };
}

function distance(method: DriftMethod, value: number, threshold?: number): DriftTestResult {
  const t = threshold ?? DEFAULT_DRIFT_THRESHOLDS[method];
  return { method, statistic: value, score: value, threshold: t, drifted: value >= t };
}

/** Two-sample KS test (`scipy.stats.ks_2samp`, two-sided, method 'auto'); drifts when p < threshold. */
export function ksDriftTest(reference: NumericInput, current: NumericInput, threshold?: number): DriftTestResult | undefined {
  const r = ks2Samp(reference, current);
  return r && pTest('ks', r.statistic, r.pValue, threshold);
}

/** `ksDriftTest` on two samples already sorted ascending without NaN, shared with other tests. */
export function ksDriftTestSorted(sortedReference: Float64Array, sortedCurrent: Float64Array, threshold?: number): DriftTestResult | undefined {
  const r = ks2SampSorted(sortedReference, sortedCurrent);
  return r && pTest('ks', r.statistic, r.pValue, threshold);
}

/**
 * Evidently's chi-squared test: over the union of present values, expected counts are the reference
 * counts scaled by n_current / n_reference; p from the chi-squared survival with k − 1 degrees of freedom.
 * A value seen only in the current sample has expected count 0, so the statistic is infinite and p = 0.
 */
export function chiSquareDriftTest(
  reference: CategoricalInput | NumericInput,
  current: CategoricalInput | NumericInput,
  threshold?: number,
): DriftTestResult {
  const ref = countValues(reference);
  const cur = countValues(current);
  const keys = new Set<CategoryValue>([...ref.keys(), ...cur.keys()]);
  const scale = total(cur) / total(ref);
  let stat = 0;
  for (const k of keys) {
    const expected = (ref.get(k) ?? 0) * scale;
    const observed = cur.get(k) ?? 0;
    stat += ((observed - expected) * (observed - expected)) / expected;
  }
  const p = keys.size > 1 ? chi2Sf(stat, keys.size - 1) : Number.NaN;
  return pTest('chisquare', stat, p, threshold);
}

/**
 * Evidently's two-proportion z-test for binary columns: the smallest value (sorted order) is coded 0,
 * anything else 1; pooled-variance z, two-sided p = 2·(1 − Φ(|z|)) computed as 2·Φ̄(|z|) via erfc.
 * When both samples hold one and the same single value, p = 1.
 */
export function zDriftTest(
  reference: CategoricalInput | NumericInput,
  current: CategoricalInput | NumericInput,
  threshold?: number,
): DriftTestResult {
  const ref = countValues(reference);
  const cur = countValues(current);
  const [onlyRef] = ref.keys();
  if (ref.size === 1 && cur.size === 1 && cur.has(onlyRef as CategoryValue)) return pTest('z', 0, 1, threshold);
  const keys = [...new Set<CategoryValue>([...ref.keys(), ...cur.keys()])].sort(compareCategories);
  const zeroKey = keys[0] as CategoryValue;
  const n1 = total(ref);
  const n2 = total(cur);
  const p1 = (n1 - (ref.get(zeroKey) ?? 0)) / n1;
  const p2 = (n2 - (cur.get(zeroKey) ?? 0)) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return pTest('z', z, 2 * normalSf(Math.abs(z)), threshold);
}

/** Python-like ordering: numbers numerically, strings by code point, numbers before strings. */
export function compareCategories(a: CategoryValue, b: CategoryValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function total(counts: Map<CategoryValue, number>): number {
  let s = 0;
  for (const c of counts.values()) s += c;
  return s;
}

/**
 * Evidently's normed Wasserstein: `wasserstein_distance(ref, cur) / max(std(ref, ddof=0), 0.001)`;
 * drifts when >= threshold (0.1).
 */
export function wassersteinDriftTest(reference: NumericInput, current: NumericInput, threshold?: number): DriftTestResult {
  const ref = finiteValues(reference);
  const cur = finiteValues(current);
  // The std before sorting: summation order must stay the input's for NumPy's exact result.
  const norm = Math.max(populationStd(ref), 0.001);
  // The two copies above are the only ones: they are sorted in place.
  return distance('wasserstein', wassersteinSorted(sortFloat64(ref), sortFloat64(cur)) / norm, threshold);
}

/**
 * `wassersteinDriftTest` with the sorted copies made once and shared: `reference` in input order
 * (the std sums in that order), the two samples sorted ascending, all without NaN.
 */
export function wassersteinDriftTestSorted(reference: Float64Array, sortedReference: Float64Array, sortedCurrent: Float64Array, threshold?: number): DriftTestResult {
  const norm = Math.max(populationStd(reference), 0.001);
  return distance('wasserstein', wassersteinSorted(sortedReference, sortedCurrent) / norm, threshold);
}

/** Jensen–Shannon distance (natural log, as `scipy.spatial.distance.jensenshannon`) between two share vectors. */
export function jensenShannonDistance(p: Float64Array, q: Float64Array): number {
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i] as number;
    sq += q[i] as number;
  }
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = (p[i] as number) / sp;
    const b = (q[i] as number) / sq;
    const m = (a + b) / 2;
    if (a > 0) js += a * Math.log(a / m);
    if (b > 0) js += b * Math.log(b / m);
  }
  return Math.sqrt(Math.max(js, 0) / 2);
}

/** Evidently's Jensen–Shannon drift on binned shares (no empty-bin filling); drifts when >= threshold (0.1). */
export function jensenShannonDriftTest(
  reference: CategoricalInput | Float64Array,
  current: CategoricalInput | Float64Array,
  numeric: boolean,
  threshold?: number,
): DriftTestResult {
  const shares = binnedShares(reference, current, numeric);
  return distance('jensenshannon', jensenShannonDistance(shares.reference, shares.current), threshold);
}

/**
 * Population stability index Σ (r − c)·ln(r / c) over Evidently's bins, after empty bins are given
 * share 0.0001 (or min non-empty share / 10⁶ when that is <= 0.0001); drifts when >= threshold (0.1).
 */
export function psiDriftTest(
  reference: CategoricalInput | Float64Array,
  current: CategoricalInput | Float64Array,
  numeric: boolean,
  threshold?: number,
): DriftTestResult {
  const shares = binnedShares(reference, current, numeric);
  const r = fillEmptyBins(shares.reference);
  const c = fillEmptyBins(shares.current);
  let psi = 0;
  for (let i = 0; i < r.length; i++) {
    const a = r[i] as number;
    const b = c[i] as number;
    psi += (a - b) * Math.log(a / b);
  }
  return distance('psi', psi, threshold);
}
