/**
 * The two samples of one numeric column for its drift tests, with their ascending copies made on
 * first use and shared by every test of the column (KS, Wasserstein, quantile PSI): a card asking
 * for several tests on a column pays for one sort of each sample, not one per test. The copies
 * live as long as the column's tests; the buffers they are made in are the run's (`SortBuffers`),
 * so a run of many columns leaves no sorted copies and key arrays behind for the collector.
 */
import { RadixScratch, sortFloat64 } from '../../stats';

/** Buffers of one run's sorts: two sorted-copy slots and the radix sort's key arrays, grown to the largest sample. */
export class SortBuffers {
  readonly radix = new RadixScratch();
  private readonly slots: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];

  /** A copy of `values` in slot 0 or 1, valid until the slot is taken again (by the next column). */
  copy(values: Float64Array, slot: 0 | 1): Float64Array {
    if (this.slots[slot].length < values.length) this.slots[slot] = new Float64Array(values.length);
    const out = this.slots[slot].subarray(0, values.length);
    out.set(values);
    return out;
  }
}

/** Finite samples (no NaN, no infinity) of one column, in input order, with shared sorted copies. */
export class NumericPair {
  private sortedRef: Float64Array | undefined;
  private sortedCur: Float64Array | undefined;
  /** How many sorts this pair has done (at most one per sample); tests count them. */
  sorts = 0;

  /** `buffers` are the run's: a pair's sorted copies are valid until the next pair sorts. */
  constructor(readonly reference: Float64Array, readonly current: Float64Array, private readonly buffers: SortBuffers = new SortBuffers()) {}

  /** The reference sample sorted ascending (sorted on first use). */
  sortedReference(): Float64Array {
    this.sortedRef ??= this.sorted(this.reference, 0);
    return this.sortedRef;
  }

  /** The current sample sorted ascending (sorted on first use). */
  sortedCurrent(): Float64Array {
    this.sortedCur ??= this.sorted(this.current, 1);
    return this.sortedCur;
  }

  /** A sorted copy: the samples may be the table's own columns, which must stay in row order. */
  private sorted(values: Float64Array, slot: 0 | 1): Float64Array {
    this.sorts++;
    return sortFloat64(this.buffers.copy(values, slot), this.buffers.radix);
  }
}
