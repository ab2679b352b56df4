/**
 * Drift of the current slice against the reference: one `drift.<column>` check per tested column
 * (Evidently's automatic test unless the card names one; PSI on request), and `drift.dataset`, the
 * share-of-drifted-columns rule. A critical column that drifts fails the gate on its own; other
 * drifted columns only count toward the share.
 */
import type { CardPath } from '../../card/model';
import { type Column, getColumn, type Table } from '../../evidence';
import { CategoryCounts, columnDrift, type DriftColumn, type DriftMethod, type DriftTestResult, DEFAULT_DATASET_DRIFT_SHARE } from '../../stats';
import { atMost, definitionError, fmt, list, num, obj, pct, str } from '../engine/checks';
import { numericDrift } from './columns';
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

/** Values of a column as a drift input of the given kind; categories as counts, never one string per row. */
function driftValues(col: Column, kind: 'numeric' | 'categorical'): Float64Array | CategoryCounts | undefined {
  if (kind === 'numeric') return col.type === 'numeric' ? col.values : undefined;
  switch (col.type) {
    case 'categorical':
      return codeCounts(col.codes, col.dictionary);
    case 'boolean':
      return booleanCounts(col.values);
    case 'numeric':
      return numberCounts(col.values);
    case 'timestamp':
      return undefined;
  }
}

/** Counts of a dictionary-encoded column; codes are assigned in first-seen order, so the counts are too. */
function codeCounts(codes: Int32Array, dictionary: readonly string[]): CategoryCounts {
  const perCode = new Float64Array(dictionary.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c >= 0) perCode[c] = (perCode[c] as number) + 1;
  }
  const counts = new Map<string, number>();
  perCode.forEach((n, c) => {
    if (n > 0) counts.set(dictionary[c] as string, n);
  });
  return new CategoryCounts(counts);
}

/** Counts of 'true' and 'false' in first-seen order (255 is missing). */
function booleanCounts(values: Uint8Array): CategoryCounts {
  let t = 0;
  let f = 0;
  let firstTrue: boolean | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === 1) t++;
    else if (v === 0) f++;
    else continue;
    firstTrue ??= v === 1;
  }
  const order: [string, number][] = firstTrue ? [['true', t], ['false', f]] : [['false', f], ['true', t]];
  return new CategoryCounts(new Map(order.filter(([, n]) => n > 0)));
}

/** Counts of a numeric column tested as categories, keyed by the number's text (as the cells read). */
function numberCounts(values: Float64Array): CategoryCounts {
  const byValue = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) byValue.set(v, (byValue.get(v) ?? 0) + 1);
  }
  // Map keys compare -0 and 0 as equal, and String() spells both '0', so the keys stay distinct.
  return new CategoryCounts(new Map([...byValue].map(([v, n]) => [String(v), n])));
}

/** Number of finite values. */
function finiteCount(values: Float64Array): number {
  let n = 0;
  for (const v of values) if (Number.isFinite(v)) n++;
  return n;
}

/** The card's method name as the statistics module spells it; undefined = automatic. */
function methodOf(name: string | undefined): DriftMethod | undefined {
  if (name === undefined || name === 'auto') return undefined;
  return (name === 'chi2' ? 'chisquare' : name) as DriftMethod;
}

/** Runs the configured test on one column, or says why it cannot. */
function testColumn(s: DriftSettings, name: string, ref: Column, cur: Column, spec: FieldSpec | undefined): { test: DriftTestResult; sizes: [number, number] } | string {
  const per = obj(obj(s.drift, 'per_column'), name);
  const method = methodOf(str(per, 'method') ?? str(s.drift, 'method'));
  const declared = spec?.type === 'categorical' || spec?.type === 'boolean' ? 'categorical' : undefined;
  const kind = declared ?? (ref.type === 'numeric' && cur.type === 'numeric' ? 'numeric' : 'categorical');
  const threshold = num(per, 'stattest_threshold') ?? (method === 'psi' ? num(s.drift, 'psi_threshold') ?? 0.2 : num(s.drift, 'stattest_threshold'));
  const r = driftValues(ref, kind);
  const c = driftValues(cur, kind);
  if (!r || !c) return `column ${name} is ${ref.type} in the reference and ${cur.type} in the current slice, so no drift test applies`;
  if (method === 'psi' && kind === 'numeric') {
    const test = quantilePsi(r as Float64Array, c as Float64Array, num(s.drift, 'psi_bins') ?? 10, threshold ?? 0.2);
    return test ? { test, sizes: [finiteCount(r as Float64Array), finiteCount(c as Float64Array)] } : `the reference sample of ${name} has no finite values`;
  }
  if (kind === 'numeric') {
    return numericDrift(r as Float64Array, c as Float64Array, method, threshold) ?? `the ${name} samples hold no finite values in the reference or the current slice`;
  }
  const column = { name, kind, reference: r, current: c } as DriftColumn;
  const res = columnDrift(column, { ...(method ? { method } : {}), ...(threshold !== undefined ? { threshold } : {}) });
  return res.ok ? { test: res.test, sizes: [res.referenceSize, res.currentSize] } : res.reason;
}

