/**
 * The columnar table every tabular loader produces.
 *
 * Columns are typed arrays rather than arrays of row objects: a million-row evidence file then
 * costs 8 bytes per numeric cell and statistics can run over contiguous memory.
 */

/** The four column types the loaders detect or accept as declared. */
export type ColumnType = 'numeric' | 'categorical' | 'boolean' | 'timestamp';

/** Marker stored in a boolean column's `values` for a missing cell (0 = false, 1 = true). */
export const BOOLEAN_MISSING = 255;

/** Code stored in a categorical column's `codes` for a missing cell. */
export const CATEGORY_MISSING = -1;

/** Fields every column carries. */
interface ColumnBase {
  /** Header name (CSV) or key (JSON, Parquet). */
  readonly name: string;
  /** Number of missing cells. */
  readonly nullCount: number;
}

/** Numbers; missing cells are NaN. */
export interface NumericColumn extends ColumnBase {
  readonly type: 'numeric';
  readonly values: Float64Array;
}

/** Strings, dictionary-encoded: `dictionary[codes[i]]`, code -1 means missing. */
export interface CategoricalColumn extends ColumnBase {
  readonly type: 'categorical';
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

/** Booleans as 0/1, with `BOOLEAN_MISSING` (255) for missing cells. */
export interface BooleanColumn extends ColumnBase {
  readonly type: 'boolean';
  readonly values: Uint8Array;
}

/** Instants as epoch milliseconds (UTC); missing cells are NaN. */
export interface TimestampColumn extends ColumnBase {
  readonly type: 'timestamp';
  readonly values: Float64Array;
}

/** Any column of a table. */
export type Column = NumericColumn | CategoricalColumn | BooleanColumn | TimestampColumn;

/** A loaded tabular evidence file. */
export interface Table {
  /** The file's display name (the path as written in the card). */
  readonly file: string;
  /** Number of data rows (header excluded). */
  readonly rowCount: number;
  /** Columns in file order; every column has `rowCount` cells. */
  readonly columns: readonly Column[];
}

/** Finds a column by exact name. */
export function getColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** Reads cell `row` (0-based) of a categorical column as a string, or undefined when missing. */
export function categoryAt(column: CategoricalColumn, row: number): string | undefined {
  const code = column.codes[row];
  return code === undefined || code < 0 ? undefined : column.dictionary[code];
}

/** Reads cell `row` (0-based) of a boolean column, or undefined when missing. */
export function booleanAt(column: BooleanColumn, row: number): boolean | undefined {
  const v = column.values[row];
  return v === undefined || v === BOOLEAN_MISSING ? undefined : v === 1;
}

/**
 * Cell `row` as text, for comparing with values written in a card: categories as written, booleans
 * as true/false, numbers as JavaScript prints them, timestamps as ISO 8601 (or as epoch
 * milliseconds when `timestampsAsNumbers`); undefined when the cell is missing.
 */
export function cellText(column: Column, row: number, timestampsAsNumbers = false): string | undefined {
  switch (column.type) {
    case 'categorical':
      return categoryAt(column, row);
    case 'boolean': {
      const b = booleanAt(column, row);
      return b === undefined ? undefined : String(b);
    }
    case 'numeric':
    case 'timestamp': {
      const v = column.values[row];
      if (v === undefined || Number.isNaN(v)) return undefined;
      return column.type === 'timestamp' && !timestampsAsNumbers ? new Date(v).toISOString() : String(v);
    }
  }
}
