/**
 * The two samples of one numeric column for its drift tests, with their ascending copies made on
 * first use and shared by every test of the column (KS, Wasserstein, quantile PSI): a card asking
 * for several tests on a column pays for one sort of each sample, not one per test. The copies
 * live as long as the column's tests, so at most one column's copies are held at a time.
 */
import { sortFloat64 } from '../../stats';

/** Finite samples (no NaN, no infinity) of one column, in input order, with shared sorted copies. */
export class NumericPair {
  private sortedRef: Float64Array | undefined;
  private sortedCur: Float64Array | undefined;
  /** How many sorts this pair has done (at most one per sample); tests count them. */
  sorts = 0;

  constructor(readonly reference: Float64Array, readonly current: Float64Array) {}

  /** The reference sample sorted ascending (sorted on first use). */
  sortedReference(): Float64Array {
    this.sortedRef ??= this.sorted(this.reference);
    return this.sortedRef;
  }

  /** The current sample sorted ascending (sorted on first use). */
  sortedCurrent(): Float64Array {
    this.sortedCur ??= this.sorted(this.current);
    return this.sortedCur;
  }

  /** A sorted copy: the samples may be the table's own columns, which must stay in row order. */
  private sorted(values: Float64Array): Float64Array {
    this.sorts++;
    return sortFloat64(values.slice());
  }
}
