import { sortFloat64 } from './radix-sort';

/** Numeric input accepted by every statistic: a typed array or a plain read-only array. */
export type NumericInput = Float64Array | readonly number[];

/**
 * Optional per-row weights (non-negative). A Uint32Array is taken to hold bootstrap counts and is
 * summed in 32-bit integers, so its total must stay below 2^31.
 */
export type Weights = Uint32Array | Float64Array | readonly number[];

/** Copies the input into a new Float64Array, dropping NaN (missing) values; infinities are kept. */
export function finiteValues(values: NumericInput): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) out[j++] = v;
  }
  return out;
}

/** Returns a sorted copy (ascending, numeric order) of the input; NaN values are dropped. */
export function sortedCopy(values: NumericInput): Float64Array {
  // A radix sort for large inputs, in the same numeric order as Float64Array.prototype.sort.
  return sortFloat64(finiteValues(values));
}

/**
 * Percentile of already-sorted data with NumPy's default method ('linear', type 7):
 * index h = (n - 1) * q / 100, result = x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]).
 * `q` is in [0, 100]. Returns NaN for empty input.
 */
export function percentileSorted(sorted: NumericInput, q: number): number {
  return linearPercentile(sorted.length, q, (i) => sorted[i] as number);
}

/** Sorted positions the linear method reads for `q` of `n` values: floor(h), and floor(h) + 1 when it exists. */
export function percentilePositions(n: number, q: number): number[] {
  if (n === 0 || !(q >= 0 && q <= 100)) return [];
  const lo = Math.min(Math.max(Math.floor((n - 1) * (q / 100)), 0), n - 1);
  return lo + 1 < n ? [lo, lo + 1] : [lo];
}

/** The linear method over `n` sorted values, reading the value at sorted position i through `at(i)`. */
export function linearPercentile(n: number, q: number, at: (i: number) => number): number {
  if (n === 0 || !(q >= 0 && q <= 100)) return Number.NaN;
  // Same operation order as NumPy ((n - 1) * (q / 100)), so results agree bit for bit.
  const h = (n - 1) * (q / 100);
  const lo = Math.min(Math.max(Math.floor(h), 0), n - 1);
  const below = at(lo);
  if (lo + 1 >= n) return below;
  const above = at(lo + 1);
  const g = h - lo;
  // NumPy's _lerp switches formula at g >= 0.5 so that the result is exact at both ends.
  const diff = above - below;
  return g >= 0.5 ? above - diff * (1 - g) : below + diff * g;
}

/** Arithmetic mean; NaN for empty input. */
export function mean(values: NumericInput): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s / values.length;
}

/** Population standard deviation (ddof = 0, as `numpy.std`); NaN for empty input. */
export function populationStd(values: NumericInput): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m;
    s += d * d;
  }
  return Math.sqrt(s / values.length);
}
