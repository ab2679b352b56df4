/**
 * The labelled rows of the quality gate: label, candidate and baseline scores (and the query for
 * ranking) read from the loaded table, checked for gaps and label values, plus the prepared
 * metrics the paired bootstrap needs. Pure: all statistics come from `stats/`.
 *
 * Nothing is dropped: a blank or non-finite cell in a column the decision reads is counted and
 * makes the comparison an error, because leaving the row out would unpair the two models.
 */
import { type Column, getColumn, type Table } from '../../evidence';
import {
  type CategoryValue, type PreparedMetric, prepareAveragePrecision, prepareF1, prepareMae, prepareNdcg, prepareRecallAtK,
  prepareRmse, prepareRocAuc,
} from '../../stats';
import { type CellAudit, CellAuditBuilder, invalidCount } from '../engine/cells';
import { str } from '../engine/checks';

/**
 * Fewest labels of each class a classification comparison decides on. With fewer, bootstrap
 * resamples often hold one class (with 10 positives, about e^-10 of them do), and a handful of
 * rows decides the metric; the same bound as the usual "10 successes and 10 failures" rule.
 */
export const MIN_CLASS_LABELS = 10;

/** Fewest queries a ranking comparison decides on that a ranking can score differently. */
export const MIN_INFORMATIVE_QUERIES = 10;

/** Metrics the quality gate computes. */
export type QualityMetric = 'average_precision' | 'roc_auc' | 'f1' | 'mae' | 'rmse' | 'ndcg' | 'recall_at_k';

/** Which task each metric belongs to. */
export const METRIC_TASK: Readonly<Record<QualityMetric, 'classification' | 'regression' | 'ranking'>> = {
  average_precision: 'classification', roc_auc: 'classification', f1: 'classification',
  mae: 'regression', rmse: 'regression', ndcg: 'ranking', recall_at_k: 'ranking',
};

/** Human names for messages. */
export const METRIC_NAME: Readonly<Record<QualityMetric, string>> = {
  average_precision: 'average precision (PR-AUC)', roc_auc: 'ROC AUC', f1: 'F1', mae: 'MAE', rmse: 'RMSE', ndcg: 'NDCG@K', recall_at_k: 'Recall@K',
};

/** Column names of the predictions file (card `columns`, with defaults). */
export interface QualityColumns {
  label: string;
  candidate: string;
  baseline: string;
  query: string;
}

/** The column names of a definition, defaults filled in. */
export function qualityColumns(def: Record<string, unknown>): QualityColumns {
  const c = (def.columns ?? {}) as Record<string, unknown>;
  return { label: str(c, 'label') ?? 'label', candidate: str(c, 'candidate') ?? 'candidate_score', baseline: str(c, 'baseline') ?? 'baseline_score', query: str(c, 'query') ?? 'query_id' };
}

/** The paired rows: one label, two scores and (ranking) a query per row. */
export interface QualityRows {
  size: number;
  label: Float64Array;
  candidate: Float64Array;
  baseline: Float64Array;
  queries?: CategoryValue[];
}

/** A numeric view of a column: booleans as 0/1; undefined for other types. */
function numericValues(col: Column): Float64Array | undefined {
  if (col.type === 'numeric') return col.values;
  if (col.type !== 'boolean') return undefined;
  return Float64Array.from(col.values, (v) => (v === 255 ? Number.NaN : v));
}

/** `3 of 200 cells of this column are blank and 1 is not finite` for an audit. */
function counted(a: CellAudit): string {
  return [...a.invalid].map(([why, n], i) => `${n.toLocaleString('en-US')}${i === 0 ? ` of ${a.rows.toLocaleString('en-US')} cells of this column` : ''} ${n === 1 ? 'is' : 'are'} ${why}`).join(' and ');
}

/**
 * Why a column the comparison reads cannot be used: blank cells (missing tokens included) and
 * ±Infinity, every one counted, the first named by row; undefined when every cell is a finite number.
 */
function cellProblems(table: Table, name: string, role: string, values: ArrayLike<number>, why: string): string | undefined {
  const audit = new CellAuditBuilder(table.file, name);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) audit.reject(i, 'blank');
    else if (v === Infinity || v === -Infinity) audit.reject(i, 'not finite');
  }
  const a = audit.done(values.length);
  if (invalidCount(a) === 0 || a.firstRow === undefined) return undefined;
  const first = values[a.firstRow - 1] as number;
  const what = Number.isNaN(first) ? 'is empty' : `is not a finite number (${String(first)})`;
  return `${table.file}: row ${a.firstRow}, column ${name} (${role}) ${what}; ${counted(a)}. ${why}`;
}

const PAIRED = 'Every row must carry both models\' scores and the label as finite numbers, or the comparison is not paired';

/** One required numeric column, or a message naming what is wrong with it. */
function requiredNumeric(table: Table, name: string, role: string): Float64Array | string {
  const col = getColumn(table, name);
  if (!col) return `${table.file} has no column ${name} (${role}); the comparison needs it`;
  const values = numericValues(col);
  if (!values) return `${table.file}: column ${name} (${role}) is ${col.type}, it must be numeric`;
  return cellProblems(table, name, role, values, PAIRED) ?? values;
}

