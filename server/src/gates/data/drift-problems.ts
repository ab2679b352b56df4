/**
 * Messages for samples a drift test cannot decide on (see `driftSampleProblem` in the statistics
 * module): what is wrong with which file, why the test's answer would mean nothing, and what to do.
 */
import type { DriftMethod, DriftSampleProblem } from '../../stats';
import { fmt } from '../engine/checks';

/** The test as a sentence names it. */
export const TEST_NAME: Readonly<Record<DriftMethod, string>> = {
  ks: 'the KS test', chisquare: 'the chi-squared test', z: 'the z-test', wasserstein: 'the normed Wasserstein distance',
  jensenshannon: 'the Jensen-Shannon distance', psi: 'PSI',
};

/** `'gold'`, or `a number` without quotes. */
function quote(v: unknown): string {
  return typeof v === 'number' ? String(v) : `'${String(v)}'`;
}

/** What to do when a categorical test's assumptions fail. */
const CATEGORY_FIX = 'Collect more rows, merge rare values upstream, or test this column with method jensenshannon or psi (drift.per_column), which need no expected counts.';

/** Why `method` cannot decide on the samples of `name`, for a check message. */
export function sampleProblemMessage(name: string, method: DriftMethod, p: DriftSampleProblem, files: { reference: string; current: string }): string {
  const test = TEST_NAME[method];
  switch (p.kind) {
    case 'too-few': {
      const where = p.sample === 'current' ? `the current slice (${files.current})` : `the reference (${files.reference})`;
      return `Drift of ${name} cannot be decided: ${p.size} value${p.size === 1 ? '' : 's'} in ${where}, but ${test} needs at least ${p.minimum} non-missing values in each sample. On fewer, "no drift" only means the test could not see any. Collect more rows (min_rows makes the gate say so up front).`;
    }
    case 'one-category':
      return `Drift of ${name} cannot be decided: chi-squared sees a single category${p.value === undefined ? '' : ` (${quote(p.value)})`} in both files, so it has no degrees of freedom and its p-value is undefined. Use method z (what auto picks for two values or fewer) or jensenshannon for this column.`;
    case 'unseen-category':
      return `Drift of ${name} cannot be decided by chi-squared: value ${quote(p.value)} appears ${p.count} time${p.count === 1 ? '' : 's'} in ${files.current} but never in the reference, so its expected count is 0 and the statistic is infinite. A value the model never saw is a data problem in itself: map it upstream or extend the reference, or test this column with method jensenshannon or psi, which handle new values.`;
    case 'small-expected': {
      const value = p.other ? `values other than ${quote(p.value)}` : `value ${quote(p.value)}`;
      const rule = method === 'z'
        ? `the z-test expects ${value} only ${fmt(p.expected, 3)} times in the smaller sample (pooled share × size), fewer than the ${p.minimum} its normal approximation needs (SciPy's rule for the equivalent 2 × 2 chi-squared test)`
        : `${value} is expected ${fmt(p.expected, 3)} times in the current slice (reference share × current size), fewer than the ${p.minimum} chi-squared needs for its p-value to hold (SciPy's rule)`;
      return `Drift of ${name} cannot be decided: ${rule}. ${CATEGORY_FIX}`;
    }
  }
}
