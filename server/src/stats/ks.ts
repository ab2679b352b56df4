// Two-sample Kolmogorov–Smirnov test, two-sided, matching `scipy.stats.ks_2samp(a, b, method='auto')`:
// exact p-values when both samples have at most 10 000 values, Smirnov's asymptotic otherwise.
import { kstwoSf } from './kstwo';
import { NumericInput, sortedCopy } from './numeric';

/** Largest sample size for which 'auto' tries the exact distribution (SciPy's MAX_AUTO_N). */
export const KS_MAX_EXACT_N = 10000;

/** Result of the two-sample KS test. */
export interface KsResult {
  /** The KS statistic D (for the exact method, rounded to h / lcm(n1, n2) as SciPy does). */
  readonly statistic: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  /** Which distribution produced the p-value. */
  readonly method: 'exact' | 'asymptotic';
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** max |F1 − F2| over the pooled sample, evaluated as SciPy does (right-continuous ECDFs). */
function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxPlus = -Infinity;
  let minMinus = Infinity;
  while (i < n1 || j < n2) {
    // Advance past every copy of the next pooled value so ties are handled like searchsorted(right).
    const v = Math.min(i < n1 ? (a[i] as number) : Infinity, j < n2 ? (b[j] as number) : Infinity);
    while (i < n1 && a[i] === v) i++;
    while (j < n2 && b[j] === v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxPlus) maxPlus = diff;
    if (diff < minMinus) minMinus = diff;
  }
  const minS = Math.min(1, Math.max(0, -minMinus));
  return minS > maxPlus ? minS : maxPlus;
}

/** Pr(D_{n,n} >= h/n): alternating sum in Horner form (SciPy's `_compute_prob_outside_square`). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/** 1 − share of lattice paths staying strictly inside |x/m − y/n| < h/lcm (Hodges; Viehmann's stable recursion). */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const A = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = ((A[jj + minj - lastminj] as number) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1] as number;
}

function exactPValue(n1: number, n2: number, h: number): number | undefined {
  if (h === 0) return 1;
  const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, gcd(n1, n2), h);
  // SciPy falls back to the asymptotic distribution when the exact value is not a probability.
  return p >= 0 && p <= 1 ? p : undefined;
}

/** Two-sided two-sample KS test as `scipy.stats.ks_2samp(a, b)` (NaN values dropped); undefined if a sample is empty. */
export function ks2Samp(a: NumericInput, b: NumericInput): KsResult | undefined {
  return ks2SampSorted(sortedCopy(a), sortedCopy(b));
}

/** `ks2Samp` on two samples already sorted ascending without NaN (no copy, no sort). */
export function ks2SampSorted(sa: Float64Array, sb: Float64Array): KsResult | undefined {
  const n1 = sa.length;
  const n2 = sb.length;
  if (n1 === 0 || n2 === 0) return undefined;
  let d = ksStatistic(sa, sb);
  if (Math.max(n1, n2) <= KS_MAX_EXACT_N) {
    const lcm = (n1 / gcd(n1, n2)) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    const p = exactPValue(n1, n2, h);
    if (p !== undefined) return { statistic: d, pValue: p, method: 'exact' };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = roundHalfEven((m * n) / (m + n));
  return { statistic: d, pValue: Math.min(1, Math.max(0, kstwoSf(d, en))), method: 'asymptotic' };
}

/** Rounds half to even, as `numpy.round` does. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
