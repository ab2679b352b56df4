/**
 * CSV and TSV loading: the file is streamed as bytes through `CsvScanner` (the field splitting)
 * into `CsvRecords` (header, rows, cells to columns). Text given in memory takes the same path as
 * its UTF-8 bytes, so there is one CSV parser.
 */
import { maxLineBytes } from './budget';
import { CsvRecords } from './csv-records';
import { CsvScanner } from './csv-scanner';
import { readChunks } from './reader';
import type { Table } from './table';
import { TableBuilder, type TableOptions } from './table-builder';
import { type EvidenceProblem, type EvidenceResult, fail, problem } from './types';

/** Options of the CSV loader. */
export interface CsvOptions extends TableOptions {
  /** Field delimiter, one ASCII character (default ','; '\t' for TSV). */
  delimiter?: string;
}

/** Most column storage reserved from an estimate; larger tables grow their columns by doubling. */
const MAX_RESERVED_BYTES = 512 * 1024 * 1024;

/** One CSV table being read: bytes go in by chunks, a table or its problems come out. */
export class CsvTableReader {
  private readonly records: CsvRecords;
  private readonly scanner: CsvScanner;

  private constructor(
    private readonly builder: TableBuilder,
    delimiter: number,
    maxRecordBytes: number,
  ) {
    this.records = new CsvRecords(builder);
    this.scanner = new CsvScanner(delimiter, builder.sink, this.records, maxRecordBytes);
  }

  /** Creates a reader for `file` (its display name), or the problem with the delimiter option. */
  static create(file: string, options: CsvOptions): CsvTableReader | EvidenceProblem {
    const delimiter = options.delimiter ?? ',';
    const code = delimiter === '' ? -1 : delimiter.charCodeAt(0);
    // Fields are split on single bytes, and a non-ASCII character is several bytes in UTF-8.
    if (code >= 0x80) {
      return problem('parse', file, `${file}: the delimiter '${delimiter}' is not an ASCII character, so the file cannot be split into columns. Use an ASCII delimiter such as ',', ';' or a tab.`);
    }
    return new CsvTableReader(new TableBuilder(file, options), code, maxLineBytes(options));
  }

  /** Sets the memory budget from the size of the input; call it before the first chunk. */
  limit(bytes: number): void {
    this.builder.limit(bytes);
  }

  /**
   * Reads the next chunk (the caller may reuse it afterwards); `final` marks the end of input.
   * Returns false once the load has stopped (a line too long, the table over budget): read no more.
   */
  feed(chunk: Uint8Array, final: boolean): boolean {
    if (!this.builder.stopped) this.scanner.feed(chunk, final);
    return !this.builder.stopped;
  }

  /**
   * Extrapolates the row count from the share of the file read so far, so that columns are
   * allocated once: growing by doubling copies every cell about once more and touches twice the
   * memory. A wrong estimate costs at most one copy when the table is finished. Returns false
   * while too few rows were read to tell.
   */
  planRows(bytesRead: number, fileSize: number): boolean {
    const rows = this.builder.rowCount;
    if (bytesRead >= fileSize) return true;
    if (rows < 64) return false;
    const expected = Math.ceil(((rows * fileSize) / bytesRead) * 1.05);
    if (expected * this.records.columnCount * 8 <= MAX_RESERVED_BYTES) this.builder.expectRows(expected);
    return true;
  }

  /** Adds the "no header" problem when needed and returns the table or the problems. */
  finish(): EvidenceResult<Table> {
    const { builder } = this;
    if (!this.records.hasHeader && !builder.stopped) {
      builder.sink.add(problem('empty', builder.file, `${builder.file} has no header line, so it holds no evidence. Regenerate the file with a header and data rows.`));
    }
    return builder.finish();
  }
}

/** Parses CSV text already in memory (tests, small inline evidence). */
export function parseCsvText(text: string, file: string, options: CsvOptions = {}): EvidenceResult<Table> {
  const reader = CsvTableReader.create(file, options);
  if (!(reader instanceof CsvTableReader)) return fail(reader);
  const bytes = Buffer.from(text, 'utf8');
  reader.limit(bytes.length);
  reader.feed(bytes, true);
  return reader.finish();
}

/** Streams a CSV file from disk in 1 MiB chunks into a columnar table. */
export async function loadCsv(file: string, options: CsvOptions = {}): Promise<EvidenceResult<Table>> {
  const reader = CsvTableReader.create(options.displayName ?? file, options);
  if (!(reader instanceof CsvTableReader)) return fail(reader);
  let planned = false;
  const onProgress = (done: number, size: number): void => {
    if (!planned) planned = reader.planRows(done, size);
    options.onProgress?.(done, size);
  };
  let stopped = false;
  const onChunk = (chunk: Buffer): boolean => {
    stopped = !reader.feed(chunk, false);
    return !stopped;
  };
  const problems = await readChunks(file, { ...options, onProgress }, onChunk, (size) => reader.limit(size));
  if (problems.length > 0) return fail(problems);
  if (!stopped) reader.feed(new Uint8Array(0), true);
  return reader.finish();
}
