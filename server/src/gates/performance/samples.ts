/**
 * Reads the per-request samples of the performance gate out of a loaded table: latency, the
 * cold-start, timeout and error flags, and request timestamps, with the column names the card maps.
 */
import { type Column, getColumn, type Table } from '../../evidence';
import { str } from '../engine/checks';

/** Column names used by the performance gate (card `columns`, each defaulting to its own name). */
export interface PerfColumns {
  latency_ms: string;
  status: string;
  error: string;
  timed_out: string;
  cold_start: string;
  timestamp: string;
}

/** The column names of a definition, defaults filled in. */
export function perfColumns(def: Record<string, unknown>): PerfColumns {
  const c = (def.columns ?? {}) as Record<string, unknown>;
  const name = (k: keyof PerfColumns): string => str(c, k) ?? k;
  return { latency_ms: name('latency_ms'), status: name('status'), error: name('error'), timed_out: name('timed_out'), cold_start: name('cold_start'), timestamp: name('timestamp') };
}

/** Per-request flags and values, one entry per row. */
export interface PerfSamples {
  rows: number;
  latency: Float64Array | undefined;
  /** 1 = cold start; all zero when the file has no cold-start column. */
  cold: Uint8Array;
  hasColdColumn: boolean;
  timedOut: Uint8Array | undefined;
  failed: Uint8Array | undefined;
  timestamps: Float64Array | undefined;
}

/** A flag column as 0/1 per row: boolean columns, or numeric columns holding only 0 and 1. */
export function flagColumn(col: Column | undefined, rows: number): Uint8Array | string | undefined {
  if (!col) return undefined;
  const out = new Uint8Array(rows);
  if (col.type === 'boolean') {
    for (let i = 0; i < rows; i++) out[i] = col.values[i] === 1 ? 1 : 0;
    return out;
  }
  if (col.type === 'numeric') {
    for (let i = 0; i < rows; i++) {
      const v = col.values[i] as number;
      if (!(v === 0 || v === 1 || Number.isNaN(v))) return `column ${col.name} holds ${v} on row ${i + 1}; a flag column must be true/false or 0/1`;
      out[i] = v === 1 ? 1 : 0;
    }
    return out;
  }
  return `column ${col.name} is ${col.type}; a flag column must be true/false or 0/1`;
}

/** Failed requests: a 5xx `status` or a true `error` flag (either column may be absent). */
function failedRequests(table: Table, names: PerfColumns): Uint8Array | string | undefined {
  const status = getColumn(table, names.status);
  const flag = flagColumn(getColumn(table, names.error), table.rowCount);
  if (typeof flag === 'string') return flag;
  if (!status) return flag;
  if (status.type !== 'numeric') return `column ${names.status} is ${status.type}; it must hold numeric HTTP status codes`;
  const out = flag ?? new Uint8Array(table.rowCount);
  for (let i = 0; i < table.rowCount; i++) if ((status.values[i] as number) >= 500) out[i] = 1;
  return out;
}

/** Extracts the samples, or a message naming the column that has the wrong type. */
export function perfSamples(table: Table, names: PerfColumns): PerfSamples | string {
  const rows = table.rowCount;
  const lat = getColumn(table, names.latency_ms);
  if (lat && lat.type !== 'numeric') return `column ${names.latency_ms} is ${lat.type}; latency must be numeric milliseconds`;
  const ts = getColumn(table, names.timestamp);
  if (ts && ts.type !== 'timestamp') return `column ${names.timestamp} is ${ts.type}; it must hold ISO 8601 request start times`;
  const cold = flagColumn(getColumn(table, names.cold_start), rows);
  const timedOut = flagColumn(getColumn(table, names.timed_out), rows);
  const failed = failedRequests(table, names);
  for (const v of [cold, timedOut, failed]) if (typeof v === 'string') return v;
  return {
    rows,
    latency: lat?.type === 'numeric' ? lat.values : undefined,
    cold: (cold as Uint8Array | undefined) ?? new Uint8Array(rows),
    hasColdColumn: cold !== undefined,
    timedOut: timedOut as Uint8Array | undefined,
    failed: failed as Uint8Array | undefined,
    timestamps: ts?.type === 'timestamp' ? ts.values : undefined,
  };
}

/** Latencies of the warm (cold = 0) or cold (cold = 1) path, missing values dropped, and how many were missing. */
export function latencies(s: PerfSamples, cold: 0 | 1): { values: Float64Array; missing: number } {
  const lat = s.latency as Float64Array;
  const out: number[] = [];
  let missing = 0;
  for (let i = 0; i < s.rows; i++) {
    if (s.cold[i] !== cold) continue;
    const v = lat[i] as number;
    if (Number.isNaN(v)) missing++;
    else out.push(v);
  }
  return { values: Float64Array.from(out), missing };
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