/** Card path that decided a column's verdict. */
function columnAt(s: DriftSettings, name: string): CardPath {
  if (obj(obj(s.drift, 'per_column'), name)) return [...s.base, 'drift', 'per_column', name];
  const ci = list(s.drift, 'critical_columns').indexOf(name);
  if (ci >= 0) return [...s.base, 'drift', 'critical_columns', ci];
  return [...s.base, 'drift', ...(s.drift.stattest_threshold !== undefined ? ['stattest_threshold'] : s.drift.method !== undefined ? ['method'] : [])];
}

/** One `drift.<column>` check. */
function columnCheck(s: DriftSettings, name: string, ref: Table, cur: Table, spec: FieldSpec | undefined): CheckResult & { drifted?: boolean } {
  const id = `drift.${name}`;
  const at = columnAt(s, name);
  const rc = getColumn(ref, name);
  const cc = getColumn(cur, name);
  if (!rc || !cc) return definitionError(id, at, `Column ${name} is missing from the ${rc ? 'current slice' : 'reference'} (${rc ? cur.file : ref.file}), so its drift cannot be measured and the gate cannot decide. Fix the data or the drift column list.`);
  const out = testColumn(s, name, rc, cc, spec);
  if (typeof out === 'string') return definitionError(id, at, `Drift of ${name} cannot be measured: ${out}. The gate cannot decide on this column; fix the data or choose another test.`);
  const { test } = out;
  const critical = s.critical.has(name);
  const pTest = test.pValue !== undefined;
  const cmp = pTest ? `p = ${fmt(test.score)} ${test.drifted ? '<' : '≥'} ${fmt(test.threshold)}` : `${fmt(test.score)} ${test.drifted ? '≥' : '<'} ${fmt(test.threshold)}`;
  const what = `${name}: ${METHOD_LABEL[test.method]} ${cmp} (${out.sizes[0]} reference vs ${out.sizes[1]} current values)`;
  const message = !test.drifted ? `${what}: no drift.`
    : critical ? `${what}: drifted, and ${name} is a critical column, so the release is blocked. The model would score inputs unlike its training data; find the cause (upstream change, new population) and retrain or fix the source.`
      : `${what}: drifted. Not critical, so it counts toward the dataset drift share only; investigate it anyway.`;
  return {
    id, status: test.drifted && critical ? 'fail' : 'pass', observed: test.score, threshold: test.threshold, unit: METHOD_LABEL[test.method],
    sampleSize: out.sizes[1], at, message, drifted: test.drifted,
    details: { method: test.method, statistic: test.statistic, p_value: test.pValue ?? null, critical, drifted: test.drifted, reference_size: out.sizes[0] },
  };
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
  const observed = drifted / tested.length;
  // The dataset drifts at share >= threshold (Evidently's rule), so equality fails here.
  const c = atMost('drift.dataset', at, observed, share, { unit: 'share of columns', sampleSize: tested.length, details: { drifted_columns: drifted, tested_columns: tested.length } },
    `The share of drifted columns (${drifted} of ${tested.length}, ${pct(observed)})`,
    'The input distribution as a whole has moved away from the reference, so offline quality no longer predicts live quality; investigate the drifted columns and re-evaluate or retrain.');
  checks.push(observed >= share ? { ...c, status: 'fail', message: c.status === 'fail' ? c.message : `The share of drifted columns (${drifted} of ${tested.length}, ${pct(observed)}) reaches the dataset drift threshold of ${pct(share)}. Investigate the drifted columns and re-evaluate or retrain.` } : c);
  return checks;
}
