// Paired bootstrap of a metric difference for the quality gate's non-inferiority decision:
// pass iff lower(metric_new − metric_base) > −delta, the lower end of a two-sided interval.
import { bcaInterval, jackknifeAcceleration } from './bca';
import { percentileSorted } from './numeric';
import { isDegenerate, PreparedMetric } from './prepared';
import { Xoshiro128 } from './random';

/** How the interval is built: bootstrap percentiles, or bias-corrected and accelerated (BCa). */
export type IntervalMethod = 'percentile' | 'bca';

/** Options of the paired bootstrap. */
export interface PairedBootstrapOptions {
  /** Non-inferiority margin, in metric units (>= 0). */
  readonly delta: number;
  /** False for error metrics (MAE, RMSE, Brier, ECE): the difference becomes base − new. Default true. */
  readonly higherIsBetter?: boolean;
  /** Number of resamples; default 1000. */
  readonly resamples?: number;
  /** Two-sided confidence level; default 0.95. */
  readonly confidence?: number;
  /** PRNG seed (unsigned 32-bit); default 0. */
  readonly seed?: number;
  /** Interval method; default 'percentile'. */
  readonly method?: IntervalMethod;
  /** Fewer resampling units than this makes the result 'insufficient'; default 100. */
  readonly minSampleSize?: number;
  /** Also return the sorted bootstrap distribution (for a chart); default false. */
  readonly keepDistribution?: boolean;
}

/** Default minimum number of resampling units (rows or queries). */
export const DEFAULT_MIN_SAMPLE_SIZE = 100;

/** Outcome of the paired bootstrap: a decision, or why there is none. */
export type PairedBootstrapResult =
  | {
      readonly status: 'ok';
      readonly newValue: number;
      readonly baseValue: number;
      /** Observed difference, oriented so that positive = new is better. */
      readonly difference: number;
      readonly lower: number;
      readonly upper: number;
      readonly delta: number;
      /** lower > −delta. */
      readonly pass: boolean;
      readonly method: IntervalMethod;
      readonly confidence: number;
      readonly resamples: number;
      /** Resamples where a metric was undefined or compared nothing (labels of one class), left out. */
      readonly skippedResamples: number;
      /** The bootstrap distribution of the oriented difference, sorted (the kept resamples), when asked for. */
      readonly distribution?: Float64Array;
      readonly seed: number;
      readonly sampleSize: number;
    }
  | { readonly status: 'insufficient'; readonly sampleSize: number; readonly minSampleSize: number; readonly reason: string };

/** The bootstrap distribution of the oriented difference, sorted, plus the skipped count. */
function resampleDifferences(
  newMetric: PreparedMetric, baseMetric: PreparedMetric, resamples: number, seed: number, sign: number,
): { sorted: Float64Array; skipped: number } {
  const rng = new Xoshiro128(seed);
  const counts = new Uint32Array(newMetric.size);
  const diffs = new Float64Array(resamples);
  let kept = 0;
  for (let b = 0; b < resamples; b++) {
    // One draw of counts per resample, applied to both models: this is what makes it paired.
    rng.fillBootstrapCounts(counts);
    const d = sign * (newMetric.evaluate(counts) - baseMetric.evaluate(counts));
    // A resample of one class scores both models alike (AP 0 vs 0): no evidence, so left out.
    if (Number.isFinite(d) && !isDegenerate(newMetric, baseMetric, counts)) diffs[kept++] = d;
  }
  return { sorted: diffs.subarray(0, kept).sort(), skipped: resamples - kept };
}

/** Paired bootstrap interval of (new − base), positive = better, and the non-inferiority decision. */
export function pairedBootstrap(
  newMetric: PreparedMetric, baseMetric: PreparedMetric, options: PairedBootstrapOptions,
): PairedBootstrapResult {
  if (newMetric.size !== baseMetric.size) {
    throw new RangeError(`paired bootstrap: new and base cover ${newMetric.size} and ${baseMetric.size} units`);
  }
  const n = newMetric.size;
  const minSampleSize = options.minSampleSize ?? DEFAULT_MIN_SAMPLE_SIZE;
  if (n < minSampleSize) {
    return { status: 'insufficient', sampleSize: n, minSampleSize, reason: `${n} samples, at least ${minSampleSize} required` };
  }
  const sign = options.higherIsBetter === false ? -1 : 1;
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const seed = (options.seed ?? 0) >>> 0;
  const method = options.method ?? 'percentile';
  if (isDegenerate(newMetric, baseMetric)) {
    return { status: 'insufficient', sampleSize: n, minSampleSize, reason: 'the sample holds nothing the metric can compare (labels of one class, or no query a ranking can change)' };
  }
  const newValue = newMetric.evaluate();
  const baseValue = baseMetric.evaluate();
  const difference = sign * (newValue - baseValue);
  if (!Number.isFinite(difference)) {
    return { status: 'insufficient', sampleSize: n, minSampleSize, reason: 'the metric is undefined on this sample' };
  }
  const { sorted, skipped } = resampleDifferences(newMetric, baseMetric, resamples, seed, sign);
  if (sorted.length < resamples / 2) {
    return { status: 'insufficient', sampleSize: n, minSampleSize, reason: 'the metric is undefined on most resamples' };
  }
  const alpha = (1 - confidence) / 2;
  const [lower, upper] =
    method === 'bca'
      ? bcaInterval(sorted, difference, jackknifeAcceleration(newMetric, baseMetric, sign), alpha)
      : [percentileSorted(sorted, 100 * alpha), percentileSorted(sorted, 100 * (1 - alpha))];
  return {
    status: 'ok', newValue, baseValue, difference, lower, upper, delta: options.delta,
    pass: lower > -options.delta, method, confidence, resamples, skippedResamples: skipped, seed, sampleSize: n,
    ...(options.keepDistribution ? { distribution: sorted } : {}),
  };
}
