/**
 * The labelled rows of the quality gate: label, candidate and baseline scores (and the query for
 * ranking) read from the loaded table, checked for gaps and label values, plus the prepared
 * metrics the paired bootstrap needs. Pure: all statistics come from `stats/`.
 */
import { type Column, getColumn, type Table } from '../../evidence';
import {
  type CategoryValue, type PreparedMetric, prepareAveragePrecision, prepareF1, prepareMae, prepareNdcg, prepareRecallAtK,
  prepareRmse, prepareRocAuc,
} from '../../stats';
import { str } from '../engine/checks';

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

/** The first row (1-based) with a missing value, or 0. */
function firstMissing(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i] as number)) return i + 1;
  return 0;
}

/** One required numeric column, or a message naming what is wrong with it. */
function requiredNumeric(table: Table, name: string, role: string): Float64Array | string {
  const col = getColumn(table, name);
  if (!col) return `${table.file} has no column ${name} (${role}); the comparison needs it`;
  const values = numericValues(col);
  if (!values) return `${table.file}: column ${name} (${role}) is ${col.type}, it must be numeric`;
  const row = firstMissing(values);
  if (row > 0) return `${table.file}: row ${row}, column ${name} (${role}) is empty; every row must carry both models' scores and the label, or the comparison is not paired`;
  return values;
}

/** Query ids of a ranking file as category values. */
function queryValues(table: Table, name: string): CategoryValue[] | string {
  const col = getColumn(table, name);
  if (!col) return `${table.file} has no column ${name} (query id); ranking metrics are computed per query`;
  if (col.type === 'categorical') return Array.from(col.codes, (c) => (c < 0 ? '' : (col.dictionary[c] as string)));
  return Array.from(col.values as ArrayLike<number>, (v) => v);
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

/** The prepared metric for one model's scores on these rows. */
export function prepareMetric(metric: QualityMetric, rows: QualityRows, which: 'candidate' | 'baseline', p: MetricParams): PreparedMetric {
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

/** True for error metrics, where lower is better and the difference is taken as base − new. */
export function lowerIsBetter(metric: QualityMetric): boolean {
  return metric === 'mae' || metric === 'rmse';
}
