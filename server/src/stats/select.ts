/**
 * Percentiles without sorting everything. The linear method reads at most two sorted positions per
 * percentile, and a gate that wants two quartiles of a million values should not order all of them.
 *
 * The search is by sampling: a sorted sample of a few thousand values brackets each wanted
 * position between two sample values; one pass over the data counts the values below each bracket
 * and keeps the (few) values inside it; sorting only those gives the exact order statistics. When
 * a bracket misses its position (unlikely, and always detected), or the input is small, the values
 * are sorted in full. Either way the result is exactly that of a full ascending sort, including the
 * sign of zero, so `percentiles` agrees bit for bit with `percentileSorted(sortedCopy(values), q)`.
 */
import { linearPercentile, NumericInput, percentilePositions, sortedCopy } from './numeric';
import { sortFloat64 } from './radix-sort';

/** Below this many values a full sort is about as fast and simpler. */
const SAMPLED_MIN_LENGTH = 1 << 16;
/** Values in the sample that brackets the wanted positions. */
const SAMPLE_SIZE = 8192;
/** Sample ranks on each side of a wanted position's expected sample rank (about 3.5 standard deviations at the median). */
const BRACKET = 160;

/**
 * Percentiles (each q in [0, 100]) as `numpy.percentile(values, qs)` with the default linear
 * method; NaN values are dropped, NaN for empty input or q outside [0, 100].
 */
export function percentiles(values: NumericInput, qs: readonly number[]): number[] {
  const n = presentCount(values);
  const wanted = [...new Set(qs.flatMap((q) => percentilePositions(n, q)))].sort((a, b) => a - b);
  const at = (n >= SAMPLED_MIN_LENGTH ? sampledPositions(values, n, wanted) : undefined) ?? sortedPositions(values, wanted);
  return qs.map((q) => linearPercentile(n, q, (i) => at.get(i) as number));
}

/** Percentile (q in [0, 100]) exactly as `numpy.percentile(values, q)` with method 'linear'; NaN values are dropped. */
export function percentile(values: NumericInput, q: number): number {
  return percentiles(values, [q])[0] as number;
}

/** Number of non-NaN values. */
function presentCount(values: NumericInput): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) n++;
  return n;
}

/** The wanted positions read from a full sort. */
function sortedPositions(values: NumericInput, wanted: readonly number[]): Map<number, number> {
  const sorted = sortedCopy(values);
  return new Map(wanted.map((k) => [k, sorted[k] as number]));
}

/** One bracket [lo, hi] around wanted positions. */
interface Bracket {
  lo: number;
  hi: number;
  positions: number[];
}

/** The wanted positions by sampling, or undefined when a bracket misses its position. */
function sampledPositions(values: NumericInput, n: number, wanted: readonly number[]): Map<number, number> | undefined {
  const sample = sampleOf(values);
  const s = sample.length;
  if (s < 4 * BRACKET) return undefined;
  const brackets: Bracket[] = [];
  for (const k of wanted) {
    const r = Math.floor((k / Math.max(n - 1, 1)) * (s - 1));
    const lo = r - BRACKET <= 0 ? -Infinity : (sample[r - BRACKET] as number);
    const hi = r + BRACKET >= s - 1 ? Infinity : (sample[r + BRACKET] as number);
    const last = brackets[brackets.length - 1];
    // Overlapping brackets (neighbouring positions) merge, so no value is kept twice.
    if (last && lo <= last.hi) {
      last.hi = Math.max(last.hi, hi);
      last.positions.push(k);
    } else {
      brackets.push({ lo, hi, positions: [k] });
    }
  }
  const out = new Map<number, number>();
  for (const b of brackets) {
    const { below, inside } = scan(values, b.lo, b.hi);
    const sorted = sortFloat64(inside);
    for (const k of b.positions) {
      const j = k - below;
      if (j < 0 || j >= sorted.length) return undefined;
      out.set(k, sorted[j] as number);
    }
  }
  return out;
}

/** One pass: how many values lie below `lo`, and the values in [lo, hi] (NaN is in neither). */
function scan(values: NumericInput, lo: number, hi: number): { below: number; inside: Float64Array } {
  let below = 0;
  let inside = new Float64Array(1024);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < lo) below++;
    else if (v <= hi) {
      if (m === inside.length) {
        const grown = new Float64Array(m * 2);
        grown.set(inside);
        inside = grown;
      }
      inside[m++] = v;
    }
  }
  return { below, inside: inside.subarray(0, m) };
}

/**
 * A sorted sample of the non-NaN values at evenly strided positions with a fixed pseudo-random
 * offset per stride, so the result is reproducible and no regular pattern in the data lines up with it.
 */
function sampleOf(values: NumericInput): Float64Array {
  const stride = values.length / SAMPLE_SIZE;
  const out: number[] = [];
  let state = 0x9e3779b9;
  for (let i = 0; i < SAMPLE_SIZE; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const v = values[Math.min(values.length - 1, Math.floor(i * stride + ((state >>> 0) / 2 ** 32) * stride))] as number;
    if (!Number.isNaN(v)) out.push(v);
  }
  return sortFloat64(Float64Array.from(out));
}
