/**
 * Ascending sort of doubles by an LSD radix sort on their IEEE-754 bits. The data gate sorts two
 * 1M-value samples per numeric column (Wasserstein, KS); a radix sort does that in linear passes
 * (six 11-bit digits, all counted in one read of the input) instead of n log n comparisons, with
 * exactly the order of Float64Array's own sort (-Infinity < negatives < -0 < +0 < positives <
 * Infinity). NaN must already be removed.
 */

/** Below this length the built-in comparison sort is as fast and allocates nothing. */
export const RADIX_MIN_LENGTH = 2048;

/**
 * 11-bit digits: six passes over the two 32-bit halves of a key (11 + 11 + 10 bits each). Small
 * count tables keep the scatter's writes within cache, which beats fewer passes with 16-bit digits.
 */
const DIGIT_BITS = 11;
/** Values of one digit. */
export const DIGIT_SIZE = 1 << DIGIT_BITS;
/** Mask of one digit. */
export const DIGIT_MASK = DIGIT_SIZE - 1;
/** The passes: which 32-bit half of the key, and the digit's shift in it. */
export const PASSES: readonly (readonly [0 | 1, number])[] = [[0, 0], [0, 11], [0, 22], [1, 0], [1, 11], [1, 22]];

/** Radix passes read the two 32-bit halves of each double; that layout needs a little-endian host. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The key arrays of radix sorts (16 bytes per value), kept for the next sort: a caller sorting
 * many large samples in a row (the data gate, two per column) passes one, so each sort does not
 * leave 16 MB per million values behind for the garbage collector.
 */
export class RadixScratch {
  private arrays: Uint32Array[] = [];

  /** Four key arrays of `n` values (views into arrays grown to the largest `n` asked). */
  take(n: number): [Uint32Array, Uint32Array, Uint32Array, Uint32Array] {
    if ((this.arrays[0]?.length ?? 0) < n) this.arrays = [0, 1, 2, 3].map(() => new Uint32Array(n));
    const [a, b, c, d] = this.arrays.map((x) => x.subarray(0, n)) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    return [a, b, c, d];
  }
}

/** Sorts `values` (no NaN) ascending in place and returns it; `scratch` lends the key arrays. */
export function sortFloat64(values: Float64Array, scratch: RadixScratch = new RadixScratch()): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN_LENGTH || !LITTLE_ENDIAN) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let [lo, hi, tmpLo, tmpHi] = scratch.take(n);
  // One read of the input makes the keys and counts the digits of every pass.
  const counts = toSortableKeys(words, lo, hi);
  PASSES.forEach(([half, shift], p) => {
    const offsets = counts.subarray(p * DIGIT_SIZE, (p + 1) * DIGIT_SIZE);
    if (!toOffsets(offsets, n)) return; // Every key has the same digit: the pass is a no-op.
    scatter(lo, hi, tmpLo, tmpHi, half === 0 ? lo : hi, shift, offsets);
    [lo, tmpLo] = [tmpLo, lo];
    [hi, tmpHi] = [tmpHi, hi];
  });
  fromSortableKeys(lo, hi, words);
  return values;
}

/**
 * Maps doubles to unsigned keys whose order is numeric order (flip negatives, set the sign bit of
 * positives), and returns the digit counts of all six passes, DIGIT_SIZE per pass.
 */
export function toSortableKeys(words: Uint32Array, lo: Uint32Array, hi: Uint32Array): Uint32Array {
  const c = new Uint32Array(DIGIT_SIZE * PASSES.length);
  for (let i = 0; i < lo.length; i++) {
    let l = words[2 * i] as number;
    let h = words[2 * i + 1] as number;
    if (h & 0x80000000) {
      l = ~l >>> 0;
      h = ~h >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    lo[i] = l;
    hi[i] = h;
    bump(c, l & DIGIT_MASK);
    bump(c, DIGIT_SIZE + ((l >>> 11) & DIGIT_MASK));
    bump(c, 2 * DIGIT_SIZE + (l >>> 22));
    bump(c, 3 * DIGIT_SIZE + (h & DIGIT_MASK));
    bump(c, 4 * DIGIT_SIZE + ((h >>> 11) & DIGIT_MASK));
    bump(c, 5 * DIGIT_SIZE + (h >>> 22));
  }
  return c;
}

/** The inverse of `toSortableKeys`, written back into the doubles' words. */
function fromSortableKeys(lo: Uint32Array, hi: Uint32Array, words: Uint32Array): void {
  for (let i = 0; i < lo.length; i++) {
    const l = lo[i] as number;
    const h = hi[i] as number;
    if (h & 0x80000000) {
      words[2 * i] = l;
      words[2 * i + 1] = (h & 0x7fffffff) >>> 0;
    } else {
      words[2 * i] = ~l >>> 0;
      words[2 * i + 1] = ~h >>> 0;
    }
  }
}

/** Adds one to a count. */
function bump(counts: Uint32Array, at: number): void {
  counts[at] = (counts[at] as number) + 1;
}

/** Turns one pass's digit counts into start offsets in place; false when one digit holds every key. */
export function toOffsets(counts: Uint32Array, n: number): boolean {
  let sum = 0;
  for (let d = 0; d < DIGIT_SIZE; d++) {
    const c = counts[d] as number;
    if (c === n) return false;
    counts[d] = sum;
    sum += c;
  }
  return true;
}

/** Stable scatter of both key halves by the digit of `src`. */
function scatter(lo: Uint32Array, hi: Uint32Array, outLo: Uint32Array, outHi: Uint32Array, src: Uint32Array, shift: number, offsets: Uint32Array): void {
  for (let i = 0; i < src.length; i++) {
    const d = ((src[i] as number) >>> shift) & DIGIT_MASK;
    const at = offsets[d] as number;
    offsets[d] = at + 1;
    outLo[at] = lo[i] as number;
    outHi[at] = hi[i] as number;
  }
}
