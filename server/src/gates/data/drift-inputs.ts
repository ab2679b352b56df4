/**
 * The two samples one drift test compares, or why there are none to compare. Drift runs on the
 * non-missing values (as Evidently does), so every missing cell is counted and the share must stay
 * within what the card accepts for the column; a non-finite number is never dropped silently; and
 * a column numeric in one file and text in the other is an error, not categories of numbers.
 */
import type { CardPath } from '../../card/model';
import { cellText, type Column, parseInfinity, parseNumber, type Table } from '../../evidence';
import { CategoryCounts } from '../../stats';
import { CellAuditBuilder, cellsError } from '../engine/cells';
import { definitionError, pct } from '../engine/checks';
import { finiteOnly } from './columns';
import type { FieldSpec } from './spec';
import type { CheckResult } from '../engine/types';

/**
 * Share of missing cells a drift test may leave out when the card states none for the column (no
 * `max_null_share`, no `nullable: false`): small enough that the dropped rows cannot hide a shift.
 */
export const DEFAULT_DRIFT_MISSING_SHARE = 0.01;

/** Samples ready for a drift test: finite numbers without missing values, or category counts. */
export type DriftInputs =
  | { kind: 'numeric'; reference: Float64Array; current: Float64Array; missing: [number, number] }
  | { kind: 'categorical'; reference: CategoryCounts; current: CategoryCounts; missing: [number, number] };

/** One column of one file, for messages. */
interface Side {
  table: Table;
  col: Column;
}

/** Number of cells of a column. */
function cells(col: Column): number {
  return col.type === 'categorical' ? col.codes.length : col.values.length;
}

/** The share of missing cells the card accepts for a column, and where that comes from. */
function allowance(name: string, spec: FieldSpec | undefined): { share: number; source: string } {
  if (spec?.nullable === false) return { share: 0, source: `${name} is nullable: false` };
  if (spec?.maxNullShare !== undefined) return { share: spec.maxNullShare, source: `its max_null_share is ${pct(spec.maxNullShare)}` };
  return { share: DEFAULT_DRIFT_MISSING_SHARE, source: `the card sets no max_null_share for it, so drift accepts ${pct(DEFAULT_DRIFT_MISSING_SHARE)}` };
}

/** An error when a file leaves out more missing cells than the column accepts. */
function missingError(id: string, at: CardPath, name: string, sides: readonly Side[], spec: FieldSpec | undefined): CheckResult | undefined {
  const allowed = allowance(name, spec);
  for (const { table, col } of sides) {
    const rows = cells(col);
    const share = rows === 0 ? 0 : col.nullCount / rows;
    if (share <= allowed.share) continue;
    let first = 0;
    while (first < rows && cellText(col, first) !== undefined) first++;
    return {
      ...definitionError(id, at, `Drift of ${name} cannot be decided: ${col.nullCount.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} cells of ${name} in ${table.file} are missing (${pct(share)}), first at row ${first + 1}, and ${allowed.source}. The test would compare only the remaining rows, and a change in how many values are missing is itself a shift no drift test sees. Fix the missing values, or set fields.${name}.max_null_share to the share you accept (the nulls check then holds the current slice to it).`, share),
      evidence: { file: table.file, column: name, row: first + 1 },
    };
  }
  return undefined;
}

/** The first cell of a text column that is not a number, for the type-mismatch message. */
function firstNonNumber(col: Column): { row: number; text: string } | undefined {
  for (let i = 0; i < cells(col); i++) {
    const t = cellText(col, i);
    if (t !== undefined && (parseNumber(t) ?? parseInfinity(t)) === undefined) return { row: i + 1, text: t.length > 40 ? `${t.slice(0, 37)}...` : t };
  }
  return undefined;
}

/** The word for a column type in messages. */
function typeWord(col: Column): string {
  return col.type === 'categorical' ? 'text' : col.type;
}

/** True for a numeric column holding only 0, 1 and missing cells. */
function zeroOne(col: Column): boolean {
  return col.type === 'numeric' && col.values.every((v) => Number.isNaN(v) || v === 0 || v === 1);
}

