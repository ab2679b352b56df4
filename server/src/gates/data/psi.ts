/**
 * PSI over quantile bins of the reference, as the card's `drift.psi_bins` describes: the usual
 * credit-scoring definition, which the statistics module does not provide (its PSI follows
 * Evidently's Sturges binning). Edges are the reference's NumPy-linear quantiles at i/B, repeated
 * edges merged; bins are right-closed, so (−∞, e₁], (e₁, e₂], …, (e_{B−1}, ∞). Empty bins get
 * Evidently's fill (`fillEmptyBins`) before the logarithm.
 */
import { type DriftTestResult, fillEmptyBins, percentileSorted } from '../../stats';

/** Distinct quantile edges of sorted reference values. */
function quantileEdges(sortedRef: Float64Array, bins: number): Float64Array {
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const e = percentileSorted(sortedRef, (100 * i) / bins);
    if (edges.length === 0 || e > (edges[edges.length - 1] as number)) edges.push(e);
  }
  return Float64Array.from(edges);
}

/** Index of the right-closed bin holding v: the number of edges strictly below v. */
function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Shares of finite values per bin. */
function shares(values: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let n = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const b = binOf(edges, v);
    counts[b] = (counts[b] as number) + 1;
    n++;
  }
  return counts.map((c) => (n > 0 ? c / n : 0));
}

/**
 * PSI of a numeric column over `bins` reference-quantile bins; drifts when PSI ≥ threshold.
 * `sortedRef` is the reference's finite values sorted ascending (shared with the column's other tests).
 */
export function quantilePsi(sortedRef: Float64Array, current: Float64Array, bins: number, threshold: number): DriftTestResult | undefined {
  if (sortedRef.length === 0) return undefined;
  const edges = quantileEdges(sortedRef, bins);
  const r = fillEmptyBins(shares(sortedRef, edges));
  const c = fillEmptyBins(shares(current, edges));
  let psi = 0;
  for (let i = 0; i < r.length; i++) {
    const a = r[i] as number;
    const b = c[i] as number;
    psi += (a - b) * Math.log(a / b);
  }
  return { method: 'psi', statistic: psi, score: psi, threshold, drifted: psi >= threshold };
}
