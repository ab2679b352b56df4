// Threshold and calibration metrics for binary classifiers: F1, Brier score, ECE.
import { BinaryLabels, oneClass } from './classification';
import { NumericInput, Weights } from './numeric';
import { assertSameLength, PreparedMetric, weightAt } from './prepared';
import { percentiles } from './select';

/**
 * F1 at a decision threshold: a row is predicted positive iff score >= threshold.
 * F1 = 2·TP / (2·TP + FP + FN); 0 when that denominator is 0 (scikit-learn's zero_division default).
 */
export function prepareF1(labels: BinaryLabels, scores: NumericInput, threshold: number): PreparedMetric {
  assertSameLength('f1', labels, scores);
  const n = scores.length;
  // Cell code: 0 = true negative, 1 = false negative, 2 = false positive, 3 = true positive.
  const cell = new Uint8Array(n);
  for (let i = 0; i < n; i++) cell[i] = ((scores[i] as number) >= threshold ? 2 : 0) + (labels[i] ? 1 : 0);
  return {
    size: n,
    evaluate(weights?: Weights): number {
      const sums = new Float64Array(4);
      for (let i = 0; i < n; i++) {
        const c = cell[i] as number;
        sums[c] = (sums[c] as number) + weightAt(weights, i);
      }
      const fn = sums[1] as number;
      const fp = sums[2] as number;
      const tp = sums[3] as number;
      const denominator = 2 * tp + fp + fn;
      return denominator > 0 ? (2 * tp) / denominator : 0;
    },
    degenerate: (weights?: Weights) => oneClass(n, (i) => (cell[i] as number) & 1, (i) => weightAt(weights, i)),
  };
}

/** F1 at `threshold` (positive iff score >= threshold), optionally weighted. */
export function f1AtThreshold(labels: BinaryLabels, scores: NumericInput, threshold: number, weights?: Weights): number {
  return prepareF1(labels, scores, threshold).evaluate(weights);
}

/** Brier score: weighted mean of (p − y)², as `sklearn.metrics.brier_score_loss`. Lower is better. */
export function prepareBrier(labels: BinaryLabels, probabilities: NumericInput): PreparedMetric {
  assertSameLength('brier', labels, probabilities);
  const n = probabilities.length;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) sq[i] = ((probabilities[i] as number) - (labels[i] ? 1 : 0)) ** 2;
  return { size: n, evaluate: (weights?: Weights) => weightedMean(sq, weights) };
}

/** Brier score (`sklearn.metrics.brier_score_loss`), optionally weighted. */
export function brierScore(labels: BinaryLabels, probabilities: NumericInput, weights?: Weights): number {
  return prepareBrier(labels, probabilities).evaluate(weights);
}

/** Number of ECE bins. */
export const DEFAULT_ECE_BINS = 10;

/** How ECE bins are cut: equal width on [0, 1], or equal counts (scikit-learn's `strategy='quantile'`). */
export type EceBinning = 'uniform' | 'quantile';

/**
 * Expected calibration error over B bins. ECE = Σ_bins (bin weight / total weight) ·
 * |mean label − mean probability| in the bin.
 * - `uniform`: bin i covers [i/B, (i+1)/B), the last bin is closed at 1 (probabilities outside
 *   [0, 1] are clamped into the end bins).
 * - `quantile`: as `sklearn.calibration.calibration_curve(strategy='quantile')`: edges are the
 *   percentiles of the (unweighted) probabilities at `linspace(0, 1, B + 1) * 100`, and a value's bin
 *   is the number of inner edges strictly below it (`searchsorted`, side left). Tied edges leave
 *   empty bins, which count for nothing. The edges are fixed by the sample given here, so resampling
 *   weights do not move them.
 */
export function prepareEce(labels: BinaryLabels, probabilities: NumericInput, bins = DEFAULT_ECE_BINS, binning: EceBinning = 'uniform'): PreparedMetric {
  assertSameLength('ece', labels, probabilities);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`ece: bins must be a positive integer, got ${bins}`);
  const n = probabilities.length;
  const binOf = binning === 'quantile' ? quantileBinner(probabilities, bins) : (p: number) => Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
  const bin = new Uint32Array(n);
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = probabilities[i] as number;
    bin[i] = binOf(p);
    residual[i] = (labels[i] ? 1 : 0) - p;
  }
  return {
    size: n,
    evaluate(weights?: Weights): number {
      // share_b · |mean_y − mean_p| = |Σ_b w·(y − p)| / W, so one pass over the rows suffices.
      const perBin = new Float64Array(bins);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const w = weightAt(weights, i);
        perBin[bin[i] as number] = (perBin[bin[i] as number] as number) + w * (residual[i] as number);
        total += w;
      }
      let sum = 0;
      for (const s of perBin) sum += Math.abs(s);
      return total > 0 ? sum / total : Number.NaN;
    },
  };
}

/** The bin of a value under quantile edges: how many inner edges lie strictly below it. */
function quantileBinner(probabilities: NumericInput, bins: number): (p: number) => number {
  // NumPy's linspace(0, 1, B + 1) is i * (1 / B); scikit-learn multiplies by 100 for np.percentile.
  const qs = Array.from({ length: bins - 1 }, (_, i) => (i + 1) * (1 / bins) * 100);
  const inner = percentiles(probabilities, qs);
  return (p) => {
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((inner[mid] as number) < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Expected calibration error (binning as `prepareEce`), optionally weighted. */
export function expectedCalibrationError(
  labels: BinaryLabels, probabilities: NumericInput, bins = DEFAULT_ECE_BINS, weights?: Weights, binning: EceBinning = 'uniform',
): number {
  return prepareEce(labels, probabilities, bins, binning).evaluate(weights);
}

/** Weighted mean of per-row values; NaN when the total weight is 0. */
export function weightedMean(values: Float64Array, weights?: Weights): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    const wi = weightAt(weights, i);
    s += wi * (values[i] as number);
    w += wi;
  }
  return w > 0 ? s / w : Number.NaN;
}
