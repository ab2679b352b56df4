/**
 * Whether the samples can support a check at all: every cell the check depends on is valid (see
 * the audits of `samples.ts`), and no request was counted twice. A copied row inflates the offered
 * load, the sample count and every share, so duplicates are an error on every check unless the
 * card says repeated ids are real requests (`duplicate_requests: count_each`, e.g. retries that
 * reuse their id). Requests are told apart by their `request_id` column when the file has one,
 * else by the whole row.
 */
import type { CardPath } from '../../card/model';
import { getColumn, type Table } from '../../evidence';
import { type CellAudit, cellsError } from '../engine/cells';
import { obj, str } from '../engine/checks';
import { type Duplicates, duplicatesError, findDuplicates, missingIds } from '../engine/duplicates';
import type { PerfAudits, PerfColumns, PerfSamples } from './samples';
import type { CheckResult } from '../engine/types';

/** What guards every check besides its own columns: request ids and the duplicates among them. */
export interface RequestGuards {
  /** Missing request ids (present when the file has a request-id column and duplicates are checked). */
  ids?: CellAudit;
  /** Rows repeating an earlier request (undefined when the card counts every row). */
  duplicates?: Duplicates;
}

/** Reads ids and duplicates as the card asks, or says why the mapped id column cannot be used. */
export function requestGuards(table: Table, def: Record<string, unknown>, names: PerfColumns): RequestGuards | string {
  if (str(def, 'duplicate_requests') === 'count_each') return {};
  const col = getColumn(table, names.request_id);
  if (!col) {
    if (str(obj(def, 'columns'), 'request_id') !== undefined) {
      return `columns.request_id names ${names.request_id}, which is not a column of the file, so requests cannot be told apart (columns: ${table.columns.map((c) => c.name).join(', ')})`;
    }
    return { duplicates: findDuplicates(table) };
  }
  return { ids: missingIds(table, col), duplicates: findDuplicates(table, [col.name]) };
}

/** Columns (by card key) each check reads besides latency, request ids and duplicates. */
const READS: Record<string, readonly (keyof PerfAudits)[]> = {
  min_samples: [],
  target_load_rps: ['timestamp'],
  throughput_rps: ['timestamp', 'status', 'error', 'timed_out'],
  timeout_share: ['timed_out'],
  error_share: ['status', 'error'],
};

/** Columns whose blank cells the card may map under `blank_means`. */
const MAPPABLE: readonly (keyof PerfAudits)[] = ['status', 'error', 'timed_out', 'cold_start'];

/** `The warm p99 latency`, `The offered load`, … for messages. */
function purpose(id: string): string {
  const latency = /^(cold_start\.)?p(\d+)_latency_ms$/.exec(id);
  if (latency) return `The ${latency[1] ? 'cold-start' : 'warm'} p${latency[2]} latency`;
  const named: Record<string, string> = {
    min_samples: 'The number of load-test requests', target_load_rps: 'The offered load', throughput_rps: 'The successful throughput',
    timeout_share: 'The timeout share', error_share: 'The error share',
  };
  return named[id] ?? id;
}

/**
 * The error check when the samples cannot support check `id`: an invalid cell in a column it reads
 * (its own `extra` audits, e.g. the latency of its path, come first), or a duplicated request.
 */
export function guardError(id: string, at: CardPath, s: PerfSamples, g: RequestGuards, extra: readonly CellAudit[] = []): CheckResult | undefined {
  const keys = id.includes('latency') ? (['cold_start'] as const) : (READS[id] ?? []);
  const own = keys.flatMap((k) => (s.audits[k] ? [s.audits[k]] : []));
  const audits = [...extra, ...own, ...(g.ids ? [g.ids] : [])];
  const blanks = keys.some((k) => MAPPABLE.includes(k) && (s.audits[k]?.invalid.get('missing') ?? 0) > 0);
  const fix = blanks ? 'say what a blank cell means under blank_means (status: failed or succeeded; error, timed_out, cold_start: true or false)' : '';
  const cells = cellsError(id, at, audits, purpose(id), fix);
  if (cells || !g.duplicates) return cells;
  return duplicatesError(id, at, g.duplicates, purpose(id),
    'A copied row counts one request twice: it inflates the offered load and the sample count and shifts every percentile and share.',
    'set duplicate_requests: count_each if repeated ids are separate requests (retries that reuse their id)');
}
