/**
 * Percentiles without a full sort. NumPy's `percentile` partitions rather than sorts, and a gate
 * that needs two quartiles of a million values should not pay for ordering all of them: selection
 * finds the few order statistics the linear method reads in expected linear time. The values it
 * returns are exactly those of a full ascending sort (`sortedCopy`), including the sign of zero,
 * so `percentiles` agrees bit for bit with `percentileSorted(sortedCopy(values), q)`.
 */
import { finiteValues, linearPercentile, NumericInput, percentilePositions } from './numeric';
import { sortFloat64 } from './radix-sort';

/** Below this span a sort of the span is cheaper than partitioning it further. */
const SMALL_SPAN = 32;

/**
 * Percentiles (each q in [0, 100]) as `numpy.percentile(values, qs)` with the default linear
 * method; NaN values are dropped, NaN for empty input or q outside [0, 100].
 */
export function percentiles(values: NumericInput, qs: readonly number[]): number[] {
  const work = finiteValues(values);
  const n = work.length;
  const wanted = [...new Set(qs.flatMap((q) => percentilePositions(n, q)))].sort((a, b) => a - b);
  const at = selectPositions(work, wanted);
  return qs.map((q) => linearPercentile(n, q, (i) => at.get(i) as number));
}

/**
 * Rearranges `a` so that each position in `ks` (ascending) holds the value a full ascending sort
 * would put there, and returns those values. Positions are found left to right, each within the
 * part of the array the previous selection left to its right.
 */
export function selectPositions(a: Float64Array, ks: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  let left = 0;
  const right = a.length - 1;
  for (const k of ks) {
    quickselect(a, left, right, k);
    out.set(k, a[k] as number);
    left = k + 1;
  }
  fixZeroSigns(a, out);
  return out;
}

/**
 * Introselect with a three-way partition (runs of equal values, common in rounded evidence, end
 * the search at once). A budget of partition rounds bounds the work on adversarial input: when it
 * runs out, the remaining span is sorted instead, so the worst case is O(n log n), not O(n²).
 */
function quickselect(a: Float64Array, left: number, right: number, k: number): void {
  let budget = 2 * Math.ceil(Math.log2(right - left + 2)) + 8;
  let state = (left * 2654435761 + k * 40503 + right) >>> 0 || 1;
  while (right - left > SMALL_SPAN) {
    if (budget-- === 0) {
      sortFloat64(a.subarray(left, right + 1));
      return;
    }
    // A pseudo-random pivot (median of three), so no input order is systematically bad.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const span = right - left + 1;
    const pivot = medianOfThree(a[left + ((state >>> 0) % span)] as number, a[left + (span >> 1)] as number, a[right - ((state >>> 7) % span)] as number);
    const [lt, gt] = partition3(a, left, right, pivot);
    if (k < lt) right = lt - 1;
    else if (k > gt) left = gt + 1;
    else return;
  }
  sortFloat64(a.subarray(left, right + 1));
}

/** The median of three values. */
function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}

/**
 * Dutch-flag partition of a[left..right] around `pivot`: returns [lt, gt] with a[left..lt-1] < pivot,
 * a[lt..gt] == pivot (−0 and +0 count as equal here) and a[gt+1..right] > pivot.
 */
function partition3(a: Float64Array, left: number, right: number, pivot: number): [number, number] {
  let lt = left;
  let i = left;
  let gt = right;
  while (i <= gt) {
    const v = a[i] as number;
    if (v < pivot) {
      a[i++] = a[lt] as number;
      a[lt++] = v;
    } else if (v > pivot) {
      a[i] = a[gt] as number;
      a[gt--] = v;
    } else {
      i++;
    }
  }
  return [lt, gt];
}

/**
 * Selection compares with `<`, which cannot tell −0 from +0; a sort puts every −0 first. A selected
 * zero is therefore −0 exactly when its position falls in the block of negative zeros.
 */
function fixZeroSigns(a: Float64Array, out: Map<number, number>): void {
  if (![...out.values()].some((v) => v === 0)) return;
  let negatives = 0;
  let negativeZeros = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    if (v < 0) negatives++;
    else if (v === 0 && Object.is(v, -0)) negativeZeros++;
  }
  for (const [k, v] of out) {
    if (v === 0) out.set(k, k >= negatives && k < negatives + negativeZeros ? -0 : 0);
  }
}