/** Query ids of a ranking file as category values; a blank id is an error, never a query of its own. */
function queryValues(table: Table, name: string): CategoryValue[] | string {
  const col = getColumn(table, name);
  if (!col) return `${table.file} has no column ${name} (query id); ranking metrics are computed per query`;
  const why = 'A row without a query id cannot be ranked with its query, and all such rows would form one made-up query';
  if (col.type === 'categorical') {
    const blank = cellProblems(table, name, 'query id', Array.from(col.codes, (c) => (c < 0 ? Number.NaN : 0)), why);
    return blank ?? Array.from(col.codes, (c) => col.dictionary[c] as string);
  }
  const values = col.type === 'boolean' ? Array.from(col.values, (v) => (v === 255 ? Number.NaN : v)) : col.values;
  const blank = cellProblems(table, name, 'query id', Array.from(values as ArrayLike<number>, (v) => (Number.isNaN(v) ? v : 0)), why);
  return blank ?? Array.from(values as ArrayLike<number>, (v) => v);
}

/** Reads and checks the paired rows for a task. */
export function qualityRows(table: Table, cols: QualityColumns, task: string): QualityRows | string {
  const label = requiredNumeric(table, cols.label, 'label');
  const candidate = requiredNumeric(table, cols.candidate, 'candidate score');
  const baseline = requiredNumeric(table, cols.baseline, 'baseline score');
  for (const v of [label, candidate, baseline]) if (typeof v === 'string') return v;
  const rows: QualityRows = { size: table.rowCount, label: label as Float64Array, candidate: candidate as Float64Array, baseline: baseline as Float64Array };
  if (task === 'classification') {
    const bad = rows.label.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) return `${table.file}: row ${bad + 1}, column ${cols.label} holds ${rows.label[bad]}; a classification label must be 0/1 or true/false`;
  }
  if (task === 'ranking') {
    const bad = rows.label.findIndex((v) => !(v >= 0));
    if (bad >= 0) return `${table.file}: row ${bad + 1}, column ${cols.label} holds ${rows.label[bad]}; relevance must be a number ≥ 0`;
    const q = queryValues(table, cols.query);
    if (typeof q === 'string') return q;
    rows.queries = q;
  }
  return rows;
}

/** The rows at the given indices, for a slice. */
export function subsetRows(rows: QualityRows, idx: readonly number[]): QualityRows {
  const pick = (a: Float64Array): Float64Array => Float64Array.from(idx, (i) => a[i] as number);
  const out: QualityRows = { size: idx.length, label: pick(rows.label), candidate: pick(rows.candidate), baseline: pick(rows.baseline) };
  if (rows.queries) {
    const q = rows.queries;
    out.queries = idx.map((i) => q[i] as CategoryValue);
  }
  return out;
}

/** Parameters a metric needs beyond the rows. */
export interface MetricParams {
  k?: number;
  threshold: number;
}

/** A prepared metric; ranking metrics also say how many queries count and how many a ranking can score differently. */
export type QualityPrepared = PreparedMetric & { readonly informativeQueries?: number; readonly skippedQueries?: number };

/** The prepared metric for one model's scores on these rows. */
export function prepareMetric(metric: QualityMetric, rows: QualityRows, which: 'candidate' | 'baseline', p: MetricParams): QualityPrepared {
  const scores = rows[which];
  const k = p.k ?? 10;
  switch (metric) {
    case 'average_precision':
      return prepareAveragePrecision(rows.label, scores);
    case 'roc_auc':
      return prepareRocAuc(rows.label, scores);
    case 'f1':
      return prepareF1(rows.label, scores, p.threshold);
    case 'mae':
      return prepareMae(rows.label, scores);
    case 'rmse':
      return prepareRmse(rows.label, scores);
    case 'ndcg':
      return prepareNdcg({ queries: rows.queries ?? [], relevance: rows.label, scores }, k);
    case 'recall_at_k':
      return prepareRecallAtK({ queries: rows.queries ?? [], relevance: rows.label, scores }, k);
  }
}

/** Numbers of positive and negative labels (labels are 0/1 once `qualityRows` accepted them). */
export function classCounts(label: Float64Array): { positive: number; negative: number } {
  let positive = 0;
  for (const v of label) positive += v === 1 ? 1 : 0;
  return { positive, negative: label.length - positive };
}

/**
 * Why a comparison on these rows would compare nothing, or undefined: classification needs
 * `MIN_CLASS_LABELS` labels of each class, ranking `MIN_INFORMATIVE_QUERIES` queries whose score
 * depends on the ranking. Regression metrics are defined on any labels.
 */
export function degenerateComparison(metric: QualityMetric, rows: QualityRows, prepared: QualityPrepared): string | undefined {
  if (METRIC_TASK[metric] === 'classification') {
    const { positive, negative } = classCounts(rows.label);
    if (positive >= MIN_CLASS_LABELS && negative >= MIN_CLASS_LABELS) return undefined;
    const one = positive === 0 || negative === 0;
    return `its labels hold ${positive} positive and ${negative} negative labels, and a classification comparison needs at least ${MIN_CLASS_LABELS} of each. ${one ? 'With one class the metric is fixed by the labels, not the scores (average precision is 0 for every model when no label is positive, and 1 when none is negative), so the interval says nothing about the candidate' : 'With so few, many bootstrap resamples hold one class and a handful of rows decides the metric'}`;
  }
  if (METRIC_TASK[metric] !== 'ranking' || prepared.informativeQueries === undefined) return undefined;
  if (prepared.informativeQueries >= MIN_INFORMATIVE_QUERIES) return undefined;
  return `only ${prepared.informativeQueries} of ${prepared.size + (prepared.skippedQueries ?? 0)} queries can score two rankings differently (NDCG needs two relevance grades in a query, Recall@K a relevant item, a non-relevant one and more than K items), and a ranking comparison needs at least ${MIN_INFORMATIVE_QUERIES}. On the others every model scores the same, so they show nothing about the candidate`;
}

/** True for error metrics, where lower is better and the difference is taken as base − new. */
export function lowerIsBetter(metric: QualityMetric): boolean {
  return metric === 'mae' || metric === 'rmse';
}
