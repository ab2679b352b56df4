/**
 * Freshness of each critical source against its SLA: the age of its newest data at the time the
 * check refers to, from a freshness report (`source`, `last_updated`, `checked_at`) or from the
 * newest value of a timestamp column of the current slice.
 */
import type { CardPath } from '../../card/model';
import { cellText, getColumn, type Table } from '../../evidence';
import { atMost, definitionError, evidenceError, fmt, num, str } from '../engine/checks';
import { loadedTable } from '../engine/loaded-evidence';
import type { CheckResult, EvidenceRequest, GateContext } from '../engine/types';

const HOUR_MS = 3_600_000;

/** The freshness reports the definition names, one request per entry (the loader shares files). */
export function freshnessRequests(def: Record<string, unknown>, base: CardPath): EvidenceRequest[] {
  const list = Array.isArray(def.freshness) ? def.freshness : [];
  const out: EvidenceRequest[] = [];
  list.forEach((raw, i) => {
    const file = str(raw as Record<string, unknown>, 'evidence');
    if (file !== undefined) out.push({ key: `freshness.${i}`, path: file, at: [...base, 'freshness', i, 'evidence'], kind: 'table', table: { types: { last_updated: 'timestamp' } } });
  });
  return out;
}

/** The time ages are measured at when the evidence does not say: `as_of`, else the run's now. */
function asOf(ctx: GateContext): { ms: number; label: string } | string {
  const raw = ctx.definition.as_of;
  if (raw === undefined) return { ms: ctx.now.getTime(), label: `the run time ${ctx.now.toISOString()}` };
  const ms = raw instanceof Date ? raw.getTime() : Date.parse(String(raw));
  return Number.isNaN(ms) ? `as_of '${String(raw)}' is not a date-time` : { ms, label: `as_of ${new Date(ms).toISOString()}` };
}

/** Age check shared by both evidence forms. */
function ageCheck(id: string, at: CardPath, source: string, lastMs: number, refMs: number, refLabel: string, maxHours: number, where: string): CheckResult {
  const age = (refMs - lastMs) / HOUR_MS;
  if (age < 0) {
    return definitionError(id, at, `Source ${source} was last updated ${new Date(lastMs).toISOString()}, after ${refLabel} it is measured at (${where}). A timestamp from the future means a clock or export problem, so freshness cannot be decided; fix the evidence.`, age);
  }
  return atMost(id, at, age, maxHours, { unit: 'hours', details: { last_updated: new Date(lastMs).toISOString(), measured_at: new Date(refMs).toISOString() } },
    `Source ${source} is ${fmt(age, 3)} hours old at ${refLabel} (${where}); its age`,
    'Stale input means the model scores yesterday\'s world; fix the pipeline that feeds this source, or hold the release until it catches up.');
}

/** Freshness from a report row for the source. */
function fromReport(ctx: GateContext, i: number, source: string, maxHours: number, at: CardPath, ref: { ms: number; label: string }): CheckResult {
  const id = `freshness.${source}`;
  const loaded = loadedTable(ctx, `freshness.${i}`);
  if (!loaded.ok) return evidenceError(id, at, loaded, `freshness of ${source}`);
  const t: Table = loaded.table;
  const src = getColumn(t, 'source');
  const last = getColumn(t, 'last_updated');
  if (!src || !last || last.type !== 'timestamp') return definitionError(id, at, `${t.file} needs columns source and last_updated (ISO 8601) to report freshness; fix the report.`);
  const rows: number[] = [];
  for (let r = 0; r < t.rowCount; r++) if (cellText(src, r) === source) rows.push(r);
  const row = rows[0] ?? -1;
  if (row < 0) return definitionError(id, at, `${t.file} has no row for source ${source}, so its freshness is unknown and the gate cannot decide. Add the source to the freshness report.`);
  // Which of two rows is true cannot be told; taking either could pick a fresh one over a stale one.
  if (rows.length > 1) {
    return { ...definitionError(id, at, `${t.file} has ${rows.length} rows for source ${source} (rows ${rows.map((r) => r + 1).join(', ')}), so its freshness is ambiguous: one of them may be stale. Keep one row per source in the report.`), evidence: { file: t.file, row: (rows[1] as number) + 1, column: 'source' } };
  }
  const lastMs = last.values[row] as number;
  if (Number.isNaN(lastMs)) return { ...definitionError(id, at, `${t.file}, row ${row + 1}: last_updated of ${source} is empty, so its freshness is unknown. Fill it in the report.`), evidence: { file: t.file, row: row + 1, column: 'last_updated' } };
  const checked = getColumn(t, 'checked_at');
  const checkedMs = checked?.type === 'timestamp' ? (checked.values[row] as number) : Number.NaN;
  const refUsed = Number.isNaN(checkedMs) ? ref : { ms: checkedMs, label: `checked_at ${new Date(checkedMs).toISOString()}` };
  return { ...ageCheck(id, at, source, lastMs, refUsed.ms, refUsed.label, maxHours, `${t.file}, row ${row + 1}`), sampleSize: 1 };
}

/** Freshness from the newest value of a timestamp column of the current slice. */
function fromColumn(current: Table, column: string, source: string, maxHours: number, at: CardPath, ref: { ms: number; label: string }): CheckResult {
  const id = `freshness.${source}`;
  const col = getColumn(current, column);
  if (!col || col.type !== 'timestamp') {
    return definitionError(id, at, `${current.file} has no timestamp column ${column}${col ? ` (it is ${col.type})` : ''}, so the freshness of ${source} cannot be measured. Fix timestamp_column or the data.`);
  }
  let newest = -Infinity;
  for (const v of col.values) if (v > newest) newest = v;
  if (!Number.isFinite(newest)) return definitionError(id, at, `Column ${column} of ${current.file} is empty, so the freshness of ${source} is unknown.`);
  return { ...ageCheck(id, at, source, newest, ref.ms, ref.label, maxHours, `newest ${column} in ${current.file}`), sampleSize: current.rowCount - col.nullCount };
}

/** One `freshness.<source>` check per entry of the definition's `freshness` list. */
export function freshnessChecks(ctx: GateContext, current: Table | undefined): CheckResult[] {
  const list = Array.isArray(ctx.definition.freshness) ? ctx.definition.freshness : [];
  const ref = asOf(ctx);
  return list.map((raw, i) => {
    const f = (raw ?? {}) as Record<string, unknown>;
    const source = str(f, 'source') ?? `#${i + 1}`;
    const at: CardPath = [...ctx.base, 'freshness', i, 'max_age_hours'];
    const maxHours = num(f, 'max_age_hours');
    if (typeof ref === 'string') return definitionError(`freshness.${source}`, [...ctx.base, 'as_of'], `${ref}; write an ISO 8601 date-time such as 2026-11-26T06:00:00Z.`);
    if (maxHours === undefined) return definitionError(`freshness.${source}`, [...ctx.base, 'freshness', i], `Freshness of ${source} has no max_age_hours, so it checks nothing. Set the source's SLA.`);
    if (str(f, 'evidence') !== undefined) return fromReport(ctx, i, source, maxHours, at, ref);
    const column = str(f, 'timestamp_column');
    if (column !== undefined) {
      const cur = loadedTable(ctx, 'current');
      return current ? fromColumn(current, column, source, maxHours, at, ref) : evidenceError(`freshness.${source}`, at, cur.ok ? undefined : cur, `freshness of ${source}`);
    }
    return definitionError(`freshness.${source}`, [...ctx.base, 'freshness', i], `Freshness of ${source} names neither a freshness report (evidence) nor a timestamp_column, so its age cannot be measured. Add one of them.`);
  });
}
