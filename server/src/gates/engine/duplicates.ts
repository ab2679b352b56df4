/**
 * Duplicate rows of an evidence table, for every gate whose counts a copied row would inflate
 * (requests of a load test, outcome days, robustness cases, drills). Rows are duplicates when they
 * are equal in a chosen set of columns: an id column, or every column when the file has no id.
 *
 * The search costs two passes and one sort of a hash per row (8 bytes a row), never a string per
 * row, so it stays cheap on a million-row load test; rows whose hashes collide are compared cell by
 * cell, so a collision can never report two different rows as one.
 */
import type { CardPath } from '../../card/model';
import { BOOLEAN_MISSING, type Column, type Table } from '../../evidence';
import { type CellAudit, CellAuditBuilder } from './cells';
import type { CheckResult } from './types';

/** Which earlier row each row repeats. */
export interface Duplicates {
  /** The evidence file as the card names it. */
  file: string;
  /** The columns compared; empty means the whole row. */
  columns: readonly string[];
  /** Rows equal to an earlier row in the compared columns. */
  count: number;
  /** `firstOf[r]` is the 0-based first row equal to row `r` (`r` itself for a first occurrence). */
  firstOf: Int32Array;
  /** 0-based first row that repeats an earlier one, and the row it repeats. */
  first?: { row: number; of: number };
  /** What a duplicate repeats, for messages (default: the compared columns of an earlier row). */
  what?: string;
}

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/** Mixes one 32-bit word into a running hash (Murmur3's mixing step). */
function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Adds cell `r` of `col` to both running hashes. */
function mixCell(h: [number, number], col: Column, r: number): void {
  if (col.type === 'categorical') {
    const c = col.codes[r] as number;
    h[0] = mix(h[0], c);
    h[1] = mix(h[1], ~c);
    return;
  }
  const v = col.values[r] as number;
  // 0 and -0 are the same value, and every NaN is the same missing cell.
  scratch[0] = v === 0 ? 0 : Number.isNaN(v) ? Number.NaN : v;
  h[0] = mix(mix(h[0], words[0] as number), words[1] as number);
  h[1] = mix(mix(h[1], words[1] as number), words[0] as number);
}

/** A 53-bit hash of row `r` over `cols`, as a double so a Float64Array can sort them natively. */
function rowHash(cols: readonly Column[], r: number): number {
  const h: [number, number] = [0x9747b28c, 0x5bd1e995];
  for (const col of cols) mixCell(h, col, r);
  return (h[0] >>> 0) * 2097152 + ((h[1] >>> 0) & 0x1fffff);
}

/** True when rows `a` and `b` hold the same value in every column of `cols`. */
function sameRow(cols: readonly Column[], a: number, b: number): boolean {
  for (const col of cols) {
    if (col.type === 'categorical') {
      if (col.codes[a] !== col.codes[b]) return false;
    } else {
      const x = col.values[a] as number;
      const y = col.values[b] as number;
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
    }
  }
  return true;
}

/** Hash values that occur on more than one row. */
function repeatedHashes(hashes: Float64Array): Set<number> {
  const sorted = Float64Array.from(hashes).sort();
  const out = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) out.add(sorted[i] as number);
  return out;
}

/**
 * Finds rows of `table` equal to an earlier row in the columns named `names` (every column when
 * `names` is empty). Names that are not columns of the table are ignored; callers check them.
 */
export function findDuplicates(table: Table, names: readonly string[] = []): Duplicates {
  const cols = names.length === 0 ? table.columns : table.columns.filter((c) => names.includes(c.name));
  const n = table.rowCount;
  const hashes = new Float64Array(n);
  for (let r = 0; r < n; r++) hashes[r] = rowHash(cols, r);
  const repeated = repeatedHashes(hashes);
  const firstOf = new Int32Array(n);
  const reps = new Map<number, number[]>();
  const out: Duplicates = { file: table.file, columns: names, count: 0, firstOf };
  for (let r = 0; r < n; r++) {
    firstOf[r] = r;
    const h = hashes[r] as number;
    if (!repeated.has(h)) continue;
    const list = reps.get(h) ?? [];
    const of = list.find((p) => sameRow(cols, p, r));
    if (of === undefined) {
      list.push(r);
      reps.set(h, list);
      continue;
    }
    firstOf[r] = of;
    out.count++;
    out.first ??= { row: r, of };
  }
  return out;
}

/** `the request_id of an earlier row` or `an earlier row in every column`, for messages. */
export function duplicateWhat(d: Duplicates): string {
  if (d.what !== undefined) return d.what;
  return d.columns.length === 0 ? 'an earlier row in every column' : `the ${d.columns.join(' and ')} of an earlier row`;
}

/**
 * An error check for duplicate rows, or undefined when there are none. `purpose` says what the
 * rows are counted for ("The offered load"), `why` what a copy does to it, `fix` the card switch
 * or other remedy besides removing the copies.
 */
export function duplicatesError(id: string, at: CardPath, d: Duplicates, purpose: string, why: string, fix: string): CheckResult | undefined {
  if (d.count === 0 || d.first === undefined) return undefined;
  const rows = d.firstOf.length;
  const column = d.columns[0];
  return {
    id, status: 'error', at, observed: d.count, unit: 'duplicate rows', sampleSize: rows,
    evidence: { file: d.file, ...(column !== undefined ? { column } : {}), row: d.first.row + 1 },
    details: { duplicate_rows: d.count },
    message: `${purpose} cannot be trusted: ${d.count.toLocaleString('en-US')} ${d.count === 1 ? 'row' : 'rows'} of ${d.file} ${d.count === 1 ? 'repeats' : 'repeat'} ${duplicateWhat(d)} (of ${rows.toLocaleString('en-US')} rows; first: data row ${d.first.row + 1} repeats row ${d.first.of + 1}). ${why} Remove the copies from the evidence, or ${fix}.`,
  };
}

/** The audit of an id column: every row needs an id, or rows cannot be told apart. */
export function missingIds(table: Table, col: Column): CellAudit {
  const audit = new CellAuditBuilder(table.file, col.name);
  for (let r = 0; r < table.rowCount; r++) {
    const missing = col.type === 'categorical' ? (col.codes[r] as number) < 0 : col.type === 'boolean' ? col.values[r] === BOOLEAN_MISSING : Number.isNaN(col.values[r] as number);
    if (missing) audit.reject(r, 'missing');
  }
  return audit.done(table.rowCount);
}
