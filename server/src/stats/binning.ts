// Evidently-compatible binning for the distance tests (Jensen–Shannon, PSI): `get_binned_data`.
import { NumericInput } from './numeric';

/** A category code; `null`, `undefined` and NaN mean missing and are skipped. */
export type CategoryValue = string | number;

/** Missing categorical cell. */
export type MaybeCategory = CategoryValue | null | undefined;

/**
 * Counts of each present value, in first-seen order, for a caller that already has them: a
 * dictionary-encoded column is counted from its codes in one pass over a typed array, instead of
 * being expanded into one string per row only to be counted again here.
 */
export class CategoryCounts {
  /** Wraps counts (every count positive, keys in first-seen order). */
  constructor(readonly counts: ReadonlyMap<CategoryValue, number>) {}
}

/** Categorical input of the drift tests: one cell per row, or the counts of the cells. */
export type CategoricalInput = readonly MaybeCategory[] | CategoryCounts;

/** Share of each bin (or category) in the reference and in the current sample, same order. */
export interface BinnedShares {
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

/** Value added to empty bins before PSI takes logarithms (Evidently's rule, see `fillEmptyBins`). */
export const EMPTY_BIN_SHARE = 0.0001;

/** True for a category cell that holds a value. */
export function isPresent(v: MaybeCategory): v is CategoryValue {
  return v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v));
}

/** Counts of each present value, in first-seen order. */
export function countValues(values: CategoricalInput | NumericInput): Map<CategoryValue, number> {
  if (values instanceof CategoryCounts) return new Map(values.counts);
  const counts = new Map<CategoryValue, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as MaybeCategory;
    if (isPresent(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}

/** Bin edges as `numpy.histogram_bin_edges(values, bins='sturges')` (values without NaN, non-empty). */
export function sturgesBinEdges(values: Float64Array): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = (hi - lo) / (Math.log2(values.length) + 1);
  const bins = width > 0 ? Math.ceil((hi - lo) / width) : 1;
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  // numpy.linspace: start + i * step, with the last edge set exactly to stop.
  const step = (hi - lo) / bins;
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i++) edges[i] = lo + i * step;
  edges[bins] = hi;
  return edges;
}

/** Counts per bin as `numpy.histogram(values, edges)` for uniform edges (last bin closed, outside values dropped). */
export function histogramCounts(values: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const first = edges[0] as number;
  const last = edges[bins] as number;
  const norm = bins / (last - first);
  const counts = new Float64Array(bins);
  for (const v of values) {
    if (!(v >= first && v <= last)) continue;
    // NumPy computes the index arithmetically, then corrects it against the actual edges.
    let idx = Math.floor((v - first) * norm);
    if (idx >= bins) idx = bins - 1;
    if (v < (edges[idx] as number)) idx--;
    else if (idx !== bins - 1 && v >= (edges[idx + 1] as number)) idx++;
    counts[idx] = (counts[idx] as number) + 1;
  }
  return counts;
}

function sharesOver(keys: readonly CategoryValue[], counts: Map<CategoryValue, number>, total: number): Float64Array {
  const out = new Float64Array(keys.length);
  keys.forEach((k, i) => (out[i] = (counts.get(k) ?? 0) / total));
  return out;
}

/**
 * Evidently's `get_binned_data`: numeric columns whose reference has more than 20 distinct values
 * are cut into Sturges bins over the pooled sample; other columns use the frequency of each value
 * over the union of values. Shares are of the non-missing count of each sample.
 */
export function binnedShares(
  reference: CategoricalInput | Float64Array,
  current: CategoricalInput | Float64Array,
  numeric: boolean,
): BinnedShares {
  const refCounts = countValues(reference);
  const curCounts = countValues(current);
  const refTotal = sumCounts(refCounts);
  const curTotal = sumCounts(curCounts);
  if (numeric && refCounts.size > 20) {
    const ref = Float64Array.from(refCountsToValues(reference));
    const cur = Float64Array.from(refCountsToValues(current));
    const pooled = new Float64Array(ref.length + cur.length);
    pooled.set(ref);
    pooled.set(cur, ref.length);
    const edges = sturgesBinEdges(pooled);
    return {
      reference: histogramCounts(ref, edges).map((c) => c / refTotal),
      current: histogramCounts(cur, edges).map((c) => c / curTotal),
    };
  }
  const keys = [...new Set([...refCounts.keys(), ...curCounts.keys()])];
  return { reference: sharesOver(keys, refCounts, refTotal), current: sharesOver(keys, curCounts, curTotal) };
}

function refCountsToValues(values: CategoricalInput | Float64Array): number[] {
  const out: number[] = [];
  if (values instanceof CategoryCounts) {
    for (const [v, c] of values.counts) if (typeof v === 'number') for (let k = 0; k < c; k++) out.push(v);
    return out;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && !Number.isNaN(v)) out.push(v);
  }
  return out;
}

function sumCounts(counts: Map<CategoryValue, number>): number {
  let s = 0;
  for (const c of counts.values()) s += c;
  return s;
}

/**
 * Evidently's zero filling before PSI: an empty bin gets share 0.0001, or, when the smallest
 * non-empty share is itself <= 0.0001, that share divided by 10⁶. Returns a new array.
 */
export function fillEmptyBins(shares: Float64Array): Float64Array {
  let minNonZero = Infinity;
  for (const s of shares) if (s !== 0 && s < minNonZero) minNonZero = s;
  const fill = minNonZero <= EMPTY_BIN_SHARE ? minNonZero / 1e6 : EMPTY_BIN_SHARE;
  return shares.map((s) => (s === 0 ? fill : s));
}
