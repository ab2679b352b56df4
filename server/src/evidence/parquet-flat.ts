/**
 * The direct path for flat Parquet columns: the pages the walk of parquet-pages.ts has just
 * checked and decompressed are decoded here straight into one typed array per column chunk, with
 * no value object and no call per cell. It covers what writers produce for tables (pyarrow,
 * pandas, Polars, DuckDB, hyparquet-writer): a required or optional top-level column of DOUBLE,
 * FLOAT, INT32, INT64 or UTF-8 text, PLAIN or dictionary encoded, uncompressed or Snappy, in
 * version 1 or 2 data pages. Anything else (nested or repeated columns, timestamps, decimals,
 * unsigned integers, other encodings or codecs) says `unsupported` and the loader decodes that
 * chunk through `hyparquet` as before; the cells it gives are the ones this path would have given.
 */
import type { PageHeader, SchemaElement } from 'hyparquet';
import type { CheckedPage } from './parquet-pages';
import { dictionaryCodes, dictionaryNumbers } from './parquet-dictionary';
import { count, countNaN, type FlatKind, levels, plainNumbers, plainTexts, spreadInPlace } from './parquet-values';

/** How a flat column's values are stored in the file (see parquet-values.ts). */
export type { FlatKind } from './parquet-values';

/** The kind of a top-level column the direct path decodes, or undefined for the general path. */
export function flatKind(el: SchemaElement, codec: string): FlatKind | undefined {
  if (el.num_children || el.repetition_type === 'REPEATED' || (codec !== 'UNCOMPRESSED' && codec !== 'SNAPPY')) return undefined;
  const logical = el.logical_type;
  const conv = el.converted_type;
  const signed = logical === undefined || (logical.type === 'INTEGER' && logical.isSigned);
  switch (el.type) {
    case 'DOUBLE':
      return logical === undefined && conv === undefined ? 'double' : undefined;
    case 'FLOAT':
      return logical === undefined && conv === undefined ? 'float' : undefined;
    case 'INT32':
      return signed && (conv === undefined || conv === 'INT_8' || conv === 'INT_16' || conv === 'INT_32') ? 'int32' : undefined;
    case 'INT64':
      return signed && (conv === undefined || conv === 'INT_64') ? 'int64' : undefined;
    case 'BYTE_ARRAY':
      return conv === 'UTF8' || logical?.type === 'STRING' ? 'utf8' : undefined;
    default:
      return undefined;
  }
}

/** A page this path does not decode (an encoding other than plain or dictionary). */
class Unsupported extends Error {}

/** The values and definition levels of one data page, as the page version lays them out. */
interface DataPage {
  n: number;
  encoding: string;
  /** Definition levels (1 = present), or undefined when every value is present. */
  defined: Int32Array | undefined;
  present: number;
  values: Uint8Array;
  offset: number;
}

/**
 * One column chunk decoded straight into the column's storage; `finish` says whether it all
 * decoded, and `missing` counts the missing cells it wrote (NaN, or -1 for a missing text).
 */
export class FlatChunk {
  private readonly textCodes = new Map<string, number>();
  private dictNumbers: Float64Array | undefined;
  /** Whether the dictionary holds a NaN, which a page must then count value by value. */
  private dictHasNaN = false;
  private dictTexts: string[] | undefined;
  private dictIds: Int32Array | undefined;
  /** Dictionary entries without a code yet (-2 in `dictIds`). */
  private unresolved = 0;
  /** Whether a dictionary entry's code is the missing one (-1), which a page must then count. */
  private dictHasMissing = false;
  private row = 0;
  private failed: string | undefined;
  /** Missing cells written so far. */
  missing = 0;

  /**
   * `target` receives one cell per row: numbers (NaN missing), or for `utf8` the codes `codeOf`
   * gives each text (-1 missing), asked once per distinct text in the order of its first row.
   */
  constructor(readonly kind: FlatKind, private readonly maxDefinition: number, private readonly target: Float64Array | Int32Array, private readonly codeOf: (text: string) => number = () => -1) {}

  /** Takes one checked page (reading its bytes before it returns); after an unsupported page the rest are ignored. */
  readonly visit = (page: CheckedPage): void => {
    if (this.failed !== undefined) return;
    try {
      if (page.kind === 'dictionary') this.dictionary(page.header, page.values);
      else this.data(page.kind === 'v1' ? this.v1(page.header, page.page) : this.v2(page.header, page.definition, page.values));
    } catch (err) {
      this.failed = err instanceof Unsupported ? 'unsupported' : (err as Error).message;
    }
  };

  /** 'ok' when every row decoded, 'unsupported' to take the general path, else why the pages do not decode. */
  finish(): 'ok' | 'unsupported' | string {
    if (this.failed !== undefined) return this.failed;
    return this.row === this.target.length ? 'ok' : `its pages decoded ${this.row} of the group's ${this.target.length} rows`;
  }

