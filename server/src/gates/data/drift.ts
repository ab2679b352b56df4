/**
 * Drift of the current slice against the reference: one `drift.<column>` check per tested column
 * (Evidently's automatic test unless the card names one; PSI on request), and `drift.dataset`, the
 * share-of-drifted-columns rule. A critical column that drifts fails the gate on its own; other
 * drifted columns only count toward the share.
 */
import type { CardPath } from '../../card/model';
import { getColumn, type Table } from '../../evidence';
import {
  chooseDriftMethod, columnDrift, type DriftColumn, type DriftMethod, driftSampleProblem, type DriftTestResult, DEFAULT_DATASET_DRIFT_SHARE,
} from '../../stats';
import { atMost, definitionError, fmt, list, num, obj, pct, str } from '../engine/checks';
import { distinctPooled, numericDrift } from './columns';
import { driftChart } from './drift-chart';
import { type DriftInputs, driftInputs } from './drift-inputs';
import { sampleProblemMessage, TEST_NAME } from './drift-problems';
import { quantilePsi } from './psi';
import type { FieldSpec } from './spec';
import type { CheckResult } from '../engine/types';

/** Drift settings read from the definition. */
interface DriftSettings {
  drift: Record<string, unknown>;
  base: CardPath;
  critical: Set<string>;
}

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

/** The card's method name as the statistics module spells it; undefined = automatic. */
function methodOf(name: string | undefined): DriftMethod | undefined {
  if (name === undefined || name === 'auto') return undefined;
  return (name === 'chi2' ? 'chisquare' : name) as DriftMethod;
}

/** The test `method` names, or Evidently's automatic choice for these samples. */
function chosenMethod(method: DriftMethod | undefined, inputs: DriftInputs): DriftMethod {
  if (method) return method;
  if (inputs.kind === 'numeric') return chooseDriftMethod('numeric', inputs.reference.length, distinctPooled(inputs.reference, inputs.current, 6));
  const r = inputs.reference.counts;
  const c = inputs.current.counts;
  let referenceSize = 0;
  for (const n of r.values()) referenceSize += n;
  return chooseDriftMethod('categorical', referenceSize, new Set([...r.keys(), ...c.keys()]).size);
}

/** Runs the configured test on one column's samples, or says why it cannot. */
function testColumn(s: DriftSettings, name: string, inputs: DriftInputs, method: DriftMethod): { test: DriftTestResult; sizes: [number, number] } | string {
  const per = obj(obj(s.drift, 'per_column'), name);
  const threshold = num(per, 'stattest_threshold') ?? (method === 'psi' ? num(s.drift, 'psi_threshold') ?? 0.2 : num(s.drift, 'stattest_threshold'));
  if (inputs.kind === 'numeric') {
    const { reference: r, current: c } = inputs;
    if (method === 'psi') {
      const test = quantilePsi(r, c, num(s.drift, 'psi_bins') ?? 10, threshold ?? 0.2);
      return test ? { test, sizes: [r.length, c.length] } : `the reference sample of ${name} has no finite values`;
    }
    return numericDrift(r, c, method, threshold) ?? `the ${name} samples hold no finite values in the reference or the current slice`;
  }
  const column: DriftColumn = { name, kind: 'categorical', reference: inputs.reference, current: inputs.current };
  const res = columnDrift(column, { method, ...(threshold !== undefined ? { threshold } : {}) });
  return res.ok ? { test: res.test, sizes: [res.referenceSize, res.currentSize] } : res.reason;
}

/** Card path that decided a column's verdict. */
function columnAt(s: DriftSettings, name: string): CardPath {
  if (obj(obj(s.drift, 'per_column'), name)) return [...s.base, 'drift', 'per_column', name];
  const ci = list(s.drift, 'critical_columns').indexOf(name);
  if (ci >= 0) return [...s.base, 'drift', 'critical_columns', ci];
  return [...s.base, 'drift', ...(s.drift.stattest_threshold !== undefined ? ['stattest_threshold'] : s.drift.method !== undefined ? ['method'] : [])];
}

/** An error when a test returned a statistic or p-value that is not a finite number. */
function nonFiniteResult(id: string, at: CardPath, name: string, test: DriftTestResult): CheckResult | undefined {
  const values = [test.statistic, test.score, ...(test.pValue !== undefined ? [test.pValue] : [])];
  if (values.every((v) => Number.isFinite(v))) return undefined;
  const p = test.pValue !== undefined ? `, p-value ${String(test.pValue)}` : '';
  return definitionError(id, at, `Drift of ${name} cannot be decided: ${TEST_NAME[test.method]} returned statistic ${String(test.statistic)}${p}, which is not a finite number, so comparing it with the threshold would decide nothing. Test this column with another method (drift.per_column) or fix the data.`);
}

/** One `drift.<column>` check. */
function columnCheck(s: DriftSettings, name: string, ref: Table, cur: Table, spec: FieldSpec | undefined): CheckResult & { drifted?: boolean } {
  const id = `drift.${name}`;
  const at = columnAt(s, name);
  const rc = getColumn(ref, name);
  const cc = getColumn(cur, name);
  if (!rc || !cc) return definitionError(id, at, `Column ${name} is missing from the ${rc ? 'current slice' : 'reference'} (${rc ? cur.file : ref.file}), so its drift cannot be measured and the gate cannot decide. Fix the data or the drift column list.`);
  const inputs = driftInputs(id, at, name, { table: ref, col: rc }, { table: cur, col: cc }, spec);
  if ('status' in inputs) return inputs;
  const method = chosenMethod(methodOf(str(obj(obj(s.drift, 'per_column'), name), 'method') ?? str(s.drift, 'method')), inputs);
  const problem = driftSampleProblem(method, inputs.reference, inputs.current);
  if (problem) return definitionError(id, at, sampleProblemMessage(name, method, problem, { reference: ref.file, current: cur.file }));
  const out = testColumn(s, name, inputs, method);
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
  const s: DriftSettings = { drift, base, critical: new Set(list(drift, 'critical_columns').map(String)) };
  const specByName = new Map(specs.map((f) => [f.name, f]));
  const columns = driftColumns(s, ref, cur, specs).map((name) => columnCheck(s, name, ref, cur, specByName.get(name)));
  const tested = columns.filter((c) => c.drifted !== undefined);
  const drifted = tested.filter((c) => c.drifted).length;
  const checks: CheckResult[] = columns.map(({ drifted: _d, ...c }) => c);
  const share = num(drift, 'drift_share') ?? DEFAULT_DATASET_DRIFT_SHARE;
  const at: CardPath = [...base, 'drift', ...(drift.drift_share !== undefined ? ['drift_share'] : [])];
  if (tested.length === 0) {
    checks.push(definitionError('drift.dataset', at, 'No column could be tested for drift, so dataset drift is unknown and the gate cannot decide. Check the reference and current files share the tested columns.'));
    return checks;
  }
  checks.push(columns.length === tested.length ? datasetCheck(at, share, drifted, tested.length) : boundedDatasetCheck(at, share, drifted, tested.length, columns.length - tested.length));
  return checks;
}
