/**
 * Splits CSV bytes into records of fields (RFC 4180: quotes, doubled quotes, embedded newlines,
 * CRLF, a UTF-8 BOM), without decoding any text.
 *
 * Every byte that structures a CSV file (delimiter, quote, CR, LF, the spaces and tabs trimmed
 * around unquoted fields) is ASCII, and no byte of a multi-byte UTF-8 character is, so splitting
 * the bytes gives the same fields as splitting the decoded text, and each field decodes on its
 * own exactly as it would inside the whole file.
 *
 * Bytes arrive in chunks that the reader reuses, so they are copied into a work buffer, followed
 * by a line feed that is not data: a sentinel that ends every number and every unquoted field, so
 * the hot loops need no bounds test per byte. A field is a pair of offsets into that buffer; when a
 * chunk ends inside a record, the unfinished record is moved to the front of the buffer, the next
 * chunk is appended and scanning resumes where it stopped, so a record or field spanning many
 * chunks is still read in linear time. Nothing observable (a problem, a line count) happens before
 * a field is complete, which makes the result independent of where chunks end.
 *
 * The unfinished record is the only thing that makes the work buffer grow, so a record longer than
 * `maxRecordBytes` (a line that never ends, a quote that never closes) stops the scan: without the
 * limit, a 2 GiB file of one line would be held whole, twice over while the buffer doubles.
 */
import { DecimalReader } from './number-bytes';
import type { ProblemSink } from './problem-sink';
import { problem } from './types';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

/**
 * The field the scanner completed last: one object, reused for every field, so the sink must copy
 * what it keeps. The number travels in this object rather than as a call argument because a double
 * passed to a call that is not inlined is boxed: one allocation per cell.
 */
export class CsvField {
  /** The buffer the offsets point into; valid until the sink's next `moved` call. */
  bytes = Buffer.alloc(0);
  /** Position of the field in its record, from 0. */
  index = 0;
  /** First byte of the field. */
  start = 0;
  /** End of the field (exclusive). */
  end = 0;
  /** True for a quoted field with doubled quotes inside, which must be undoubled. */
  escaped = false;
  /** The value when the scanner read the field as a whole decimal number, else NaN (it may still be one, padded with spaces). */
  value = NaN;
}

/** Receives the scanner's output. */
export interface FieldSink {
  /** A field of the current record is complete. */
  field(f: CsvField): void;
  /** The current record, of `count` fields, is complete; it starts on `line`. */
  record(bytes: Buffer, count: number, line: number): void;
  /** The unfinished record moved `shift` bytes towards the start of the (possibly new) buffer. */
  moved(shift: number): void;
  /** The record starting on `line` is longer than `limit` bytes (`quoted`: it ends inside a quoted field); the scan stopped. */
  tooLong(line: number, quoted: boolean, limit: number): void;
}

/** Incremental byte-level CSV splitter; see the module comment. */
export class CsvScanner {
  private bytes = Buffer.alloc(0);
  private readonly current = new CsvField();
  private count = 0; // fields of the record being read
  private readonly decimal = new DecimalReader();
  // Reading a number up to the delimiter is only right when the delimiter cannot be part of one.
  private readonly numbers: boolean;
  private len = 0; // bytes held in `bytes`
  private pos = 0; // start of the field being read
  private recordStart = 0; // first byte of the record being read
  private resumeAt = -1; // where the scan of the field at `pos` continues, when it was cut by a chunk end
  private resumeEscaped = false;
  private line = 1;
  private recordLine = 1;
  private started = false;
  private halted = false;

  /** Creates a scanner; `delimiter` is an ASCII code (-1 for none), problems go to `problems`. */
  constructor(
    private readonly delimiter: number,
    private readonly problems: ProblemSink,
    private readonly out: FieldSink,
    private readonly maxRecordBytes: number = Infinity,
  ) {
    this.numbers = delimiter !== CR && !/[-+.0-9eE]/.test(String.fromCharCode(delimiter));
    this.current.bytes = this.bytes;
  }

