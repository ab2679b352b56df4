/**
 * Turns scanned CSV fields into table rows: the first record names the columns, each later
 * record is one row, and blank lines are skipped (as pandas does), so a missing value in a
 * one-column file needs a marker such as NA.
 *
 * Most cells go to their column as soon as the scanner completes them, straight from the bytes,
 * where that is provably the same as `ColumnBuilder.push` on the decoded text: a decimal number in
 * a column that stores numbers, or a text the column has seen before (remembered per column by its
 * bytes). Such cells can report no problem, so pushing them early changes nothing observable (a
 * record that turns out unterminated leaves cells behind, but its problem fails the whole load).
 * Every other cell waits for the end of its record, after the record's own problems, and is
 * decoded and pushed as text, so the typing rules live in one place.
 */
import { formatCount, lineTooLong, overBudget } from './budget';
import { parseNumber } from './cells';
import { type ColumnBuilder, VARIES as VARIES_EXPORT } from './column-builder';
import { FieldList } from './csv-fields';
import type { CsvField, FieldSink } from './csv-scanner';
import { parseDecimalBytes } from './number-bytes';
import { COLUMN_OVERHEAD_BYTES, type TableBuilder } from './table-builder';
import { NOT_CACHED as NOT_CACHED_EXPORT, TextCache } from './text-cache';
import { problem } from './types';

// Copied once: compiled to CommonJS (tsx, the tests) an imported binding is a getter call per use.
const VARIES = VARIES_EXPORT;
const NOT_CACHED = NOT_CACHED_EXPORT;

/** Header and row assembly for the CSV loader; see the module comment. */
export class CsvRecords implements FieldSink {
  private header: string[] | undefined;
  private readonly cols: ColumnBuilder[] = [];
  private readonly caches: TextCache[] = [];
  private width = 0;
  // Cells go to columns early only when every header field has its own column builder.
  private early = false;
  private readonly pending = new FieldList();
  // Missing tokens that are also numbers (such as -999) must be seen before a cell is read as a number.
  private readonly numericMissing: Buffer[];
  private readonly numbersDirect: boolean;

  /** Creates the assembler writing into `builder`. */
  constructor(private readonly builder: TableBuilder) {
    this.numericMissing = [...builder.missingTokens].filter((t) => parseNumber(t) !== undefined).map((t) => Buffer.from(t, 'utf8'));
    this.numbersDirect = this.numericMissing.length === 0;
  }

  /** True once a header was read, so an all-blank file can be told apart from a header-only one. */
  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  /** Number of columns named by the header (0 before it). */
  get columnCount(): number {
    return this.width;
  }

  /** Pushes the field to its column now when that is safe, else keeps it for the end of the record. */
  field(f: CsvField): void {
    const c = f.index;
    if (this.early) {
      // Fields past the header's width are dropped from ragged rows.
      if (c >= this.width) return;
      const col = this.cols[c] as ColumnBuilder;
      const value = f.value;
      if (value === value && col.takesNumbers && (this.numbersDirect || !this.isNumericMissing(f.bytes, f.start, f.end))) return col.pushNumber(value);
      // An empty field may be a blank line, which is no row at all; only the record's end can tell.
      if (!f.escaped && f.start !== f.end) {
        const known = (this.caches[c] as TextCache).find(f.bytes, f.start, f.end);
        if (known !== NOT_CACHED) return col.pushKnown(known);
      }
    } else if (this.header !== undefined) {
      if (c >= this.width) return;
    } else if (c * COLUMN_OVERHEAD_BYTES >= this.builder.memoryBudget) {
      // Header names are kept until the header ends; a header of millions of names stops here.
      return this.tooWide(c);
    }
    this.pending.add(f);
  }

  /** Stops the load: the header names more than `columns` columns, more than the budget can hold. */
  private tooWide(columns: number): void {
    const { builder } = this;
    if (!builder.stopped) builder.stop(overBudget(builder.file, `a header of more than ${formatCount(columns)} columns`, (columns + 1) * COLUMN_OVERHEAD_BYTES, builder.memoryBudget));
  }

