// Regression error metrics. All are errors: lower is better.
import { weightedMean } from './calibration';
import { NumericInput, Weights } from './numeric';
import { assertSameLength, PreparedMetric, weightAt } from './prepared';

/** Mean absolute error (`sklearn.metrics.mean_absolute_error`, with sample weights). */
export function prepareMae(targets: NumericInput, predictions: NumericInput): PreparedMetric {
  assertSameLength('mae', targets, predictions);
  const abs = new Float64Array(targets.length);
  for (let i = 0; i < abs.length; i++) abs[i] = Math.abs((targets[i] as number) - (predictions[i] as number));
  return { size: abs.length, evaluate: (weights?: Weights) => weightedMean(abs, weights) };
}

/** Mean absolute error, optionally weighted. */
export function meanAbsoluteError(targets: NumericInput, predictions: NumericInput, weights?: Weights): number {
  return prepareMae(targets, predictions).evaluate(weights);
}

/** Root mean squared error: sqrt of `sklearn.metrics.mean_squared_error` (with sample weights). */
export function prepareRmse(targets: NumericInput, predictions: NumericInput): PreparedMetric {
  assertSameLength('rmse', targets, predictions);
  const sq = new Float64Array(targets.length);
  for (let i = 0; i < sq.length; i++) sq[i] = ((targets[i] as number) - (predictions[i] as number)) ** 2;
  return { size: sq.length, evaluate: (weights?: Weights) => Math.sqrt(weightedMean(sq, weights)) };
}

/** Root mean squared error, optionally weighted. */
export function rootMeanSquaredError(targets: NumericInput, predictions: NumericInput, weights?: Weights): number {
  return prepareRmse(targets, predictions).evaluate(weights);
}

/** A target range [lo, hi); use -Infinity / Infinity for open ends. */
export interface TargetRange {
  readonly lo: number;
  readonly hi: number;
}

/** MAE of the rows whose target falls in one range. */
export interface TargetRangeError {
  readonly lo: number;
  readonly hi: number;
  /** Rows (total weight) in the range. */
  readonly count: number;
  /** MAE in the range; NaN when the range holds no row. */
  readonly mae: number;
}

/** MAE per target range: a row belongs to every range with lo <= target < hi. */
export function errorByTargetRange(
  targets: NumericInput, predictions: NumericInput, ranges: readonly TargetRange[], weights?: Weights,
): TargetRangeError[] {
  assertSameLength('error by range', targets, predictions);
  return ranges.map(({ lo, hi }) => {
    let s = 0;
    let w = 0;
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i] as number;
      if (!(t >= lo && t < hi)) continue;
      const wi = weightAt(weights, i);
      s += wi * Math.abs(t - (predictions[i] as number));
      w += wi;
    }
    return { lo, hi, count: w, mae: w > 0 ? s / w : Number.NaN };
  });
}
