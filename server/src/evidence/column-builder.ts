/**
 * Builds one typed column from a stream of cells, detecting its type in a single pass.
 *
 * Detection starts from the first non-missing value and promotes to `categorical` when a later
 * value contradicts the guess (a number column that meets "abc"). Earlier cells are then converted
 * to their canonical text (`1.50` becomes `1.5`); this trades exact original spelling for never
 * keeping a string per numeric cell. A declared type never promotes: a mismatching cell becomes a
 * located problem and is stored as missing.
 *
 * `push` is the one place these rules live. Byte-level loaders (CSV) use `pushNumber`, `pushText`
 * and `pushKnown` only where they give exactly what `push` would, to skip a string per cell.
 */
import { DEFAULT_MISSING_TOKENS, parseBoolean, parseInfinity, parseNumber, parseTimestamp } from './cells';
import type { ProblemSink } from './problem-sink';
import { BOOLEAN_MISSING, CATEGORY_MISSING, type Column, type ColumnType } from './table';
import { problem } from './types';

/** A raw cell as delivered by a format: text from CSV, JSON scalars, Parquet values. */
export type Cell = string | number | boolean | bigint | Date | null | undefined;

const MISSING = 0;
const NUM = 1;
const BOOL = 2;
const TIME = 3;
const STR = 4;
type Tag = typeof MISSING | typeof NUM | typeof BOOL | typeof TIME | typeof STR;

/**
 * Cells of a column's first block: small, so that a table of many short columns costs little
 * (the table's memory budget counts it per column); larger columns grow by doubling.
 */
const FIRST_BLOCK = 64;

/** Outcome of `pushText` that cannot be reused for the same text later. */
export const VARIES = -2;

const TAG_TYPE: Record<Tag, ColumnType | undefined> = { 0: undefined, 1: 'numeric', 2: 'boolean', 3: 'timestamp', 4: 'categorical' };

