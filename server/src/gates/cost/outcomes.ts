/**
 * Reading the outcomes table (`date`, `successful_outcomes`, optional `requests`) into per-day
 * outcomes: the denominator of cost per useful outcome. A day listed twice would count its
 * outcomes twice and halve the cost per outcome of that day, so a repeated day is an error unless
 * the card says its outcomes come in several rows per day (`duplicate_outcome_days: sum`).
 */
import type { CardPath } from '../../card/model';
import { type EvidenceProblem, type Table, getColumn } from '../../evidence';
import { CellAuditBuilder, cellsError } from '../engine/cells';
import { type Duplicates, duplicatesError } from '../engine/duplicates';
import type { CheckResult } from '../engine/types';
import { dayOf } from './ledger';

/** Outcomes of one day. */
export interface DayOutcome {
  successes: number;
  requests: number | undefined;
}

/** Rows whose UTC day an earlier row already has. */
function repeatedDays(t: Table, ms: Float64Array): Duplicates {
  const firstRowOf = new Map<number, number>();
  const firstOf = new Int32Array(t.rowCount);
  const d: Duplicates = { file: t.file, columns: ['date'], count: 0, firstOf };
  for (let r = 0; r < t.rowCount; r++) {
    const day = dayOf(ms[r] as number);
    const of = Number.isNaN(day) ? undefined : firstRowOf.get(day);
    firstOf[r] = of ?? r;
    if (of === undefined) {
      if (!Number.isNaN(day)) firstRowOf.set(day, r);
      continue;
    }
    d.count++;
    d.first ??= { row: r, of };
  }
  return d;
}

/**
 * Reads outcome rows into day outcomes; returns the error check `id` at `at` when a date or count
 * is missing, negative or not finite, or (unless `sumRepeatedDays`) a day appears twice.
 */
export function readOutcomes(t: Table, sumRepeatedDays: boolean, id: string, at: CardPath): { days: Map<number, DayOutcome> } | { problems: EvidenceProblem[] } | { error: CheckResult } {
  const date = getColumn(t, 'date');
  const ok = getColumn(t, 'successful_outcomes');
  const req = getColumn(t, 'requests');
  if (date?.type !== 'timestamp' || ok?.type !== 'numeric') {
    return { problems: [{ file: t.file, message: `${t.file} needs columns date (YYYY-MM-DD) and successful_outcomes (number)` }] };
  }
  const dates = new CellAuditBuilder(t.file, 'date');
  const counts = new CellAuditBuilder(t.file, 'successful_outcomes');
  for (let r = 0; r < t.rowCount; r++) {
    const n = ok.values[r] as number;
    if (Number.isNaN(date.values[r] as number)) dates.reject(r, 'missing');
    if (Number.isNaN(n)) counts.reject(r, 'missing');
    else if (!Number.isFinite(n)) counts.reject(r, 'not finite');
    else if (n < 0) counts.reject(r, 'negative');
  }
  const cells = cellsError(id, at, [dates.done(t.rowCount), counts.done(t.rowCount)], 'Cost per useful outcome (its denominator, successful outcomes per day)');
  if (cells) return { error: cells };
  if (!sumRepeatedDays) {
    const dup = duplicatesError(id, at, repeatedDays(t, date.values), 'Successful outcomes per day',
      'A day listed twice counts its outcomes twice, which makes every result look cheaper than it was.',
      'set duplicate_outcome_days: sum if the export really splits a day over several rows');
    if (dup) return { error: dup };
  }
  const days = new Map<number, DayOutcome>();
  for (let r = 0; r < t.rowCount; r++) {
    const day = dayOf(date.values[r] as number);
    const d = days.get(day) ?? { successes: 0, requests: 0 };
    d.successes += ok.values[r] as number;
    const rq = req?.type === 'numeric' ? (req.values[r] as number) : NaN;
    d.requests = d.requests !== undefined && Number.isFinite(rq) ? d.requests + rq : undefined;
    days.set(day, d);
  }
  return { days };
}
