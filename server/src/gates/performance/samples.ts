/**
 * Reads the per-request samples of the performance gate out of a loaded table: latency, the
 * cold-start, timeout and error flags, and request timestamps, with the column names the card maps.
 *
 * Every cell a threshold depends on is audited here rather than quietly defaulted: a blank status
 * or flag is not a success (unless the card maps blanks under `blank_means`), a latency must be a
 * finite number ≥ 0, a timestamp must be present on every row a rate counts. The audits travel
 * with the samples, and a check that depends on an audited column with a bad cell is an error.
 */
import { type Column, getColumn, type Table, type TimestampColumn } from '../../evidence';
import { type CellAudit, CellAuditBuilder } from '../engine/cells';
import { obj, str } from '../engine/checks';

/** Column names used by the performance gate (card `columns`, each defaulting to its own name). */
export interface PerfColumns {
  latency_ms: string;
  status: string;
  error: string;
  timed_out: string;
  cold_start: string;
  timestamp: string;
  request_id: string;
}

/** The column names of a definition, defaults filled in. */
export function perfColumns(def: Record<string, unknown>): PerfColumns {
  const c = obj(def, 'columns');
  const name = (k: keyof PerfColumns): string => str(c, k) ?? k;
  return {
    latency_ms: name('latency_ms'), status: name('status'), error: name('error'), timed_out: name('timed_out'),
    cold_start: name('cold_start'), timestamp: name('timestamp'), request_id: name('request_id'),
  };
}

/** What a blank cell means, as the card maps it under `blank_means`; absent: a blank is invalid. */
export interface BlankMeans {
  /** A blank status counts as a failed (1) or a successful (0) request. */
  status?: 0 | 1;
  error?: 0 | 1;
  timed_out?: 0 | 1;
  cold_start?: 0 | 1;
}

