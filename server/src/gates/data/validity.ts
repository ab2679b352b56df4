/**
 * The data gate's checks on the current input slice, column by column: schema compatibility
 * (required columns present, types as declared), null share, range, enum and IQR outliers.
 */
import type { CardPath } from '../../card/model';
import { cellText, type Column, getColumn, parseBoolean, parseInfinity, parseNumber, parseTimestamp, type Table } from '../../evidence';
import { percentiles } from '../../stats';
import { CellAuditBuilder, cellsError } from '../engine/cells';
import { atMost, fmt, pct } from '../engine/checks';
import type { FieldSpec } from './spec';
import type { CheckResult } from '../engine/types';

/** Number of cells in a column. */
function columnLength(col: Column): number {
  return col.type === 'categorical' ? col.codes.length : col.values.length;
}

/** Whether one cell's text fits a declared type. */
function fits(type: FieldSpec['type'], text: string): boolean {
  if (type === 'numeric') return (parseNumber(text) ?? parseInfinity(text)) !== undefined;
  if (type === 'boolean') return parseBoolean(text) !== undefined || text === '0' || text === '1';
  if (type === 'timestamp') return parseTimestamp(text) !== undefined;
  return true;
}

/** The first row (1-based) whose value does not fit the declared type, with its text. */
function firstMisfit(col: Column, type: FieldSpec['type']): { row: number; text: string } | undefined {
  for (let i = 0; i < columnLength(col); i++) {
    const t = cellText(col, i);
    if (t !== undefined && !fits(type, t)) return { row: i + 1, text: t.length > 40 ? `${t.slice(0, 37)}...` : t };
  }
  return undefined;
}

/** A numeric column holding only 0 and 1 counts as boolean; anything counts as categorical. */
function compatible(col: Column, type: FieldSpec['type']): boolean {
  if (type === undefined || type === 'categorical' || col.nullCount === columnLength(col)) return true;
  if (type === 'boolean' && col.type === 'numeric') return col.values.every((v) => Number.isNaN(v) || v === 0 || v === 1);
  return col.type === type;
}

/** `schema.<column>`: present when required, and of the declared type. */
export function schemaCheck(table: Table, spec: FieldSpec): CheckResult | undefined {
  const id = `schema.${spec.name}`;
  const at: CardPath = spec.fromSchema ? spec.at : [...spec.at, 'type'];
  const col = getColumn(table, spec.name);
  if (!col) {
    if (!spec.required) return undefined;
    return { id, status: 'fail', observed: 'missing', threshold: spec.type ?? 'present', at: spec.at,
      message: `Required column ${spec.name} is missing from ${table.file}. The model would be served input without it (training-serving skew), so the release is blocked; fix the feature pipeline, or mark the field required: false if it really is optional.` };
  }
  if (compatible(col, spec.type)) {
    return { id, status: 'pass', observed: col.type, threshold: spec.type ?? 'present', sampleSize: table.rowCount, at, message: `Column ${spec.name} is present with type ${col.type}${spec.type ? `, compatible with ${spec.type}` : ''}.` };
  }
  const bad = firstMisfit(col, spec.type);
  const where = bad ? ` (first at row ${bad.row}: '${bad.text}')` : '';
  return {
    id, status: 'fail', observed: col.type, threshold: spec.type ?? null, sampleSize: table.rowCount, at,
    ...(bad ? { evidence: { file: table.file, row: bad.row, column: spec.name } } : { evidence: { file: table.file, column: spec.name } }),
    message: `Column ${spec.name} in ${table.file} holds ${col.type} values where ${spec.type} is declared${where}. An input of the wrong type breaks or silently changes the model's features, so the release is blocked; fix the producer of this column.`,
  };
}

