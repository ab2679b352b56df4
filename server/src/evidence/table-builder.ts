/**
 * Assembles a `Table` row by row from any format, owning the column builders, the declared
 * types, the problem cap, the `minRows` check and the memory budget of the table.
 */
import { formatCount, memoryBudget, overBudget } from './budget';
import { type Cell, ColumnBuilder } from './column-builder';
import { DEFAULT_MISSING_TOKENS } from './cells';
import { ProblemSink } from './problem-sink';
import type { ColumnType, Table } from './table';
import { type EvidenceProblem, type EvidenceResult, type ReadOptions, fail, ok, problem } from './types';

/**
 * Memory one column costs before its cells: the builder, its first block of cells and the CSV
 * loader's text cache (about 4 KiB, measured), so that a header of a million names is refused
 * before a million columns exist.
 */
export const COLUMN_OVERHEAD_BYTES = 4 * 1024;

/** Most memory one cell costs in a column: a number or timestamp (categories and booleans cost less). */
export const CELL_BYTES = 8;

/** Memory a table of `rows` × `columns` may need, by the two constants above. */
export function tableBytes(rows: number, columns: number): number {
  return columns * (COLUMN_OVERHEAD_BYTES + rows * CELL_BYTES);
}

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
  private budget = Infinity;
  // Rows the current columns may reach within the budget, kept so the per-row test is one comparison.
  private rowLimit = Infinity;
  private stopProblem: EvidenceProblem | undefined;

  /** Creates a builder for `file` (its display name) with the loader options. */
  constructor(
    readonly file: string,
    private readonly options: TableOptions,
  ) {
    this.sink = new ProblemSink(file, options.maxProblems);
    this.missing = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
    this.types = options.types ?? {};
  }

  /** Sets the memory budget of the table from the file's real size; call it before the first row. */
  limit(fileBytes: number): void {
    this.budget = memoryBudget(this.options, fileBytes);
    this.updateRowLimit();
  }

  /** The memory budget of this load, in bytes (Infinity until `limit`). */
  get memoryBudget(): number {
    return this.budget;
  }

  /** True once the load must stop (over budget, a line too long); loaders then read no further. */
  get stopped(): boolean {
    return this.stopProblem !== undefined;
  }

  /** Stops the load with `p`, which `finish` lists first (whatever the problem cap). */
  stop(p: EvidenceProblem): void {
    this.stopProblem ??= p;
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
      this.columns.push(col);
      this.byName.set(name, col);
      this.updateRowLimit();
      // A column new in a late row is padded to all earlier rows, so it must fit before it grows.
      if (!this.stopped) col.padTo(this.rows);
    }
    return col;
  }

  /** Tells every column to expect about `rows` rows (an estimate from the file size), to allocate once. */
  expectRows(rows: number): void {
    if (rows > this.rowLimit) return;
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
    if (this.rows > this.rowLimit) return this.overBudget();
    for (const col of this.columns) col.padTo(this.rows);
  }

  /** Ends a row in which every column received exactly one cell, so that none needs padding. */
  endFullRow(): void {
    this.rows++;
    if (this.rows > this.rowLimit) this.overBudget();
  }

  /** Ends `n` rows at once, for columnar formats that fill each column separately. */
  endRows(n: number): void {
    this.rows += n;
    if (this.rows > this.rowLimit) return this.overBudget();
    for (const col of this.columns) col.padTo(this.rows);
  }

  /** Recomputes how many rows the columns may reach, and stops the load if it is already past. */
  private updateRowLimit(): void {
    const n = this.columns.length;
    this.rowLimit = n === 0 ? Infinity : Math.floor((this.budget / n - COLUMN_OVERHEAD_BYTES) / CELL_BYTES);
    if (this.rows > this.rowLimit) this.overBudget();
  }

  /** Stops the load because the table outgrew its budget. */
  private overBudget(): void {
    const n = this.columns.length;
    this.stop(overBudget(this.file, `its table of ${formatCount(n)} column(s) by ${formatCount(this.rows)} row(s) so far`, tableBytes(this.rows, n), this.budget));
  }

  /** Checks declared columns exist and the row count, then returns the table or the problems. */
  finish(): EvidenceResult<Table> {
    if (this.stopProblem) return fail([this.stopProblem, ...this.sink.list()]);
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
