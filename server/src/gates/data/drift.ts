/**
 * Drift of the current slice against the reference: one `drift.<column>` check per tested column
 * (Evidently's automatic test unless the card names one; PSI on request), and `drift.dataset`, the
 * share-of-drifted-columns rule. A critical column that drifts fails the gate on its own; other
 * drifted columns only count toward the share.
 */
import type { CardPath } from '../../card/model';
import { getColumn, type Table } from '../../evidence';
import { type DriftMethod, driftSampleProblem, type DriftTestResult, DEFAULT_DATASET_DRIFT_SHARE } from '../../stats';
import { atMost, definitionError, fmt, list, num, obj, pct } from '../engine/checks';
import { driftChart } from './drift-chart';
import { type DriftInputs, driftInputs } from './drift-inputs';
import { chosenMethod, type ColumnSamples, type DriftSettings, methodOf, requestedTests, testColumn, thresholdSet } from './drift-plan';
import { sampleProblemMessage, TEST_NAME } from './drift-problems';
import { NumericPair, SortBuffers } from './samples';
import type { FieldSpec } from './spec';
import type { CheckResult } from '../engine/types';

const METHOD_LABEL: Readonly<Record<DriftMethod, string>> = {
  ks: 'p-value (KS)', chisquare: 'p-value (chi-squared)', z: 'p-value (z-test)', wasserstein: 'normed Wasserstein distance',
  jensenshannon: 'Jensen-Shannon distance', psi: 'PSI',
};

/** Columns to test: `drift.columns`, else the spec's columns, else every shared column; never timestamps; critical ones always. */
function driftColumns(s: DriftSettings, ref: Table, cur: Table, specs: readonly FieldSpec[]): string[] {
  const explicit = list(s.drift, 'columns').map(String);
  const notTime = (name: string): boolean => getColumn(cur, name)?.type !== 'timestamp' && getColumn(ref, name)?.type !== 'timestamp';
  let names = explicit;
  if (names.length === 0) {
    names = specs.length > 0
      ? specs.filter((f) => f.type !== 'timestamp' && getColumn(cur, f.name)).map((f) => f.name)
      : cur.columns.map((c) => c.name).filter((n) => getColumn(ref, n));
    names = names.filter(notTime);
  }
  return [...new Set([...names, ...s.critical])];
}

/** Card path that decided a column's verdict. */
function columnAt(s: DriftSettings, name: string): CardPath {
  if (obj(obj(s.drift, 'per_column'), name)) return [...s.base, 'drift', 'per_column', name];
  const ci = list(s.drift, 'critical_columns').indexOf(name);
  if (ci >= 0) return [...s.base, 'drift', 'critical_columns', ci];
  return [...s.base, 'drift', ...(s.drift.stattest_threshold !== undefined ? ['stattest_threshold'] : s.drift.tests !== undefined ? ['tests'] : s.drift.method !== undefined ? ['method'] : [])];
}

/** An error when a test returned a statistic or p-value that is not a finite number. */
function nonFiniteResult(id: string, at: CardPath, name: string, test: DriftTestResult): CheckResult | undefined {
  const values = [test.statistic, test.score, ...(test.pValue !== undefined ? [test.pValue] : [])];
  if (values.every((v) => Number.isFinite(v))) return undefined;
  const p = test.pValue !== undefined ? `, p-value ${String(test.pValue)}` : '';
  return definitionError(id, at, `Drift of ${name} cannot be decided: ${TEST_NAME[test.method]} returned statistic ${String(test.statistic)}${p}, which is not a finite number, so comparing it with the threshold would decide nothing. Test this column with another method (drift.per_column) or fix the data.`);
}

/** A column's drift checks (one per test) and whether it drifted: undefined when undecided. */
interface ColumnOutcome {
  checks: CheckResult[];
  drifted: boolean | undefined;
}