  /** Stops the load at a record longer than the line limit (see the scanner). */
  tooLong(line: number, quoted: boolean, limit: number): void {
    this.builder.stop(lineTooLong(this.builder.file, line, limit, quoted));
  }

  /** Handles a complete record of `count` fields starting on `line`: the header, or a row. */
  record(bytes: Buffer, count: number, line: number): void {
    const pending = this.pending;
    // A blank line: its one empty field was kept, not pushed.
    const blank = count === 1 && pending.count === 1 && pending.start[0] === pending.end[0];
    if (!blank) {
      if (this.header === undefined) this.setHeader(bytes, line);
      else this.endRow(bytes, count, line);
    }
    pending.count = 0;
  }

  /** Ends a data row: reports a ragged row, then pushes the fields that waited. */
  private endRow(bytes: Buffer, count: number, line: number): void {
    const { builder, pending, width } = this;
    const row = builder.rowCount + 1;
    if (count !== width) {
      builder.sink.add(problem('shape', builder.file, `${builder.file}: line ${line}: row ${row} has ${count} field(s) but the header has ${width} column(s), so its values cannot be assigned to columns. Fix the row (unquoted delimiters and line breaks are the usual cause).`, { line, row }));
    }
    for (let k = 0; k < pending.count; k++) this.pushPending(bytes, k, row, line);
    // A ragged row is still stored (truncated or padded) so later rows keep their numbers.
    if (count >= width && this.early) builder.endFullRow();
    else builder.endRow();
  }

  /** Follows the scanner's buffer compaction. */
  moved(shift: number): void {
    this.pending.moved(shift);
  }

  /** Appends pending field `k` to its column, from the bytes when that is safe. */
  private pushPending(bytes: Buffer, k: number, row: number, line: number): void {
    const p = this.pending;
    const c = p.index[k] as number;
    const col = this.cols[c] as ColumnBuilder;
    const start = p.start[k] as number;
    const end = p.end[k] as number;
    if (p.escaped[k] === 1) return col.push(p.text(bytes, k), row, line);
    if (col.takesNumbers && (this.numbersDirect || !this.isNumericMissing(bytes, start, end))) {
      let n = p.value[k] as number;
      if (n !== n) n = parseDecimalBytes(bytes, start, end);
      if (n === n) return col.pushNumber(n);
    }
    const cache = this.caches[c] as TextCache;
    const known = cache.find(bytes, start, end);
    if (known !== NOT_CACHED) return col.pushKnown(known);
    const outcome = col.pushText(bytes.toString('utf8', start, end), row, line);
    if (outcome !== VARIES) cache.add(bytes, start, end, outcome);
  }

  /** True when `bytes[start, end)` is one of the missing tokens that look like numbers. */
  private isNumericMissing(bytes: Buffer, start: number, end: number): boolean {
    for (const token of this.numericMissing) {
      if (token.length !== end - start) continue;
      let i = 0;
      while (i < token.length && token[i] === bytes[start + i]) i++;
      if (i === token.length) return true;
    }
    return false;
  }

  /** Records the header, reporting empty and duplicate names that would make columns ambiguous. */
  private setHeader(bytes: Buffer, line: number): void {
    const fields = Array.from({ length: this.pending.count }, (_, k) => this.pending.text(bytes, k));
    this.header = fields;
    const { builder } = this;
    const seen = new Set<string>();
    fields.forEach((name, idx) => {
      if (name === '' || seen.has(name)) {
        const what = name === '' ? `column ${idx + 1} has an empty name` : `column name '${name}' appears twice`;
        builder.sink.add(problem('shape', builder.file, `${builder.file}: line ${line}: ${what} in the header, so gates cannot tell which column to read. Give every column a unique name.`, { line, column: name }));
      }
      seen.add(name);
      this.cols.push(builder.column(name === '' || this.cols.some((c) => c.name === name) ? `${name}#${idx + 1}` : name));
      this.caches.push(new TextCache());
    });
    this.width = this.cols.length;
    this.early = new Set(this.cols).size === this.width;
  }
}