/** `nulls.<column>`: null share within `max_null_share` (0 when `nullable: false`). */
export function nullCheck(table: Table, col: Column, spec: FieldSpec): CheckResult | undefined {
  const limit = !spec.nullable ? 0 : spec.maxNullShare;
  if (limit === undefined) return undefined;
  const at: CardPath = spec.fromSchema ? spec.at : [...spec.at, !spec.nullable ? 'nullable' : 'max_null_share'];
  if (table.rowCount === 0) {
    return { id: `nulls.${spec.name}`, status: 'error', observed: null, threshold: limit, unit: 'share', sampleSize: 0, at, message: `${table.file} has no data rows, so the null share of ${spec.name} is 0 of 0 and proves nothing. Point current at the input slice, or fix its export.` };
  }
  const share = col.nullCount / table.rowCount;
  return atMost(`nulls.${spec.name}`, at, share, limit, { unit: 'share', sampleSize: table.rowCount, details: { null_rows: col.nullCount } },
    `The null share of ${spec.name} (${col.nullCount} of ${table.rowCount} rows, ${pct(share)})`,
    'Missing inputs are imputed or fail at serving time, changing predictions; fix the upstream source before release.');
}

/**
 * An error when a numeric column holds ±Infinity: no range or quartile can place it, and dropping
 * it would hide exactly the value that is broken (an overflow, a division by zero upstream).
 */
function nonFiniteError(table: Table, values: Float64Array, name: string, id: string, at: CardPath, purpose: string): CheckResult | undefined {
  const audit = new CellAuditBuilder(table.file, name);
  // Indexed loops over the columns here: a callback or an iterator per cell costs several times more on 1M rows.
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === Infinity || v === -Infinity) audit.reject(i, 'not finite');
  }
  return cellsError(id, at, [audit.done(values.length)], purpose);
}

/** `range.<column>`: every numeric value within [min, max]; an error when a value is not finite. */
export function rangeCheck(table: Table, col: Column, spec: FieldSpec): CheckResult | undefined {
  if ((spec.min === undefined && spec.max === undefined) || col.type !== 'numeric') return undefined;
  const infinite = nonFiniteError(table, col.values, spec.name, `range.${spec.name}`, spec.fromSchema ? spec.at : [...spec.at, spec.min !== undefined ? 'min' : 'max'], `The range check of ${spec.name}`);
  if (infinite) return infinite;
  const lo = spec.min ?? -Infinity;
  const hi = spec.max ?? Infinity;
  let out = 0;
  let first = -1;
  let seenMin = Infinity;
  let seenMax = -Infinity;
  const values = col.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    seenMin = Math.min(seenMin, v);
    seenMax = Math.max(seenMax, v);
    if (v < lo || v > hi) {
      out++;
      if (first < 0) first = i;
    }
  }
  const at: CardPath = spec.fromSchema ? spec.at : [...spec.at, spec.min !== undefined && seenMin < lo ? 'min' : spec.max !== undefined ? 'max' : 'min'];
  const bounds = `[${fmt(lo)}, ${fmt(hi)}]`;
  const details = { observed_min: Number.isFinite(seenMin) ? seenMin : null, observed_max: Number.isFinite(seenMax) ? seenMax : null, out_of_range_rows: out };
  if (out === 0) return { id: `range.${spec.name}`, status: 'pass', observed: 0, threshold: 0, unit: 'rows out of range', comparison: 'at_most', sampleSize: table.rowCount, at, details, message: `Every value of ${spec.name} lies in ${bounds} (observed ${fmt(seenMin)} to ${fmt(seenMax)}).` };
  return {
    id: `range.${spec.name}`, status: 'fail', observed: out, threshold: 0, unit: 'rows out of range', comparison: 'at_most', sampleSize: table.rowCount, at, details,
    evidence: { file: table.file, row: first + 1, column: spec.name },
    message: `${out} value(s) of ${spec.name} lie outside ${bounds}, the first at row ${first + 1} (${fmt(col.values[first] as number)}). Out-of-range inputs mean a broken source or a unit change, and the model extrapolates on them; fix the data before release.`,
  };
}

