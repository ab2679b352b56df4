// Per-column drift with Evidently's automatic test choice, and the dataset rule on top of it.
import { CategoricalInput, countValues } from './binning';
import {
  chiSquareDriftTest, DriftMethod, DriftTestResult, jensenShannonDriftTest, ksDriftTest, psiDriftTest,
  wassersteinDriftTest, zDriftTest,
} from './drift-tests';
import { finiteValues, NumericInput } from './numeric';

/** One column to compare: numeric (NaN and ±Infinity = missing) or categorical (null/undefined/NaN = missing). */
export type DriftColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly reference: NumericInput; readonly current: NumericInput }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      readonly reference: CategoricalInput;
      readonly current: CategoricalInput;
    };

/** Per-column overrides: a named test instead of the automatic choice, and its threshold. */
export interface ColumnDriftOptions {
  readonly method?: DriftMethod;
  readonly threshold?: number;
}

/** Drift of one column, or why it could not be computed. */
export type ColumnDriftResult =
  | { readonly name: string; readonly ok: true; readonly referenceSize: number; readonly currentSize: number; readonly test: DriftTestResult }
  | { readonly name: string; readonly ok: false; readonly reason: string };

/** Reference sizes above this use distances instead of hypothesis tests (Evidently's rule). */
export const SMALL_REFERENCE_MAX_ROWS = 1000;

/** Share of drifted columns at or above which the dataset counts as drifted (Evidently's default). */
export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;

interface PreparedColumn {
  readonly kind: 'numeric' | 'categorical';
  readonly reference: Float64Array | CategoricalInput;
  readonly current: Float64Array | CategoricalInput;
  readonly referenceSize: number;
  readonly currentSize: number;
  readonly uniquePooled: number;
}

/** Evidently drops NaN and ±Infinity from numeric columns before any test. */
function finiteOnly(values: NumericInput): Float64Array {
  return finiteValues(values).filter((v) => Number.isFinite(v));
}

function prepare(column: DriftColumn): PreparedColumn {
  const reference = column.kind === 'numeric' ? finiteOnly(column.reference) : column.reference;
  const current = column.kind === 'numeric' ? finiteOnly(column.current) : column.current;
  const refCounts = countValues(reference);
  const curCounts = countValues(current);
  const pooled = new Set([...refCounts.keys(), ...curCounts.keys()]);
  let referenceSize = 0;
  let currentSize = 0;
  for (const c of refCounts.values()) referenceSize += c;
  for (const c of curCounts.values()) currentSize += c;
  return { kind: column.kind, reference, current, referenceSize, currentSize, uniquePooled: pooled.size };
}

/**
 * Evidently's automatic test: reference <= 1000 non-missing rows → numeric with > 5 distinct pooled
 * values: KS; otherwise chi-squared when > 2 distinct values, else z-test. Larger references →
 * numeric with > 5 distinct values: normed Wasserstein; otherwise Jensen–Shannon.
 */
export function chooseDriftMethod(kind: 'numeric' | 'categorical', referenceSize: number, uniquePooled: number): DriftMethod {
  const numericMany = kind === 'numeric' && uniquePooled > 5;
  if (referenceSize <= SMALL_REFERENCE_MAX_ROWS) {
    if (numericMany) return 'ks';
    return uniquePooled > 2 ? 'chisquare' : 'z';
  }
  return numericMany ? 'wasserstein' : 'jensenshannon';
}

function runTest(method: DriftMethod, c: PreparedColumn, threshold?: number): DriftTestResult | undefined {
  const numeric = c.kind === 'numeric';
  switch (method) {
    case 'ks':
      return numeric ? ksDriftTest(c.reference as Float64Array, c.current as Float64Array, threshold) : undefined;
    case 'wasserstein':
      return numeric ? wassersteinDriftTest(c.reference as Float64Array, c.current as Float64Array, threshold) : undefined;
    case 'chisquare':
      return chiSquareDriftTest(c.reference, c.current, threshold);
    case 'z':
      return zDriftTest(c.reference, c.current, threshold);
    case 'jensenshannon':
      return jensenShannonDriftTest(c.reference, c.current, numeric, threshold);
    case 'psi':
      return psiDriftTest(c.reference, c.current, numeric, threshold);
  }
}

/** Drift of one column with the automatic test, or the method given in `options`. */
export function columnDrift(column: DriftColumn, options: ColumnDriftOptions = {}): ColumnDriftResult {
  const c = prepare(column);
  if (c.referenceSize === 0 || c.currentSize === 0) {
    const which = c.referenceSize === 0 ? 'reference' : 'current';
    return { name: column.name, ok: false, reason: `the ${which} sample of '${column.name}' has no non-missing values` };
  }
  const method = options.method ?? chooseDriftMethod(c.kind, c.referenceSize, c.uniquePooled);
  const test = runTest(method, c, options.threshold);
  if (test === undefined) {
    return { name: column.name, ok: false, reason: `test '${method}' needs a numeric column, '${column.name}' is categorical` };
  }
  return { name: column.name, ok: true, referenceSize: c.referenceSize, currentSize: c.currentSize, test };
}

/** Drift over all columns and the dataset rule: drifted iff drifted share >= `shareThreshold`. */
export interface DatasetDriftResult {
  readonly columns: readonly ColumnDriftResult[];
  readonly driftedColumns: number;
  /** Columns that produced a test result (columns with errors are not in the denominator). */
  readonly testedColumns: number;
  readonly driftedShare: number;
  readonly shareThreshold: number;
  readonly drifted: boolean;
}

/** Runs `columnDrift` on every column and applies the share-of-drifted-columns rule (default 0.5). */
export function datasetDrift(
  columns: readonly DriftColumn[],
  options: { readonly shareThreshold?: number; readonly perColumn?: Readonly<Record<string, ColumnDriftOptions>> } = {},
): DatasetDriftResult {
  const shareThreshold = options.shareThreshold ?? DEFAULT_DATASET_DRIFT_SHARE;
  const results = columns.map((c) => columnDrift(c, options.perColumn?.[c.name] ?? {}));
  const tested = results.filter((r) => r.ok);
  const drifted = tested.filter((r) => r.ok && r.test.drifted).length;
  const share = tested.length === 0 ? Number.NaN : drifted / tested.length;
  return {
    columns: results,
    driftedColumns: drifted,
    testedColumns: tested.length,
    driftedShare: share,
    shareThreshold,
    drifted: share >= shareThreshold,
  };
}