  /** A dictionary page: plain values of the column's type. */
  private dictionary(header: PageHeader, bytes: Uint8Array): void {
    const n = header.dictionary_page_header?.num_values ?? 0;
    if (header.dictionary_page_header?.encoding !== undefined && !['PLAIN', 'PLAIN_DICTIONARY'].includes(header.dictionary_page_header.encoding)) throw new Unsupported();
    if (this.kind === 'utf8') {
      this.dictTexts = plainTexts(bytes, 0, n);
      this.dictIds = new Int32Array(n).fill(-2);
      this.unresolved = n;
      this.dictHasMissing = false;
    } else {
      this.dictNumbers = new Float64Array(n);
      this.dictHasNaN = plainNumbers(this.kind, bytes, 0, n, this.dictNumbers, 0) > 0;
    }
  }

  /** Levels and values of a version 1 page: [4-byte length, levels] then values. */
  private v1(header: PageHeader, page: Uint8Array): DataPage {
    const h = header.data_page_header;
    if (!h) throw new RangeError('a data page has no header');
    let offset = 0;
    let defined: Int32Array | undefined;
    let present = h.num_values;
    if (this.maxDefinition > 0) {
      if (page.length < 4) throw new RangeError('a page ends in its levels');
      const length = (page[0] as number) | ((page[1] as number) << 8) | ((page[2] as number) << 16) | ((page[3] as number) << 24);
      defined = levels(page.subarray(4, 4 + length), h.num_values);
      offset = 4 + length;
      present = defined ? count(defined) : h.num_values;
    }
    return { n: h.num_values, encoding: h.encoding, defined, present, values: page, offset };
  }

  /** Levels and values of a version 2 page: levels uncompressed apart, then values. */
  private v2(header: PageHeader, definition: Uint8Array, values: Uint8Array): DataPage {
    const h = header.data_page_header_v2;
    if (!h) throw new RangeError('a data page has no header');
    let defined: Int32Array | undefined;
    let present = h.num_values;
    if (this.maxDefinition > 0) {
      defined = levels(definition, h.num_values);
      present = defined ? count(defined) : h.num_values;
    }
    return { n: h.num_values, encoding: h.encoding, defined, present, values, offset: 0 };
  }

  /**
   * Places one data page's values at their rows: the present ones are decoded into the last of the
   * page's rows, then spread over them by the levels (no buffer per page).
   */
  private data(p: DataPage): void {
    if (this.row + p.n > this.target.length) throw new RangeError(`a page holds ${p.n} values past the group's ${this.target.length} rows`);
    const at = this.row + p.n - p.present;
    this.missing += this.kind === 'utf8' ? this.textValues(p, at) : this.numberValues(p, at);
    if (p.defined) {
      spreadInPlace(this.target, this.row, p.defined, p.present);
      this.missing += p.n - p.present;
    }
    this.row += p.n;
  }

  /** Decodes the page's present numbers into the target from `at`; returns how many are NaN. */
  private numberValues(p: DataPage, at: number): number {
    const out = this.target as Float64Array;
    if (p.encoding === 'PLAIN') return plainNumbers(this.kind as Exclude<FlatKind, 'utf8'>, p.values, p.offset, p.present, out, at);
    if (p.encoding !== 'PLAIN_DICTIONARY' && p.encoding !== 'RLE_DICTIONARY') throw new Unsupported();
    const dict = this.dictNumbers;
    if (!dict) throw new RangeError('a dictionary-encoded page comes before its dictionary');
    dictionaryNumbers(p.values, p.offset, p.present, dict, out, at);
    return this.dictHasNaN ? countNaN(out, at, at + p.present) : 0;
  }

  /**
   * Decodes the page's present texts into the target from `at` as codes (asked in first-seen order,
   * as cells are interned); returns how many are missing (-1).
   */
  private textValues(p: DataPage, at: number): number {
    const out = this.target as Int32Array;
    let missing = 0;
    if (p.encoding === 'PLAIN') {
      const texts = plainTexts(p.values, p.offset, p.present);
      for (let i = 0; i < texts.length; i++) {
        const code = this.codeOfText(texts[i] as string);
        out[at + i] = code;
        if (code === -1) missing++;
      }
      return missing;
    }
    if (p.encoding !== 'PLAIN_DICTIONARY' && p.encoding !== 'RLE_DICTIONARY') throw new Unsupported();
    const dict = this.dictTexts;
    const ids = this.dictIds as Int32Array;
    if (!dict) throw new RangeError('a dictionary-encoded page comes before its dictionary');
    dictionaryCodes(p.values, p.offset, p.present, ids, out, at, (idx) => {
      // Codes are asked for in the order of the entries' first rows; the scan stops once every
      // entry has one (after a few rows, for a dictionary of categories).
      for (let i = 0; i < idx.length && this.unresolved > 0; i++) {
        const d = idx[i] as number;
        if (ids[d] !== -2) continue;
        const id = this.codeOfText(dict[d] as string);
        ids[d] = id;
        this.unresolved--;
        if (id === -1) this.dictHasMissing = true;
      }
    });
    if (!this.dictHasMissing) return 0;
    for (let i = at; i < at + p.present; i++) if (out[i] === -1) missing++;
    return missing;
  }

  /** The column's code of a text, asked of `codeOf` once per distinct text. */
  private codeOfText(text: string): number {
    let code = this.textCodes.get(text);
    if (code === undefined) {
      code = this.codeOf(text);
      this.textCodes.set(text, code);
    }
    return code;
  }
}
