/**
 * Test oracle: the string-based CSV parser the loader used before it parsed bytes, kept unchanged
 * so the byte parser can be compared with it on generated files. It feeds every cell through
 * `ColumnBuilder.push`, the one place the typing rules live, so the comparison checks the byte
 * parser and the fast paths it takes around `push`. Only `oracleCsv` was added: it decodes the whole input at once, which
 * is what the old streaming loader meant to do (it could count a quoted field's lines twice when a
 * chunk ended in stray text after the field, a bug the byte parser does not copy).
 *
 * Original comment: streaming RFC 4180 CSV loader: quotes, doubled quotes, embedded newlines, CRLF,
 * a UTF-8 BOM. Text arrives in chunks. The parser is restartable at the start of a field: when a
 * chunk ends in the middle of a field, the unfinished field is carried into the next chunk and
 * parsed again from its opening. Blank lines are skipped (as pandas does).
 */
import { StringDecoder } from 'node:string_decoder';
import type { ColumnBuilder } from '../../../../server/src/evidence/column-builder';
import type { Table } from '../../../../server/src/evidence/table';
import { TableBuilder, type TableOptions } from '../../../../server/src/evidence/table-builder';
import { type EvidenceResult, problem } from '../../../../server/src/evidence/types';

/** Options of the CSV loader. */
export interface CsvOptions extends TableOptions {
  /** Field delimiter, one character (default ','; '\t' for TSV). */
  delimiter?: string;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Incremental CSV parser feeding a `TableBuilder`; see the module comment. */
export class CsvParser {
  private carry = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private header: string[] | undefined;
  private cols: ColumnBuilder[] = [];
  private started = false;
  private readonly delim: number;