/** One test's check on a column's prepared samples; `drifted` is set when the test decided. */
function testCheck(s: DriftSettings, name: string, id: string, at: CardPath, inputs: DriftInputs, samples: ColumnSamples, method: DriftMethod, several: boolean, files: { reference: string; current: string }): CheckResult & { drifted?: boolean } {
  const problem = driftSampleProblem(method, inputs.reference, inputs.current);
  if (problem) return definitionError(id, at, sampleProblemMessage(name, method, problem, files));
  const out = testColumn(s, name, samples, method, several);
  if (typeof out === 'string') return definitionError(id, at, `Drift of ${name} cannot be measured: ${out}. The gate cannot decide on this column; fix the data or choose another test.`);
  const { test } = out;
  const bad = nonFiniteResult(id, at, name, test);
  if (bad) return bad;
  const critical = s.critical.has(name);
  const pTest = test.pValue !== undefined;
  const cmp = pTest ? `p = ${fmt(test.score)} ${test.drifted ? '<' : '≥'} ${fmt(test.threshold)}` : `${fmt(test.score)} ${test.drifted ? '≥' : '<'} ${fmt(test.threshold)}`;
  const what = `${name}: ${METHOD_LABEL[test.method]} ${cmp} (${out.sizes[0]} reference vs ${out.sizes[1]} current values)`;
  const message = !test.drifted ? `${what}: no drift.`
    : critical ? `${what}: drifted, and ${name} is a critical column, so the release is blocked. The model would score inputs unlike its training data; find the cause (upstream change, new population) and retrain or fix the source.`
      : `${what}: drifted. Not critical, so it counts toward the dataset drift share only; investigate it anyway.`;
  // Drifted and critical columns get a chart in the report; the others are a line in its table.
  const chart = test.drifted || critical ? driftChart(name, inputs) : undefined;
  return {
    id, status: test.drifted && critical ? 'fail' : 'pass', observed: test.score, threshold: test.threshold, unit: METHOD_LABEL[test.method],
    sampleSize: out.sizes[1], at, message, drifted: test.drifted, comparison: pTest ? 'at_least' : 'below',
    summary: `${METHOD_LABEL[test.method]} ${cmp}${test.drifted ? `: drifted${critical ? ', critical column' : ', not critical'}` : ''}`, ...(chart ? { chart } : {}),
    details: {
      method: test.method, statistic: test.statistic, p_value: test.pValue ?? null, critical, drifted: test.drifted, reference_size: out.sizes[0],
      missing_reference: inputs.missing[0], missing_current: inputs.missing[1],
    },
  };
}

/**
 * The `drift.<column>` check of one column, or `drift.<column>.<test>` for each of several tests
 * (all on the same samples, sorted once). A column drifted when any of its tests says so, and is
 * undecided when none does and one could not decide.
 */
function columnOutcome(s: DriftSettings, name: string, ref: Table, cur: Table, spec: FieldSpec | undefined): ColumnOutcome {
  const id = `drift.${name}`;
  const at = columnAt(s, name);
  const rc = getColumn(ref, name);
  const cc = getColumn(cur, name);
  if (!rc || !cc) return { checks: [definitionError(id, at, `Column ${name} is missing from the ${rc ? 'current slice' : 'reference'} (${rc ? cur.file : ref.file}), so its drift cannot be measured and the gate cannot decide. Fix the data or the drift column list.`)], drifted: undefined };
  const inputs = driftInputs(id, at, name, { table: ref, col: rc }, { table: cur, col: cc }, spec);
  if ('status' in inputs) return { checks: [inputs], drifted: undefined };
  const methods = [...new Set(requestedTests(s, name).map((m) => chosenMethod(methodOf(m), inputs)))];
  const several = methods.length > 1;
  if (several && thresholdSet(s, name)) {
    return { checks: [definitionError(id, at, `Drift of ${name} asks for ${methods.length} tests (${methods.join(', ')}) and a stattest_threshold, which cannot apply to all of them: p-values and distances have different scales. Remove stattest_threshold, or give this column one test in drift.per_column.`)], drifted: undefined };
  }
  const samples: ColumnSamples = inputs.kind === 'numeric' ? { kind: 'numeric', pair: new NumericPair(inputs.reference, inputs.current, s.buffers), missing: inputs.missing } : inputs;
  const files = { reference: ref.file, current: cur.file };
  const results = methods.map((method) => testCheck(s, name, several ? `${id}.${method}` : id, at, inputs, samples, method, several, files));
  const drifted = results.some((r) => r.drifted === true) ? true : results.every((r) => r.drifted === false) ? false : undefined;
  return { checks: results.map(({ drifted: _d, ...c }) => c), drifted };
}