  /** Scans the next chunk (copied, so the caller may reuse it); `final` marks the end of input. */
  feed(chunk: Uint8Array, final: boolean): void {
    if (this.halted) return;
    this.append(chunk);
    if (!this.started) {
      // The BOM test needs three bytes, or the knowledge that there are no more.
      if (this.len < 3 && !final) return;
      this.started = true;
      const b = this.bytes;
      if (this.len >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.pos = this.recordStart = 3;
    }
    this.scan(final);
    if (!final && this.len - this.recordStart > this.maxRecordBytes) {
      this.halted = true;
      this.out.tooLong(this.recordLine, this.bytes[this.pos] === QUOTE, this.maxRecordBytes);
    }
  }

  /** Moves the unfinished record to the front of the work buffer and appends `chunk`. */
  private append(chunk: Uint8Array): void {
    const shift = this.recordStart;
    if (shift > 0) {
      this.bytes.copyWithin(0, shift, this.len);
      this.len -= shift;
      this.pos -= shift;
      if (this.resumeAt >= 0) this.resumeAt -= shift;
      this.recordStart = 0;
    }
    // One byte more than the data, for the sentinel.
    if (this.len + chunk.length >= this.bytes.length) {
      const bytes = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.len + chunk.length + 1));
      this.bytes.copy(bytes, 0, 0, this.len);
      this.bytes = bytes;
      this.current.bytes = bytes;
    }
    if (shift > 0 && this.count > 0) this.out.moved(shift);
    this.bytes.set(chunk, this.len);
    this.len += chunk.length;
    this.bytes[this.len] = LF;
  }

  /** Reads fields from `pos` until the input runs out or ends. */
  private scan(final: boolean): void {
    const n = this.len;
    let i = this.pos;
    let from = this.resumeAt;
    this.resumeAt = -1;
    while (i < n) {
      if (from < 0) {
        i = this.plainFields(i);
        if (i >= n) break;
      }
      const next = this.bytes[i] === QUOTE ? this.quoted(i, from, final) : this.unquoted(i, from, final);
      if (next < 0) break;
      i = next;
      from = -1;
    }
    this.pos = i;
    if (i >= n) {
      if (final && this.count > 0) {
        // A record ending in a delimiter at end of input has a final empty field.
        this.addField(n, n, false, false);
        this.endRecord();
      }
      if (this.count === 0) this.recordStart = n;
    }
  }

  /**
   * The hot loop: reads unquoted fields that end before the input does. Returns where it stopped:
   * the end of the input, a quoted field, or a field that reaches the end of the input (both left
   * to `scan`). The two kinds of field have their own small methods, so that V8 can inline each
   * one's whole path down to the column within its inlining budget.
   */
  private plainFields(i: number): number {
    const bytes = this.bytes;
    const n = this.len;
    while (i < n) {
      const c = bytes[i] as number;
      if (c === QUOTE) return i;
      let next = -1;
      if (this.numbers && ((c ^ ZERO) < 10 || c === MINUS || c === DOT || c === PLUS)) next = this.numberField(i);
      if (next < 0) next = this.textField(i);
      if (next < 0) return i;
      i = next;
    }
    return i;
  }

  /** Reads the field at `i` when it is a whole decimal number; returns the next position, or -1. */
  private numberField(i: number): number {
    const bytes = this.bytes;
    const n = this.len;
    if (!this.decimal.read(bytes, i)) return -1;
    const end = this.decimal.end;
    const k = end < n && bytes[end] === CR ? end + 1 : end;
    if (k >= n) return -1;
    const c = bytes[k] as number;
    if (c !== this.delimiter && c !== LF) return -1;
    this.addField(i, end, false, true);
    if (c === LF) this.endLine(k);
    return k + 1;
  }

  /** Reads the unquoted field at `i` as text; returns the next position, or -1 when it reaches the end of input. */
  private textField(i: number): number {
    const bytes = this.bytes;
    const d = this.delimiter;
    let k = i;
    let c = 0;
    // The sentinel line feed ends this loop at the end of the data.
    while ((c = bytes[k] as number) !== d && c !== LF) k++;
    if (k >= this.len) return -1;
    this.addTrimmed(i, k);
    if (c === LF) this.endLine(k);
    return k + 1;
  }

  /** Reads an unquoted field at `i` that may reach the end of input; returns the next position or -1. */
  private unquoted(i: number, from: number, final: boolean): number {
    const bytes = this.bytes;
    const n = this.len;
    const d = this.delimiter;
    let k = from > i ? from : i;
    let c = 0;
    while (k < n && (c = bytes[k] as number) !== d && c !== LF) k++;
    if (k === n && !final) {
      this.resumeAt = k;
      return -1;
    }
    this.addTrimmed(i, k);
    return this.afterField(k);
  }

  /** Adds the unquoted field `[i, k)` without a final CR and without padding spaces or tabs. */
  private addTrimmed(i: number, k: number): void {
    const bytes = this.bytes;
    let start = i;
    let end = k;
    // A CR, a space and a tab are all bytes <= 32, and most fields start and end with none.
    if (end > start && ((bytes[start] as number) <= 32 || (bytes[end - 1] as number) <= 32)) {
      if (bytes[end - 1] === CR) end--;
      let c = 0;
      while (start < end && ((c = bytes[start] as number) === 32 || c === 9)) start++;
      while (end > start && ((c = bytes[end - 1] as number) === 32 || c === 9)) end--;
    }
    this.addField(start, end, false, false);
  }

  /** Reads a quoted field at `i` (the opening quote); returns the next position or -1. */
  private quoted(i: number, from: number, final: boolean): number {
    const bytes = this.bytes;
    const n = this.len;
    let j = from > i ? from : i + 1;
    let escaped = from > i && this.resumeEscaped;
    for (;;) {
      while (j < n && bytes[j] !== QUOTE) j++;
      if (j >= n || (j + 1 >= n && !final)) {
        if (!final) return this.suspend(j, escaped);
        this.report(`${this.problems.file}: line ${this.line}: a quoted field is never closed, so the rest of the file was read as one value. Add the missing closing quote (") to the field.`);
        // The record is dropped. Some of its cells may already be in their columns, but the
        // problem makes the whole load fail, so no table shows them.
        this.count = 0;
        return n;
      }
      if (j + 1 >= n || bytes[j + 1] !== QUOTE) break;
      escaped = true;
      j += 2;
    }
    // Looking past the closing quote may need one more chunk (a CR before LF, or stray text).
    let k = j + 1;
    if (k < n && bytes[k] === CR && (k + 1 >= n || bytes[k + 1] === LF)) {
      if (k + 1 >= n && !final) return this.suspend(j, escaped);
      k++;
    }
    const stray = k < n && bytes[k] !== this.delimiter && bytes[k] !== LF;
    let e = k;
    if (stray) {
      while (e < n && bytes[e] !== this.delimiter && bytes[e] !== LF) e++;
      if (e === n && !final) return this.suspend(j, escaped);
    }
    this.line += countLineFeeds(bytes, i + 1, j);
    this.addField(i + 1, j, escaped, false);
    if (stray) {
      this.report(`${this.problems.file}: line ${this.line}: unexpected text after a closing quote. A quote inside a quoted field must be doubled (""); fix the quoting in the producer.`);
    }
    return this.afterField(e);
  }

  /** Remembers where the quoted field's scan stopped (`j`) and asks for more input. */
  private suspend(j: number, escaped: boolean): number {
    this.resumeAt = j;
    this.resumeEscaped = escaped;
    return -1;
  }

  /** Consumes the delimiter or line end at `k` after a field. */
  private afterField(k: number): number {
    if (k >= this.len) {
      this.endRecord();
      return k;
    }
    if (this.bytes[k] === LF) this.endLine(k);
    return k + 1;
  }

  /** Ends the record at the line feed at `k`. */
  private endLine(k: number): void {
    this.endRecord();
    this.line++;
    this.recordLine = this.line;
    this.recordStart = k + 1;
  }

  /** Hands the next field of the current record to the sink, with the number just read if `number`. */
  private addField(start: number, end: number, escaped: boolean, number: boolean): void {
    const f = this.current;
    f.index = this.count++;
    f.start = start;
    f.end = end;
    f.escaped = escaped;
    f.value = number ? this.decimal.value : NaN;
    this.out.field(f);
  }

  /** Hands the complete record to the sink and starts a new one. */
  private endRecord(): void {
    this.out.record(this.bytes, this.count, this.recordLine);
    this.count = 0;
  }

  /** Adds a located parse problem at the current line. */
  private report(message: string): void {
    this.problems.add(problem('parse', this.problems.file, message, { line: this.line }));
  }
}

/** Counts LF bytes in `bytes[start, end)`, to keep line numbers right across quoted multi-line fields. */
function countLineFeeds(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (bytes[i] === LF) n++;
  return n;
}
