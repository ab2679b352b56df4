// Whether a drift test may decide on two samples at all. A test on too few values, or outside the
// conditions its p-value rests on, returns a number that looks like evidence but is not: one row
// passes "no drift", a category the reference never holds gives an infinite chi-squared. These
// checks read the samples only; they never change what a test computes.
import { CategoricalInput, CategoryValue, countValues } from './binning';
import { compareCategories, DriftMethod } from './drift-tests';

/**
 * Fewest non-missing values in each sample any drift test decides on. Neither SciPy nor
 * Evidently sets one (Evidently refuses only an empty column); 30 is the usual floor below which
 * large-sample reasoning is not trusted, and it keeps a one-row slice from passing "no drift".
 */
export const MIN_DRIFT_SAMPLE_SIZE = 30;

/** Smallest expected count per category for chi-squared and the z-test (SciPy's `chisquare` rule). */
export const MIN_EXPECTED_COUNT = 5;

/** Why a drift test cannot decide on these samples. */
export type DriftSampleProblem =
  /** A sample holds fewer non-missing values than `minimum`. */
  | { readonly kind: 'too-few'; readonly sample: 'reference' | 'current'; readonly size: number; readonly minimum: number }
  /** Chi-squared over a single category: no degrees of freedom, the p-value is undefined. */
  | { readonly kind: 'one-category'; readonly value: CategoryValue | undefined }
  /** A category of the current sample that the reference never holds: expected count 0, statistic ∞. */
  | { readonly kind: 'unseen-category'; readonly value: CategoryValue; readonly count: number }
  /**
   * An expected count below `minimum` for `value` (with `other`, for every value but `value`: the
   * z-test's second outcome), so the test's chi-squared or normal approximation does not hold.
   */
  | { readonly kind: 'small-expected'; readonly value: CategoryValue; readonly other: boolean; readonly expected: number; readonly minimum: number };

/** Numeric or categorical sample, missing values already removed (NaN and null are not counted). */
type Sample = Float64Array | CategoricalInput;

/** Number of values in a sample. */
function sizeOf(x: Sample): number {
  if (x instanceof Float64Array) {
    let n = 0;
    for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i] as number)) n++;
    return n;
  }
  let n = 0;
  for (const c of countValues(x).values()) n += c;
  return n;
}

/**
 * The first reason `method` cannot decide on these samples, or undefined when it can: every test
 * needs `MIN_DRIFT_SAMPLE_SIZE` values per sample; chi-squared needs two categories, no category
 * missing from the reference, and every expected count ≥ 5; the z-test needs each of its 2 × 2
 * expected counts ≥ 5, unless both samples hold one and the same value (then p = 1, Evidently's rule).
 */
export function driftSampleProblem(method: DriftMethod, reference: Sample, current: Sample): DriftSampleProblem | undefined {
  for (const [sample, x] of [['reference', reference], ['current', current]] as const) {
    const size = sizeOf(x);
    if (size < MIN_DRIFT_SAMPLE_SIZE) return { kind: 'too-few', sample, size, minimum: MIN_DRIFT_SAMPLE_SIZE };
  }
  if (method === 'chisquare') return chiSquareProblem(countValues(reference), countValues(current));
  if (method === 'z') return zProblem(countValues(reference), countValues(current));
  return undefined;
}

/** Sum of the counts. */
function total(counts: ReadonlyMap<CategoryValue, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** Chi-squared as Evidently runs it: expected = reference count × n_current / n_reference. */
function chiSquareProblem(ref: Map<CategoryValue, number>, cur: Map<CategoryValue, number>): DriftSampleProblem | undefined {
  const keys = new Set<CategoryValue>([...ref.keys(), ...cur.keys()]);
  if (keys.size < 2) return { kind: 'one-category', value: [...keys][0] };
  for (const [value, count] of cur) if (!ref.has(value)) return { kind: 'unseen-category', value, count };
  const scale = total(cur) / total(ref);
  let smallest: { value: CategoryValue; expected: number } | undefined;
  for (const [value, count] of ref) {
    const expected = count * scale;
    if (smallest === undefined || expected < smallest.expected) smallest = { value, expected };
  }
  if (smallest && smallest.expected < MIN_EXPECTED_COUNT) return { kind: 'small-expected', ...smallest, other: false, minimum: MIN_EXPECTED_COUNT };
  return undefined;
}

/**
 * The pooled two-proportion z-test is the 2 × 2 chi-squared test (z² = χ²), so SciPy's rule
 * applies to its table: each sample's expected count of each outcome, n·p̂ and n·(1 − p̂) with the
 * pooled share p̂, must be at least 5. Outcomes are coded as `zDriftTest` codes them.
 */
function zProblem(ref: Map<CategoryValue, number>, cur: Map<CategoryValue, number>): DriftSampleProblem | undefined {
  const [onlyRef] = ref.keys();
  if (ref.size === 1 && cur.size === 1 && onlyRef !== undefined && cur.has(onlyRef)) return undefined;
  const keys = [...new Set<CategoryValue>([...ref.keys(), ...cur.keys()])].sort(compareCategories);
  const zeroKey = keys[0] as CategoryValue;
  const n1 = total(ref);
  const n2 = total(cur);
  const zeros = (ref.get(zeroKey) ?? 0) + (cur.get(zeroKey) ?? 0);
  const pooledOne = (n1 + n2 - zeros) / (n1 + n2);
  const rarerShare = Math.min(pooledOne, 1 - pooledOne);
  const expected = Math.min(n1, n2) * rarerShare;
  if (expected >= MIN_EXPECTED_COUNT) return undefined;
  // The rarer outcome: the smallest value itself, or every other value (one value when binary).
  if (1 - pooledOne <= pooledOne) return { kind: 'small-expected', value: zeroKey, other: false, expected, minimum: MIN_EXPECTED_COUNT };
  const binary = keys.length === 2;
  return { kind: 'small-expected', value: binary ? (keys[1] as CategoryValue) : zeroKey, other: !binary, expected, minimum: MIN_EXPECTED_COUNT };
}