/** `drift.dataset` when every column was tested: drifted iff the share is at or above the threshold. */
function datasetCheck(at: CardPath, share: number, drifted: number, tested: number): CheckResult {
  const observed = drifted / tested;
  // The dataset drifts at share >= threshold (Evidently's rule), so equality fails here.
  const c = atMost('drift.dataset', at, observed, share, { unit: 'share of columns', sampleSize: tested, comparison: 'below', details: { drifted_columns: drifted, tested_columns: tested } },
    `The share of drifted columns (${drifted} of ${tested}, ${pct(observed)})`,
    'The input distribution as a whole has moved away from the reference, so offline quality no longer predicts live quality; investigate the drifted columns and re-evaluate or retrain.');
  return observed >= share ? { ...c, status: 'fail', message: c.status === 'fail' ? c.message : `The share of drifted columns (${drifted} of ${tested}, ${pct(observed)}) reaches the dataset drift threshold of ${pct(share)}. Investigate the drifted columns and re-evaluate or retrain.` } : c;
}

/**
 * `drift.dataset` when some columns could not be tested: it decides only what holds whatever they
 * would have shown. Counted as not drifted they already reach the threshold: fail. Counted as
 * drifted they stay below it: pass. Otherwise the share is unknown: error.
 */
function boundedDatasetCheck(at: CardPath, share: number, drifted: number, tested: number, untested: number): CheckResult {
  const all = tested + untested;
  const least = drifted / all;
  const most = (drifted + untested) / all;
  const details = { drifted_columns: drifted, tested_columns: tested, untested_columns: untested, share_if_untested_drifted: most, share_if_untested_not_drifted: least };
  const base = { id: 'drift.dataset', at, threshold: share, unit: 'share of columns', sampleSize: tested, comparison: 'below' as const, details };
  const untestedText = `${untested} of the ${all} columns could not be tested (see their drift checks)`;
  if (least >= share) {
    return { ...base, status: 'fail', observed: least, message: `${drifted} of ${all} columns drifted (${pct(least)}) even counting the untested ones as not drifted, which reaches the dataset drift threshold of ${pct(share)}; ${untestedText}. Investigate the drifted columns and re-evaluate or retrain.` };
  }
  if (most < share) {
    return { ...base, status: 'pass', observed: most, message: `${untestedText}, but even if all of them drifted the share of drifted columns would be ${pct(most)} (${drifted + untested} of ${all}), below the dataset drift threshold of ${pct(share)}.` };
  }
  return { ...base, status: 'error', observed: null, message: `The share of drifted columns is between ${pct(least)} and ${pct(most)} depending on the ${untested} column(s) that could not be tested, and the dataset drift threshold of ${pct(share)} lies in that range, so dataset drift cannot be decided. Fix the errors of those columns' drift checks.` };
}

/** Every drift check: per column, then the dataset share rule. */
export function driftChecks(drift: Record<string, unknown>, base: CardPath, ref: Table, cur: Table, specs: readonly FieldSpec[]): CheckResult[] {
  const s: DriftSettings = { drift, base, critical: new Set(list(drift, 'critical_columns').map(String)), buffers: new SortBuffers() };
  const specByName = new Map(specs.map((f) => [f.name, f]));
  const columns = driftColumns(s, ref, cur, specs).map((name) => columnOutcome(s, name, ref, cur, specByName.get(name)));
  const tested = columns.filter((c) => c.drifted !== undefined);
  const drifted = tested.filter((c) => c.drifted).length;
  const checks: CheckResult[] = columns.flatMap((c) => c.checks);
  const share = num(drift, 'drift_share') ?? DEFAULT_DATASET_DRIFT_SHARE;
  const at: CardPath = [...base, 'drift', ...(drift.drift_share !== undefined ? ['drift_share'] : [])];
  if (tested.length === 0) {
    checks.push(definitionError('drift.dataset', at, 'No column could be tested for drift, so dataset drift is unknown and the gate cannot decide. Check the reference and current files share the tested columns.'));
    return checks;
  }
  checks.push(columns.length === tested.length ? datasetCheck(at, share, drifted, tested.length) : boundedDatasetCheck(at, share, drifted, tested.length, columns.length - tested.length));
  return checks;
}