/** Text shown for a cell in messages, shortened so a huge cell cannot flood the output. */
function show(cell: Cell): string {
  const s = cell instanceof Date ? cell.toISOString() : String(cell);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Canonical text of a non-missing cell for categorical storage. */
function asText(cell: Cell): string {
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

/** Incrementally builds one column; see the module comment for the typing rules. */
export class ColumnBuilder {
  private kind: ColumnType | undefined;
  private length = 0;
  private nulls = 0;
  private num = new Float64Array(0);
  private bool = new Uint8Array(0);
  private codes = new Int32Array(0);
  private dict: string[] = [];
  private dictIndex = new Map<string, number>();
  // Scratch outputs of classify(), kept as fields so no object is allocated per cell.
  private scratchNum = 0;
  private scratchBool = false;
  // True when the last number classified was an infinity word (inf), which no timestamp spells.
  private scratchWord = false;
  private numbers = false;
  private expected = 0;

  /** Creates a builder; `declared` fixes the type, `sink` receives located type problems. */
  constructor(
    readonly name: string,
    private readonly declared: ColumnType | undefined,
    private readonly sink: ProblemSink,
    private readonly missing: ReadonlySet<string> = new Set(DEFAULT_MISSING_TOKENS),
  ) {
    this.kind = declared;
    this.typeChanged();
    if (declared) this.allocate(declared, 0);
  }

  /** Number of cells appended so far. */
  get size(): number {
    return this.length;
  }

  /** Makes room for `rows` cells at once, so a large column is allocated once rather than grown by copying. */
  reserve(rows: number): void {
    this.expected = rows;
    this.ensure(rows);
  }

  /** Appends missing cells until the column holds `n` cells (keys absent from a JSON row). */
  padTo(n: number): void {
    while (this.length < n) this.appendMissing();
  }

  /** Appends one cell; `row` and `line` (1-based) locate problems. */
  push(cell: Cell, row: number, line?: number): void {
    const tag = this.classify(cell);
    if (tag === MISSING) return this.appendMissing();
    if (this.declared) return this.pushDeclared(cell, tag, row, line);
    if (this.kind === undefined) {
      this.kind = TAG_TYPE[tag];
      this.typeChanged();
      this.allocate(this.kind as ColumnType, this.length);
    } else if (this.kind !== 'categorical' && this.kind !== TAG_TYPE[tag]) {
      this.promoteToCategorical();
    }
    this.appendTagged(cell);
  }

  /** Appends a text cell already parsed as the number `n`; only when `takesNumbers` (see there). */
  pushNumber(n: number): void {
    if (this.length === this.num.length) this.ensure(this.length + 1);
    this.num[this.length++] = n;
  }

  /**
   * Whether a text cell that is a decimal number (and not a missing token) may be appended with
   * `pushNumber`, because `push` would store exactly its value without changing the column's type:
   * the column already stores numbers. In a categorical column `push` stores the text as written,
   * and in a boolean or timestamp column it promotes or reports a declared mismatch, which need
   * the text; the first value of a column sets its type, which `push` does.
   */
  get takesNumbers(): boolean {
    return this.numbers;
  }

  /** Updates `numbers` (read per cell, so kept rather than derived) after the type changed. */
  private typeChanged(): void {
    this.numbers = this.kind === 'numeric' || (this.kind === 'timestamp' && this.declared === 'timestamp');
  }

  /**
   * Appends a text cell like `push` and says what any later cell with the same text will do too:
   * `CATEGORY_MISSING` for a missing token, the dictionary code once the column is categorical, or
   * `VARIES` when the outcome depends on more than the text (a type still being detected, a
   * declared-type problem to report at each row).
   */
  pushText(text: string, row: number, line?: number): number {
    if (this.missing.has(text)) {
      this.appendMissing();
      return CATEGORY_MISSING;
    }
    this.push(text, row, line);
    return this.kind === 'categorical' ? (this.codes[this.length - 1] as number) : VARIES;
  }

  /** Appends a cell whose text earlier gave `outcome` from `pushText` (not `VARIES`). */
  pushKnown(outcome: number): void {
    if (outcome < 0) return this.appendMissing();
    if (this.length === this.codes.length) this.ensure(this.length + 1);
    this.codes[this.length++] = outcome;
  }

  /** The type declared for this column (Parquet declares its schema's), if any. */
  get declaredType(): ColumnType | undefined {
    return this.declared;
  }

  /** Storage of the next `n` cells of a column declared numeric, for a bulk decoder to fill before `commitSlots`. */
  numberSlots(n: number): Float64Array {
    this.ensure(this.length + n);
    return this.num.subarray(this.length, this.length + n);
  }

  /** Storage of the next `n` cells of a column declared categorical, for a bulk decoder's codes. */
  codeSlots(n: number): Int32Array {
    this.ensure(this.length + n);
    return this.codes.subarray(this.length, this.length + n);
  }

  /**
   * Takes the `n` cells a bulk decoder wrote into `numberSlots` or `codeSlots`, of which `missing`
   * are missing (NaN, or `CATEGORY_MISSING`, as for `push`): the decoder counts them as it writes
   * them, rather than this reading them again.
   */
  commitSlots(n: number, missing: number): void {
    this.nulls += missing;
    this.length += n;
  }

  /**
   * The code `push` stores for `text` in a column declared categorical, interning it now (so in the
   * order of first cells when asked in that order), or `CATEGORY_MISSING` for a missing token.
   */
  categoryCode(text: string): number {
    return this.missing.has(text) ? CATEGORY_MISSING : this.intern(text);
  }

  /** Classifies a cell, leaving a parsed number or boolean in the scratch fields. */
  private classify(cell: Cell): Tag {
    if (cell === null || cell === undefined) return MISSING;
    if (typeof cell === 'string') return this.classifyText(cell);
    if (typeof cell === 'number') {
      this.scratchNum = cell;
      return Number.isNaN(cell) ? MISSING : NUM;
    }
    if (typeof cell === 'bigint') return (this.scratchNum = Number(cell)), NUM;
    if (typeof cell === 'boolean') return (this.scratchBool = cell), BOOL;
    this.scratchNum = cell.getTime();
    return Number.isNaN(this.scratchNum) ? MISSING : TIME;
  }

  /** Classifies text in the order cheapest-and-most-common first: missing, number (or infinity, as pandas reads it), boolean, time. */
  private classifyText(s: string): Tag {
    if (this.missing.has(s)) return MISSING;
    if (this.kind === 'categorical') return STR;
    let n = parseNumber(s);
    this.scratchWord = n === undefined;
    n ??= parseInfinity(s);
    if (n !== undefined) return (this.scratchNum = n), NUM;
    const b = parseBoolean(s);
    if (b !== undefined) return (this.scratchBool = b), BOOL;
    const t = parseTimestamp(s);
    if (t !== undefined) return (this.scratchNum = t), TIME;
    return STR;
  }

  /** Appends a cell to a column of declared type, reporting values that do not fit. */
  private pushDeclared(cell: Cell, tag: Tag, row: number, line: number | undefined): void {
    const d = this.declared as ColumnType;
    if (d === 'categorical' || TAG_TYPE[tag] === d) return this.appendTagged(cell);
    if (d === 'boolean' && tag === NUM && (this.scratchNum === 0 || this.scratchNum === 1)) {
      this.scratchBool = this.scratchNum === 1;
      return this.appendTagged(cell);
    }
    // Numbers in a timestamp column are taken as epoch milliseconds; an infinity word is no time.
    if (d === 'timestamp' && tag === NUM && !(typeof cell === 'string' && this.scratchWord)) return this.appendTagged(cell);
    this.reportMismatch(cell, d, row, line);
    this.appendMissing();
  }

  /** Reports a cell that does not match the declared type, located at row and column. */
  private reportMismatch(cell: Cell, d: ColumnType, row: number, line: number | undefined): void {
    const what = { numeric: 'a number', boolean: 'a boolean (true/false)', timestamp: 'an ISO 8601 timestamp', categorical: 'text' }[d];
    const at = line !== undefined ? ` (line ${line})` : '';
    const file = this.sink.file;
    this.sink.add(problem('type', file, `${file}: row ${row}${at}, column ${this.name}: '${show(cell)}' is not ${what}. The column is declared ${d}, so the gate would compute on a wrong or missing value; fix the value in the evidence or the declared type.`, { row, column: this.name, ...(line !== undefined ? { line } : {}) }));
  }

  /** Appends a classified non-missing cell to the column's current storage. */
  private appendTagged(cell: Cell): void {
    this.ensure(this.length + 1);
    switch (this.kind) {
      case 'numeric':
      case 'timestamp':
        this.num[this.length] = this.scratchNum;
        break;
      case 'boolean':
        this.bool[this.length] = this.scratchBool ? 1 : 0;
        break;
      default:
        this.codes[this.length] = this.intern(asText(cell));
    }
    this.length++;
  }

  /** Appends one missing cell in the representation of the current type. */
  private appendMissing(): void {
    this.ensure(this.length + 1);
    if (this.kind === 'numeric' || this.kind === 'timestamp') this.num[this.length] = NaN;
    else if (this.kind === 'boolean') this.bool[this.length] = BOOLEAN_MISSING;
    else if (this.kind === 'categorical') this.codes[this.length] = CATEGORY_MISSING;
    this.length++;
    this.nulls++;
  }

  /** Returns the dictionary code of a category, adding it when new. */
  private intern(s: string): number {
    let code = this.dictIndex.get(s);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(s);
      this.dictIndex.set(s, code);
    }
    return code;
  }

  /** Allocates storage for `kind` holding `filled` missing cells (the cells seen before the first value). */
  private allocate(kind: ColumnType, filled: number): void {
    const cap = Math.max(FIRST_BLOCK, filled * 2, this.expected);
    if (kind === 'numeric' || kind === 'timestamp') this.num = new Float64Array(cap).fill(NaN, 0, filled);
    else if (kind === 'boolean') this.bool = new Uint8Array(cap).fill(BOOLEAN_MISSING, 0, filled);
    else this.codes = new Int32Array(cap).fill(CATEGORY_MISSING, 0, filled);
  }

  /** Grows the active typed array by doubling so appends are amortised O(1). */
  private ensure(n: number): void {
    if (this.kind === undefined) return;
    const cur = this.kind === 'boolean' ? this.bool : this.kind === 'categorical' ? this.codes : this.num;
    if (n <= cur.length) return;
    const cap = n <= this.expected ? this.expected : Math.max(FIRST_BLOCK, cur.length * 2, n);
    if (this.kind === 'boolean') this.bool = grow(this.bool, new Uint8Array(cap));
    else if (this.kind === 'categorical') this.codes = grow(this.codes, new Int32Array(cap));
    else this.num = grow(this.num, new Float64Array(cap));
  }

  /** Converts the cells seen so far to text categories after a contradicting value. */
  private promoteToCategorical(): void {
    const codes = new Int32Array(Math.max(FIRST_BLOCK, this.length * 2, this.expected));
    for (let i = 0; i < this.length; i++) {
      const text = this.cellText(i);
      codes[i] = text === undefined ? CATEGORY_MISSING : this.intern(text);
    }
    this.codes = codes;
    this.kind = 'categorical';
    this.typeChanged();
    this.num = new Float64Array(0);
    this.bool = new Uint8Array(0);
  }

  /** Canonical text of cell `i` under the pre-promotion type, or undefined when missing. */
  private cellText(i: number): string | undefined {
    if (this.kind === 'boolean') {
      const b = this.bool[i];
      return b === BOOLEAN_MISSING ? undefined : b === 1 ? 'true' : 'false';
    }
    const v = this.num[i] as number;
    if (Number.isNaN(v)) return undefined;
    return this.kind === 'timestamp' ? new Date(v).toISOString() : String(v);
  }

  /** Produces the finished column; a column with no value at all is categorical with an empty dictionary. */
  finish(): Column {
    const n = this.length;
    const base = { name: this.name, nullCount: this.nulls };
    switch (this.kind) {
      case 'numeric':
        return { ...base, type: 'numeric', values: trim(this.num, n) };
      case 'timestamp':
        return { ...base, type: 'timestamp', values: trim(this.num, n) };
      case 'boolean':
        return { ...base, type: 'boolean', values: trim(this.bool, n) };
      case 'categorical':
        return { ...base, type: 'categorical', codes: trim(this.codes, n), dictionary: this.dict };
      default:
        return { ...base, type: 'categorical', codes: new Int32Array(n).fill(CATEGORY_MISSING), dictionary: [] };
    }
  }
}

/** Copies `from` into the front of `to`. */
function grow<T extends Float64Array | Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

/** Returns exactly `n` cells, copying only when the spare capacity is worth giving back. */
function trim<T extends Float64Array | Uint8Array | Int32Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length - n > (n >> 3) ? a.slice(0, n) : a.subarray(0, n)) as T;
}
