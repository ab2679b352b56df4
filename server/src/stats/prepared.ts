// The shape shared by every quality metric so that the bootstrap can reweight without re-sorting.
import { Weights } from './numeric';

/** A metric whose expensive set-up (sorting, grouping) is done once; `evaluate` is O(size). */
export interface PreparedMetric {
  /** Number of resampling units: rows, or queries for ranking metrics. */
  readonly size: number;
  /** The metric with unit i counted `weights[i]` times (every unit once when omitted). */
  evaluate(weights?: Weights): number;
  /**
   * True when these weights (every unit once when omitted) leave nothing to compare: labels of one
   * class, or no query whose items a ranking could reorder to another score. The metric is then a
   * property of the labels alone, the same for any model (AP 0 vs 0, NDCG 1 vs 1), so it is no
   * evidence about either model. Metrics defined on any sample (MAE, RMSE) leave it out.
   */
  degenerate?(weights?: Weights): boolean;
}

/** True when either metric says these weights leave nothing to compare. */
export function isDegenerate(a: PreparedMetric, b: PreparedMetric, weights?: Weights): boolean {
  return (a.degenerate?.(weights) ?? false) || (b.degenerate?.(weights) ?? false);
}

/** Weight of unit i, 1 when no weights are given. */
export function weightAt(weights: Weights | undefined, i: number): number {
  return weights === undefined ? 1 : (weights[i] as number);
}

/** Throws when two parallel inputs differ in length: a programming error, not a user finding. */
export function assertSameLength(what: string, a: { length: number }, b: { length: number }): void {
  if (a.length !== b.length) throw new RangeError(`${what}: inputs differ in length (${a.length} vs ${b.length})`);
}