  /** Creates a parser that writes rows into `builder`. */
  constructor(
    private readonly builder: TableBuilder,
    delimiter = ',',
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Parses the next piece of text; `final` marks the end of input. */
  feed(text: string, final: boolean): void {
    let buf = this.carry + text;
    this.carry = '';
    if (!this.started && buf.length > 0) {
      this.started = true;
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
    }
    let i = 0;
    while (i < buf.length) {
      const next = buf.charCodeAt(i) === QUOTE ? this.quoted(buf, i, final) : this.unquoted(buf, i, final);
      if (next < 0) {
        this.carry = buf.slice(i);
        return;
      }
      i = next;
    }
    if (final && this.fields.length > 0) {
      // A record ending in a delimiter at end of input has a final empty field.
      this.fields.push('');
      this.endRecord();
    }
  }

  /** Parses an unquoted field at `i`; returns the next position, or -1 when more input is needed. */
  private unquoted(buf: string, i: number, final: boolean): number {
    let k = i;
    const n = buf.length;
    let c = 0;
    while (k < n && (c = buf.charCodeAt(k)) !== this.delim && c !== LF) k++;
    if (k === n && !final) return -1;
    let end = k;
    if (end > i && buf.charCodeAt(end - 1) === CR) end--;
    this.fields.push(trimSpaces(buf, i, end));
    return this.afterField(buf, k);
  }

  /** Parses a quoted field at `i` (which holds the opening quote). */
  private quoted(buf: string, i: number, final: boolean): number {
    let j = i + 1;
    let escaped = false;
    for (;;) {
      j = buf.indexOf('"', j);
      if (j < 0 || (j + 1 >= buf.length && !final)) {
        if (!final) return -1;
        this.builder.sink.add(problem('parse', this.builder.file, `${this.builder.file}: line ${this.line}: a quoted field is never closed, so the rest of the file was read as one value. Add the missing closing quote (") to the field.`, { line: this.line }));
        this.fields = [];
        return buf.length;
      }
      if (buf.charCodeAt(j + 1) !== QUOTE) break;
      escaped = true;
      j += 2;
    }
    // Looking at the character after the closing quote may need one more chunk (a CR before LF).
    if (j + 2 >= buf.length && buf.charCodeAt(j + 1) === CR && !final) return -1;
    const raw = buf.slice(i + 1, j);
    this.line += countNewlines(raw);
    this.fields.push(escaped ? raw.replace(/""/g, '"') : raw);
    let k = j + 1;
    if (buf.charCodeAt(k) === CR && (buf.charCodeAt(k + 1) === LF || k + 1 >= buf.length)) k++;
    if (k < buf.length && buf.charCodeAt(k) !== this.delim && buf.charCodeAt(k) !== LF) {
      return this.strayText(buf, k, final);
    }
    return this.afterField(buf, k);
  }

  /** Reports text after a closing quote (`"ab"c`), which usually means broken quoting upstream. */
  private strayText(buf: string, k: number, final: boolean): number {
    let e = k;
    while (e < buf.length && buf.charCodeAt(e) !== this.delim && buf.charCodeAt(e) !== LF) e++;
    if (e === buf.length && !final) {
      this.fields.pop();
      return -1;
    }
    this.builder.sink.add(problem('parse', this.builder.file, `${this.builder.file}: line ${this.line}: unexpected text after a closing quote. A quote inside a quoted field must be doubled (""); fix the quoting in the producer.`, { line: this.line }));
    return this.afterField(buf, e);
  }

  /** Consumes the delimiter or line end at `k` after a field. */
  private afterField(buf: string, k: number): number {
    if (k >= buf.length) {
      this.endRecord();
      return k;
    }
    if (buf.charCodeAt(k) === LF) {
      this.endRecord();
      this.line++;
      this.recordLine = this.line;
      return k + 1;
    }
    return k + 1;
  }

  /** Handles a complete record: the header first, then data rows; blank lines are skipped. */
  private endRecord(): void {
    const fields = this.fields;
    this.fields = [];
    if (fields.length === 1 && fields[0] === '') return;
    if (!this.header) return this.setHeader(fields);
    const row = this.builder.rowCount + 1;
    if (fields.length !== this.header.length) {
      this.builder.sink.add(problem('shape', this.builder.file, `${this.builder.file}: line ${this.recordLine}: row ${row} has ${fields.length} field(s) but the header has ${this.header.length} column(s), so its values cannot be assigned to columns. Fix the row (unquoted delimiters and line breaks are the usual cause).`, { line: this.recordLine, row }));
    }
    // A ragged row is still stored (truncated or padded) so later rows keep their numbers.
    const n = Math.min(fields.length, this.cols.length);
    for (let c = 0; c < n; c++) (this.cols[c] as ColumnBuilder).push(fields[c], row, this.recordLine);
    this.builder.endRow();
  }

  /** Records the header, reporting empty and duplicate names that would make columns ambiguous. */
  private setHeader(fields: string[]): void {
    this.header = fields;
    const seen = new Set<string>();
    fields.forEach((name, idx) => {
      if (name === '' || seen.has(name)) {
        const what = name === '' ? `column ${idx + 1} has an empty name` : `column name '${name}' appears twice`;
        this.builder.sink.add(problem('shape', this.builder.file, `${this.builder.file}: line ${this.recordLine}: ${what} in the header, so gates cannot tell which column to read. Give every column a unique name.`, { line: this.recordLine, column: name }));
      }
      seen.add(name);
      this.cols.push(this.builder.column(name === '' || this.cols.some((c) => c.name === name) ? `${name}#${idx + 1}` : name));
    });
  }

  /** True once a header was read, so an all-blank file can be told apart from a header-only one. */
  get hasHeader(): boolean {
    return this.header !== undefined;
  }
}

/** Counts LF characters, to keep line numbers right across quoted multi-line fields. */
function countNewlines(s: string): number {
  let n = 0;
  for (let p = s.indexOf('\n'); p >= 0; p = s.indexOf('\n', p + 1)) n++;
  return n;
}

/** Slices `buf[i, end)` without surrounding spaces or tabs (common after delimiters). */
function trimSpaces(buf: string, i: number, end: number): string {
  while (i < end && (buf.charCodeAt(i) === 32 || buf.charCodeAt(i) === 9)) i++;
  while (end > i && (buf.charCodeAt(end - 1) === 32 || buf.charCodeAt(end - 1) === 9)) end--;
  return buf.slice(i, end);
}

/** Parses a whole CSV file given as bytes, decoding it as UTF-8 as the old loader did. */
export function oracleCsv(bytes: Uint8Array, file: string, options: CsvOptions = {}): EvidenceResult<Table> {
  const builder = new TableBuilder(file, options);
  const parser = new CsvParser(builder, options.delimiter);
  const decoder = new StringDecoder('utf8');
  parser.feed(decoder.write(Buffer.from(bytes)) + decoder.end(), true);
  return finishCsv(builder, parser);
}

/** Adds the "no header" problem when needed and finishes the table. */
function finishCsv(builder: TableBuilder, parser: CsvParser): EvidenceResult<Table> {
  if (!parser.hasHeader) {
    builder.sink.add(problem('empty', builder.file, `${builder.file} has no header line, so it holds no evidence. Regenerate the file with a header and data rows.`));
  }
  return builder.finish();
}
