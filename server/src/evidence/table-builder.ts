/**
 * Assembles a `Table` row by row from any format, owning the column builders, the declared
 * types, the problem cap and the `minRows` check.
 */
import { type Cell, ColumnBuilder } from './column-builder';
import { DEFAULT_MISSING_TOKENS } from './cells';
import { ProblemSink } from './problem-sink';
import type { ColumnType, Table } from './table';
import { type EvidenceResult, type ReadOptions, fail, ok, problem } from './types';

/** Options shared by all tabular loaders. */
export interface TableOptions extends ReadOptions {
  /** Declared column types; a cell that does not fit becomes a located `type` problem. */
  types?: Readonly<Record<string, ColumnType>>;
  /** Fewer data rows than this gives a `too-small` problem. */
  minRows?: number;
  /** Cell texts treated as missing (default: `DEFAULT_MISSING_TOKENS`, pandas' default `na_values`). */
  missingTokens?: readonly string[];
  /** Most problems listed per file before the rest are only counted (default 50). */
  maxProblems?: number;
}

/** Row-by-row table assembly shared by the CSV, JSON, JSON Lines and Parquet loaders. */
export class TableBuilder {
  /** Problems found so far; loaders add their own format problems here too. */
  readonly sink: ProblemSink;
  private readonly columns: ColumnBuilder[] = [];
  private readonly byName = new Map<string, ColumnBuilder>();
  private readonly missing: ReadonlySet<string>;
  private rows = 0;
  private types: Readonly<Record<string, ColumnType>>;

  /** Creates a builder for `file` (its display name) with the loader options. */
  constructor(
    readonly file: string,
    private readonly options: TableOptions,
  ) {
    this.sink = new ProblemSink(file, options.maxProblems);
    this.missing = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
    this.types = options.types ?? {};
  }

  /** Replaces the declared types (Parquet declares its schema types before any column exists). */
  declare(types: Readonly<Record<string, ColumnType>>): void {
    this.types = types;
  }

  /** Cell texts that mean "no value" in this load. */
  get missingTokens(): ReadonlySet<string> {
    return this.missing;
  }

  /** Number of rows completed so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** Returns the builder of column `name`, creating it (back-filled with missing cells) if new. */
  column(name: string): ColumnBuilder {
    let col = this.byName.get(name);
    if (!col) {
      col = new ColumnBuilder(name, Object.hasOwn(this.types, name) ? this.types[name] : undefined, this.sink, this.missing);
      col.padTo(this.rows);
      this.columns.push(col);
      this.byName.set(name, col);
    }
    return col;
  }

  /** Tells every column to expect about `rows` rows (an estimate from the file size), to allocate once. */
  expectRows(rows: number): void {
    for (const col of this.columns) col.reserve(rows);
  }

  /** Appends `cell` to column `name` in the current row; `line` locates problems. */
  set(name: string, cell: Cell, line?: number): void {
    const col = this.column(name);
    if (col.size > this.rows) {
      this.sink.add(problem('shape', this.file, `${this.file}: row ${this.rows + 1} sets column ${name} twice; only the first value is kept. Remove the duplicate key.`, { row: this.rows + 1, column: name, ...(line !== undefined ? { line } : {}) }));
      return;
    }
    col.push(cell, this.rows + 1, line);
  }

  /** Ends the current row, filling columns the row did not mention with missing cells. */
  endRow(): void {
    this.rows++;
    for (const col of this.columns) col.padTo(this.rows);
  }

  /** Ends a row in which every column received exactly one cell, so that none needs padding. */
  endFullRow(): void {
    this.rows++;
  }

  /** Ends `n` rows at once, for columnar formats that fill each column separately. */
  endRows(n: number): void {
    this.rows += n;
    for (const col of this.columns) col.padTo(this.rows);
  }

  /** Checks declared columns exist and the row count, then returns the table or the problems. */
  finish(): EvidenceResult<Table> {
    for (const name of Object.keys(this.options.types ?? {})) {
      if (!this.byName.has(name)) {
        this.sink.add(problem('shape', this.file, `${this.file}: declared column ${name} is not in the file. The gate needs it; add the column or fix the declared name.`, { column: name }));
      }
    }
    const min = this.options.minRows ?? 0;
    if (this.rows < min) {
      this.sink.add(problem('too-small', this.file, `${this.file} has ${this.rows} data row(s), fewer than the ${min} required. A gate computed on so little evidence is not trustworthy; collect more data.`));
    }
    if (this.sink.hasProblems) return fail(this.sink.list());
    return ok({ file: this.file, rowCount: this.rows, columns: this.columns.map((c) => c.finish()) });
  }
}
