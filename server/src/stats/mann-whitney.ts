/**
 * The Mann-Whitney U rank test of two independent samples, as `scipy.stats.mannwhitneyu` (SciPy
 * 1.10): U of the first sample from average ranks, an exact p-value from the null distribution of U
 * (no tie correction) or the normal approximation with tie correction and continuity correction.
 * Kayenta compares canary and baseline per-interval values with it; so does the canary judge.
 */
import { logGamma, normalSf } from './special';

/** Which way the first sample is expected to differ from the second. */
export type MwuAlternative = 'two-sided' | 'greater' | 'less';

/** How the p-value is computed; `auto` picks as SciPy 1.10 does. */
export type MwuMethod = 'auto' | 'exact' | 'asymptotic';

/** The test's result. */
export interface MwuResult {
  /** U of the first sample (SciPy's `statistic`), whatever the alternative. */
  statistic: number;
  pValue: number;
  /** The method actually used. */
  method: 'exact' | 'asymptotic';
  n1: number;
  n2: number;
}

/**
 * The largest n2 × (n1 × n2 + 1) table the exact distribution may fill. Beyond it the normal
 * approximation is used (and reported as the method), as it is exact to many digits by then.
 */
export const MWU_MAX_EXACT_CELLS = 4_000_000;

/**
 * Mann-Whitney U of `x` against `y`. Undefined when either sample is empty or holds NaN (SciPy
 * raises); infinities rank like any value.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[], alternative: MwuAlternative = 'two-sided', method: MwuMethod = 'auto', continuity = true): MwuResult | undefined {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0 || x.some(Number.isNaN) || y.some(Number.isNaN)) return undefined;
  const { ranks, tieTerm } = averageRanks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i] as number;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const factor = alternative === 'two-sided' ? 2 : 1;
  let used: 'exact' | 'asymptotic' = method === 'auto' ? ((n1 > 8 && n2 > 8) || tieTerm > 0 ? 'asymptotic' : 'exact') : method;
  if (used === 'exact' && n2 * (n1 * n2 + 1) > MWU_MAX_EXACT_CELLS) used = 'asymptotic';
  const p = used === 'exact' ? exactSf(Math.trunc(u), n1, n2) : normalSf(mwuZ(u, n1, n2, tieTerm, continuity));
  return { statistic: u1, pValue: Math.min(1, Math.max(0, p * factor)), method: used, n1, n2 };
}

/** Average ranks (1-based, ties share their mean rank) and the tie term Σ(t³ − t). */
function averageRanks(values: readonly number[]): { ranks: Float64Array; tieTerm: number } {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  const ranks = new Float64Array(values.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    // Equal values (infinities included: Infinity - Infinity is NaN, so compare directly).
    while (j + 1 < order.length && values[order[j + 1] as number] === values[order[i] as number]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/** The standardized statistic with tie correction (and the 1/2 continuity correction). */
function mwuZ(u: number, n1: number, n2: number, tieTerm: number, continuity: boolean): number {
  const n = n1 + n2;
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const numerator = u - (n1 * n2) / 2 - (continuity ? 0.5 : 0);
  // All values equal: s is 0 and the p-value is 1 (SciPy gets there through −inf as well).
  return numerator / s;
}

/**
 * P(U ≥ k) under the null, as SciPy: by symmetry the CDF at m·n − k, a running sum of
 * f(m, n, j) / C(m + n, m) where f counts the arrangements with U = j (Mann & Whitney's recurrence
 * f(m, n, k) = f(m − 1, n, k − n) + f(m, n − 1, k), in SciPy's orientation m = n1, n = n2).
 */
function exactSf(k: number, m: number, n: number): number {
  const top = m * n - k;
  if (top < 0) return 0;
  const counts = arrangementCounts(m, n);
  const total = binom(m + n, m);
  let cdf = 0;
  for (let j = 0; j <= top; j++) cdf += (counts[j] ?? 0) / total;
  return cdf;
}

/** f(m, n, ·) for every U from 0 to m·n, built one m at a time over every n′ ≤ n. */
function arrangementCounts(m: number, n: number): Float64Array {
  // prev[j] = f(i − 1, j, ·); f(0, j, k) is 1 at k = 0 only.
  let prev: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const row = new Float64Array(i * j + 1);
      const left = prev[j] as Float64Array;
      const down = cur[j - 1] as Float64Array;
      for (let k = 0; k <= i * j; k++) {
        // f(i, j, 0) = 1; otherwise f(i − 1, j, k − j) + f(i, j − 1, k), zero outside 0..i·j.
        row[k] = k === 0 ? 1 : (k - j >= 0 ? (left[k - j] ?? 0) : 0) + (down[k] ?? 0);
      }
      cur.push(row);
    }
    prev = cur;
  }
  return prev[n] as Float64Array;
}

/** C(n, k) as `scipy.special.binom` computes it for integers: a product for small k, else Γ. */
function binom(n: number, k: number): number {
  let kx = k;
  if (kx > n / 2 && n > 0) kx = n - kx;
  if (kx >= 0 && kx < 20) {
    let num = 1;
    let den = 1;
    for (let i = 1; i <= kx; i++) {
      num *= i + n - kx;
      den *= i;
      if (Math.abs(num) > 1e50) {
        num /= den;
        den = 1;
      }
    }
    return num / den;
  }
  return Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1));
}