/** Reads `blank_means`; values of the wrong kind map nothing (the schema reports them). */
export function blankMeans(def: Record<string, unknown>): BlankMeans {
  const b = obj(def, 'blank_means') ?? {};
  const flag = (k: string): 0 | 1 | undefined => (b[k] === true ? 1 : b[k] === false ? 0 : undefined);
  const status = b.status === 'failed' ? 1 : b.status === 'succeeded' ? 0 : undefined;
  const out: BlankMeans = {};
  for (const [k, v] of [['status', status], ['error', flag('error')], ['timed_out', flag('timed_out')], ['cold_start', flag('cold_start')]] as const) {
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Cell audits of the columns the checks read, by card column key (present when the column is). */
export type PerfAudits = Partial<Record<'status' | 'error' | 'timed_out' | 'cold_start' | 'timestamp', CellAudit>>;

/** Per-request flags and values, one entry per row. */
export interface PerfSamples {
  /** The evidence file as the card names it. */
  file: string;
  rows: number;
  latency: Float64Array | undefined;
  /** Name of the latency column, for audits. */
  latencyColumn: string;
  /** 1 = cold start, 0 = warm, 2 = unknown (a blank cell the card does not map); all 0 without a cold-start column. */
  cold: Uint8Array;
  hasColdColumn: boolean;
  timedOut: Uint8Array | undefined;
  failed: Uint8Array | undefined;
  timestamps: Float64Array | undefined;
  audits: PerfAudits;
}

/** Marker in `cold` for a row whose path is unknown. */
const UNKNOWN = 2;

/**
 * A flag column as 0/1 per row: boolean columns, or numeric columns holding only 0 and 1. A blank
 * cell takes the value `blank` maps it to; unmapped, it is counted in `audit` and stored as
 * `unknown` (0 unless said otherwise), which no check may use because the audit makes it an error.
 */
export function flagColumn(col: Column | undefined, rows: number, audit: CellAuditBuilder, blank: 0 | 1 | undefined, unknown = 0): Uint8Array | string | undefined {
  if (!col) return undefined;
  if (col.type !== 'boolean' && col.type !== 'numeric') return `column ${col.name} is ${col.type}; a flag column must be true/false or 0/1`;
  const out = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = col.values[i] as number;
    if (col.type === 'numeric' && !(v === 0 || v === 1 || Number.isNaN(v))) return `column ${col.name} holds ${v} on row ${i + 1}; a flag column must be true/false or 0/1`;
    if (v === 0 || v === 1) out[i] = v;
    else if (blank !== undefined) out[i] = blank;
    else {
      audit.reject(i, 'missing');
      out[i] = unknown;
    }
  }
  return out;
}

/** True for an HTTP status code: an integer from 100 to 599 (RFC 9110 § 15). */
function isHttpStatus(v: number): boolean {
  return Number.isInteger(v) && v >= 100 && v <= 599;
}

/** Failed requests: a 5xx `status` or a true `error` flag (either column may be absent). */
function failedRequests(table: Table, names: PerfColumns, blank: BlankMeans, audits: PerfAudits): Uint8Array | string | undefined {
  const errorCol = getColumn(table, names.error);
  const errAudit = new CellAuditBuilder(table.file, names.error);
  const flag = flagColumn(errorCol, table.rowCount, errAudit, blank.error);
  if (typeof flag === 'string') return flag;
  if (errorCol) audits.error = errAudit.done(table.rowCount);
  const status = getColumn(table, names.status);
  if (!status) return flag;
  if (status.type !== 'numeric') return `column ${names.status} is ${status.type}; it must hold numeric HTTP status codes`;
  const audit = new CellAuditBuilder(table.file, names.status);
  const out = flag ?? new Uint8Array(table.rowCount);
  for (let i = 0; i < table.rowCount; i++) {
    const v = status.values[i] as number;
    if (Number.isNaN(v) && blank.status !== undefined) out[i] = out[i] || blank.status;
    else if (Number.isNaN(v)) audit.reject(i, 'missing');
    else if (!isHttpStatus(v)) audit.reject(i, 'not an HTTP status code (100–599)');
    else if (v >= 500) out[i] = 1;
  }
  audits.status = audit.done(table.rowCount);
  return out;
}

/** Timestamps of every row, counting missing ones. */
function timestampAudit(ts: TimestampColumn, file: string): CellAudit {
  const audit = new CellAuditBuilder(file, ts.name);
  for (let i = 0; i < ts.values.length; i++) if (Number.isNaN(ts.values[i] as number)) audit.reject(i, 'missing');
  return audit.done(ts.values.length);
}

/** A flag column and its audit under `key`, or the message of a wrongly typed column. */
function auditedFlag(table: Table, name: string, key: 'timed_out' | 'cold_start', blank: 0 | 1 | undefined, audits: PerfAudits, unknown = 0): Uint8Array | string | undefined {
  const col = getColumn(table, name);
  const audit = new CellAuditBuilder(table.file, name);
  const flags = flagColumn(col, table.rowCount, audit, blank, unknown);
  if (col && typeof flags !== 'string') audits[key] = audit.done(table.rowCount);
  return flags;
}

/** Extracts the samples, or a message naming the column that has the wrong type. */
export function perfSamples(table: Table, names: PerfColumns, blank: BlankMeans = {}): PerfSamples | string {
  const rows = table.rowCount;
  const lat = getColumn(table, names.latency_ms);
  if (lat && lat.type !== 'numeric') return `column ${names.latency_ms} is ${lat.type}; latency must be numeric milliseconds`;
  const ts = getColumn(table, names.timestamp);
  if (ts && ts.type !== 'timestamp') return `column ${names.timestamp} is ${ts.type}; it must hold ISO 8601 request start times`;
  const audits: PerfAudits = {};
  const cold = auditedFlag(table, names.cold_start, 'cold_start', blank.cold_start, audits, UNKNOWN);
  const timedOut = auditedFlag(table, names.timed_out, 'timed_out', blank.timed_out, audits);
  const failed = failedRequests(table, names, blank, audits);
  for (const v of [cold, timedOut, failed]) if (typeof v === 'string') return v;
  if (ts?.type === 'timestamp') audits.timestamp = timestampAudit(ts, table.file);
  return {
    file: table.file, rows, latencyColumn: names.latency_ms,
    latency: lat?.type === 'numeric' ? lat.values : undefined,
    cold: (cold as Uint8Array | undefined) ?? new Uint8Array(rows),
    hasColdColumn: cold !== undefined,
    timedOut: timedOut as Uint8Array | undefined,
    failed: failed as Uint8Array | undefined,
    timestamps: ts?.type === 'timestamp' ? ts.values : undefined,
    audits,
  };
}

/**
 * Latencies of the warm (cold = 0) or cold (cold = 1) path, and the audit of that path's latency
 * cells: a latency must be a finite number of milliseconds ≥ 0. Invalid cells are left out of
 * `values` and counted in the audit, which makes the percentile check an error.
 */
export function latencies(s: PerfSamples, cold: 0 | 1): { values: Float64Array; audit: CellAudit } {
  const lat = s.latency as Float64Array;
  const out: number[] = [];
  const audit = new CellAuditBuilder(s.file, s.latencyColumn);
  let rows = 0;
  for (let i = 0; i < s.rows; i++) {
    if (s.cold[i] !== cold) continue;
    rows++;
    const v = lat[i] as number;
    if (Number.isNaN(v)) audit.reject(i, 'missing');
    else if (!Number.isFinite(v)) audit.reject(i, 'not finite');
    else if (v < 0) audit.reject(i, 'negative');
    else out.push(v);
  }
  return { values: Float64Array.from(out), audit: audit.done(rows) };
}

/** Seconds between the first and the last request start (NaN when fewer than two timestamps). */
export function spanSeconds(timestamps: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of timestamps) {
    if (Number.isNaN(t)) continue;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return hi > lo ? (hi - lo) / 1000 : Number.NaN;
}

/** Number of rows where a flag is set. */
export function countFlags(flags: Uint8Array | undefined): number {
  let n = 0;
  if (flags) for (const f of flags) n += f;
  return n;
}