/** An error for two columns whose types no drift test can compare. */
function typeError(id: string, at: CardPath, name: string, ref: Side, cur: Side): CheckResult {
  const text = ref.col.type === 'categorical' ? ref : cur.col.type === 'categorical' ? cur : undefined;
  const bad = text && firstNonNumber(text.col);
  const where = bad && text ? ` (first non-number in ${text.table.file}: '${bad.text}' at row ${bad.row})` : '';
  return {
    ...definitionError(id, at, `Column ${name} is ${typeWord(ref.col)} in ${ref.table.file} and ${typeWord(cur.col)} in ${cur.table.file}${where}, so no drift test can compare them: as categories every distinct number would look like a new value. A changed type is itself a broken input; fix the producer of the column, or declare fields.${name}.type if it really is categorical.`),
    ...(bad && text ? { evidence: { file: text.table.file, column: name, row: bad.row } } : {}),
  };
}

/** An error when a numeric sample holds ±Infinity, which a test would have to drop. */
function nonFiniteError(id: string, at: CardPath, name: string, sides: readonly Side[]): CheckResult | undefined {
  const audits = sides.map(({ table, col }) => {
    const b = new CellAuditBuilder(table.file, name);
    if (col.type === 'numeric') {
      const values = col.values;
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as number;
        if (v === Infinity || v === -Infinity) b.reject(i, 'not finite');
      }
    }
    return b.done(cells(col));
  });
  return cellsError(id, at, audits, `Drift of ${name}`);
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

/** Counts of 'true' and 'false' in first-seen order, from 0/1 cells (other values are missing). */
function booleanCounts(values: ArrayLike<number>): CategoryCounts {
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

/** Category counts of a column; `asBoolean` reads a 0/1 numeric column as false/true. */
function counts(col: Column, asBoolean: boolean): CategoryCounts | undefined {
  switch (col.type) {
    case 'categorical':
      return codeCounts(col.codes, col.dictionary);
    case 'boolean':
      return booleanCounts(col.values);
    case 'numeric':
      return asBoolean ? booleanCounts(col.values) : numberCounts(col.values);
    case 'timestamp':
      return undefined;
  }
}

/** How two columns are compared: as numbers, as categories (booleans when 0/1 meets true/false), or not at all. */
function comparison(ref: Column, cur: Column, spec: FieldSpec | undefined): 'numeric' | 'categorical' | 'boolean' | undefined {
  const declared = spec?.type === 'categorical' || spec?.type === 'boolean';
  const mixedBoolean = (ref.type === 'boolean' && zeroOne(cur)) || (cur.type === 'boolean' && zeroOne(ref));
  if (mixedBoolean && (declared || spec?.type === undefined)) return 'boolean';
  if (declared) return 'categorical';
  if (ref.type === 'numeric' && cur.type === 'numeric') return 'numeric';
  return ref.type === cur.type && ref.type !== 'timestamp' ? 'categorical' : undefined;
}

/**
 * The samples of column `name` for its drift check, or the error check saying why it cannot be
 * tested: too many missing cells, types no test can compare, or a non-finite number.
 */
export function driftInputs(id: string, at: CardPath, name: string, ref: Side, cur: Side, spec: FieldSpec | undefined): DriftInputs | CheckResult {
  const missing = missingError(id, at, name, [ref, cur], spec);
  if (missing) return missing;
  const how = comparison(ref.col, cur.col, spec);
  if (how === undefined) {
    if (ref.col.type === 'timestamp' || cur.col.type === 'timestamp') return definitionError(id, at, `Column ${name} is ${ref.col.type} in the reference and ${cur.col.type} in the current slice, so no drift test applies. Fix the data or the drift column list.`);
    return typeError(id, at, name, ref, cur);
  }
  const nulls: [number, number] = [ref.col.nullCount, cur.col.nullCount];
  if (how === 'numeric' && ref.col.type === 'numeric' && cur.col.type === 'numeric') {
    const bad = nonFiniteError(id, at, name, [ref, cur]);
    if (bad) return bad;
    return { kind: 'numeric', reference: finiteOnly(ref.col.values), current: finiteOnly(cur.col.values), missing: nulls };
  }
  const r = counts(ref.col, how === 'boolean');
  const c = counts(cur.col, how === 'boolean');
  if (!r || !c) return definitionError(id, at, `Column ${name} is ${ref.col.type} in the reference and ${cur.col.type} in the current slice, so no drift test applies. Fix the data or the drift column list.`);
  return { kind: 'categorical', reference: r, current: c, missing: nulls };
}
