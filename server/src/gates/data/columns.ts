/**
 * The fast path of numeric drift. The statistics module's generic `columnDrift` counts every distinct
 * value in a hash map to choose the test, which is right for categories but costs seconds on a
 * million distinct doubles; here the same choice (Evidently's rule: reference size, and more than
 * five distinct pooled values) is made by scanning until a sixth distinct value appears, and the
 * same tests of the statistics module run on the same finite values in the same order.
 */
import {
  chiSquareDriftTest, chooseDriftMethod, type DriftMethod, type DriftTestResult, jensenShannonDriftTest, ksDriftTestSorted,
  psiDriftTest, wassersteinDriftTestSorted, zDriftTest,
} from '../../stats';
import type { NumericPair } from './samples';

/** The finite values in input order; the input itself when it has no NaN or infinity (no copy). */
export function finiteOnly(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) n++;
  if (n === values.length) return values;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[j++] = v;
  }
  return out;
}

/** Distinct values of both samples together, counting no further than `limit`. */
export function distinctPooled(a: Float64Array, b: Float64Array, limit: number): number {
  const seen = new Set<number>();
  for (const arr of [a, b]) {
    for (let i = 0; i < arr.length && seen.size < limit; i++) seen.add(arr[i] as number);
  }
  return seen.size;
}

/**
 * Drift of a numeric column as `columnDrift` computes it, on finite samples; undefined when a
 * sample is empty. KS and Wasserstein read the pair's shared sorted copies.
 */
export function numericDrift(pair: NumericPair, method: DriftMethod | undefined, threshold: number | undefined): { test: DriftTestResult; sizes: [number, number] } | undefined {
  const { reference: r, current: c } = pair;
  if (r.length === 0 || c.length === 0) return undefined;
  const chosen = method ?? chooseDriftMethod('numeric', r.length, distinctPooled(r, c, 6));
  const test = run(chosen, pair, threshold);
  return test ? { test, sizes: [r.length, c.length] } : undefined;
}

/** Dispatches to the statistics module's test of that name. */
function run(method: DriftMethod, pair: NumericPair, threshold: number | undefined): DriftTestResult | undefined {
  const { reference: r, current: c } = pair;
  switch (method) {
    case 'ks':
      return ksDriftTestSorted(pair.sortedReference(), pair.sortedCurrent(), threshold);
    case 'wasserstein':
      return wassersteinDriftTestSorted(r, pair.sortedReference(), pair.sortedCurrent(), threshold);
    case 'jensenshannon':
      return jensenShannonDriftTest(r, c, true, threshold);
    case 'chisquare':
      return chiSquareDriftTest(r, c, threshold);
    case 'z':
      return zDriftTest(r, c, threshold);
    case 'psi':
      return psiDriftTest(r, c, true, threshold);
  }
}
