/**
 * Run settings of the property tests: a fixed seed and a sampled number of runs in `npm test`,
 * overridable through PROPERTY_SEED and PROPERTY_RUNS (the exhaustive script raises the runs).
 */
import type fc from 'fast-check';

/** The default seed: any fixed value, so `npm test` is reproducible. */
const DEFAULT_SEED = 20261202;

/** fast-check parameters for one property. */
export function propertyOptions(defaultRuns = 40): fc.Parameters<unknown> {
  const seed = Number(process.env.PROPERTY_SEED ?? DEFAULT_SEED);
  const numRuns = Number(process.env.PROPERTY_RUNS ?? defaultRuns);
  return { seed, numRuns, endOnFailure: false, verbose: 1 };
}
