// First Wasserstein distance between two empirical distributions.
import { NumericInput, sortedCopy } from './numeric';

/**
 * W1 between the empirical distributions of `u` and `v` (as `scipy.stats.wasserstein_distance`):
 * the integral of |F_u − F_v| over the pooled support. NaN values are dropped; NaN if either is empty.
 */
export function wassersteinDistance(u: NumericInput, v: NumericInput): number {
  return wassersteinSorted(sortedCopy(u), sortedCopy(v));
}

/** W1 of two samples already sorted ascending without NaN (no copy, no sort). */
export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const nu = a.length;
  const nv = b.length;
  if (nu === 0 || nv === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let prev = Math.min(a[0] as number, b[0] as number);
  let total = 0;
  while (i < nu || j < nv) {
    const next = Math.min(i < nu ? (a[i] as number) : Infinity, j < nv ? (b[j] as number) : Infinity);
    // Between prev and next both ECDFs are constant at i/nu and j/nv.
    if (next > prev) total += Math.abs(i / nu - j / nv) * (next - prev);
    while (i < nu && a[i] === next) i++;
    while (j < nv && b[j] === next) j++;
    prev = next;
  }
  return total;
}
