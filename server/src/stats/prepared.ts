// The shape shared by every quality metric so that the bootstrap can reweight without re-sorting.
import { Weights } from './numeric';

/** A metric whose expensive set-up (sorting, grouping) is done once; `evaluate` is O(size). */
export interface PreparedMetric {
  /** Number of resampling units: rows, or queries for ranking metrics. */
  readonly size: number;
  /** The metric with unit i counted `weights[i]` times (every unit once when omitted). */
  evaluate(weights?: Weights): number;
}

/** Weight of unit i, 1 when no weights are given. */
export function weightAt(weights: Weights | undefined, i: number): number {
  return weights === undefined ? 1 : (weights[i] as number);
}

/** Throws when two parallel inputs differ in length: a programming error, not a user finding. */
export function assertSameLength(what: string, a: { length: number }, b: { length: number }): void {
  if (a.length !== b.length) throw new RangeError(`${what}: inputs differ in length (${a.length} vs ${b.length})`);
}