/** `enum.<column>`: every value one of `enum`. */
export function enumCheck(table: Table, col: Column, spec: FieldSpec): CheckResult | undefined {
  if (!spec.enum) return undefined;
  const allowed = new Set(spec.enum.map((v) => String(v)));
  const unexpected = new Map<string, number>();
  let rows = 0;
  let first = -1;
  for (let i = 0; i < table.rowCount; i++) {
    const t = cellText(col, i);
    if (t === undefined || allowed.has(t)) continue;
    rows++;
    if (first < 0) first = i;
    unexpected.set(t, (unexpected.get(t) ?? 0) + 1);
  }
  const at: CardPath = spec.fromSchema ? spec.at : [...spec.at, 'enum'];
  if (rows === 0) return { id: `enum.${spec.name}`, status: 'pass', observed: 0, threshold: 0, unit: 'rows outside enum', comparison: 'at_most', sampleSize: table.rowCount, at, message: `Every value of ${spec.name} is one of the ${allowed.size} allowed.` };
  const shown = [...unexpected.keys()].slice(0, 5).map((v) => `'${v}'`).join(', ');
  return {
    id: `enum.${spec.name}`, status: 'fail', observed: rows, threshold: 0, unit: 'rows outside enum', comparison: 'at_most', sampleSize: table.rowCount, at,
    evidence: { file: table.file, row: first + 1, column: spec.name },
    message: `${rows} row(s) of ${spec.name} hold values outside the allowed set, e.g. ${shown} (first at row ${first + 1}). The model has never seen these categories; map them upstream or extend the enum after retraining.`,
  };
}

/** `outliers.<column>`: share outside [Q1 − k·IQR, Q3 + k·IQR] (NumPy linear quartiles) within `max_outlier_share`. */
export function outlierCheck(table: Table, col: Column, spec: FieldSpec): CheckResult | undefined {
  if (spec.maxOutlierShare === undefined || col.type !== 'numeric') return undefined;
  const at: CardPath = spec.fromSchema ? spec.at : [...spec.at, 'max_outlier_share'];
  const infinite = nonFiniteError(table, col.values, spec.name, `outliers.${spec.name}`, at, `The outlier share of ${spec.name}`);
  if (infinite) return infinite;
  // Both quartiles by selection, no sort (NumPy's linear method, NaN dropped).
  const [q1, q3] = percentiles(col.values, [25, 75]) as [number, number];
  const k = spec.iqrFactor;
  const lo = q1 - k * (q3 - q1);
  const hi = q3 + k * (q3 - q1);
  let n = 0;
  let present = 0;
  const values = col.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    present++;
    if (v < lo || v > hi) n++;
  }
  const share = present === 0 ? 0 : n / present;
  return atMost(`outliers.${spec.name}`, at, share, spec.maxOutlierShare,
    { unit: 'share', sampleSize: present, details: { q1, q3, lower_fence: lo, upper_fence: hi, outliers: n } },
    `The outlier share of ${spec.name} (${n} of ${present} values outside [${fmt(lo)}, ${fmt(hi)}], IQR factor ${fmt(k)})`,
    'So many extreme values point to a broken source or a changed population; investigate before release.');
}

/**
 * Errors for the value checks (range, enum, outliers) a spec asks for on a column without a single
 * value: over no values each would pass without having looked at anything.
 */
export function emptyColumnChecks(table: Table, col: Column, spec: FieldSpec): CheckResult[] {
  const asked: [string, string, boolean][] = [
    ['range', spec.min !== undefined ? 'min' : 'max', spec.min !== undefined || spec.max !== undefined],
    ['enum', 'enum', spec.enum !== undefined],
    ['outliers', 'max_outlier_share', spec.maxOutlierShare !== undefined],
  ];
  const rows = columnLength(col);
  return asked.filter(([, , on]) => on).map(([kind, key]) => ({
    id: `${kind}.${spec.name}`, status: 'error', observed: null, sampleSize: 0, at: spec.fromSchema ? spec.at : [...spec.at, key],
    evidence: { file: table.file, column: spec.name },
    message: `Column ${spec.name} of ${table.file} holds no value (${rows === 0 ? 'the file has no data rows' : `all ${rows.toLocaleString('en-US')} cells are missing`}), so its ${kind} check would pass without looking at anything. Fix the source of the column, or remove the check if the column is really unused.`,
  }));
}