/**
 * Rollback drills: the RTO must come from the latest *measured* drill (an estimate proves nothing),
 * that drill must be recent, and it must have restored the whole bundle. The log itself must be
 * plausible first: every row dated, timed (a finite RTO ≥ 0) and marked measured or not, and no
 * two measured drills at one instant.
 */
import type { CardPath } from '../../card/model';
import { type BooleanColumn, type NumericColumn, type Table, type TimestampColumn, booleanAt, categoryAt, getColumn } from '../../evidence';
import { type CellAudit, CellAuditBuilder, cellsError } from '../engine/cells';
import { type Duplicates, duplicatesError } from '../engine/duplicates';
import { type ChartData, chartNumber } from '../engine/chart-data';
import type { CheckResult } from '../engine/types';
import { formatValue } from '../../format';

const DAY_MS = 86_400_000;

/** One drill row. */
export interface Drill {
  dateMs: number;
  rtoSeconds: number;
  measured: boolean;
  scope: string[];
  row: number;
}

/** What the drill checks compare against. */
export interface DrillSpec {
  file: string;
  maxRtoMinutes: number | undefined;
  maxAgeDays: number;
  requiredScope: readonly string[];
  base: CardPath;
  now: Date;
}

/** Measured drills at an instant an earlier measured drill already has. */
function repeatedMeasured(t: Table, drills: readonly Drill[]): Duplicates {
  const firstAt = new Map<number, number>();
  const firstOf = Int32Array.from(drills, (_, r) => r);
  const d: Duplicates = { file: t.file, columns: ['date'], count: 0, firstOf, what: 'the date of an earlier measured drill' };
  for (const [r, drill] of drills.entries()) {
    if (!drill.measured) continue;
    const of = firstAt.get(drill.dateMs);
    if (of === undefined) {
      firstAt.set(drill.dateMs, r);
      continue;
    }
    firstOf[r] = of;
    d.count++;
    d.first ??= { row: r, of };
  }
  return d;
}

/** Audits the date, RTO and measured cells: every row must have them, and an RTO is a finite number of seconds ≥ 0. */
function auditDrills(t: Table, date: TimestampColumn, rto: NumericColumn, measured: BooleanColumn): CellAudit[] {
  const dates = new CellAuditBuilder(t.file, 'date');
  const rtos = new CellAuditBuilder(t.file, 'rto_seconds');
  const flags = new CellAuditBuilder(t.file, 'measured');
  for (let r = 0; r < t.rowCount; r++) {
    const s = rto.values[r] as number;
    if (Number.isNaN(date.values[r] as number)) dates.reject(r, 'missing');
    if (booleanAt(measured, r) === undefined) flags.reject(r, 'missing');
    if (Number.isNaN(s)) rtos.reject(r, 'missing');
    else if (!Number.isFinite(s)) rtos.reject(r, 'not finite');
    else if (s < 0) rtos.reject(r, 'negative');
  }
  return [dates.done(t.rowCount), rtos.done(t.rowCount), flags.done(t.rowCount)];
}

/**
 * Reads drill rows, or the `drill.rto` error at `at` when the log cannot be trusted: a column is
 * missing, a cell is blank or implausible (a negative RTO would pass any target), or two measured
 * drills share one instant (which of them is the latest would be decided by row order).
 */
export function readDrills(t: Table, at: CardPath): Drill[] | CheckResult {
  const date = getColumn(t, 'date');
  const rto = getColumn(t, 'rto_seconds');
  const measured = getColumn(t, 'measured');
  const scope = getColumn(t, 'scope');
  if (date?.type !== 'timestamp' || rto?.type !== 'numeric' || measured?.type !== 'boolean' || scope?.type !== 'categorical') {
    return { id: 'drill.rto', status: 'error', at, message: `${t.file} needs columns date, rto_seconds (number), measured (true/false) and scope (parts joined by |). Without the drill log the RTO cannot be shown; fix the file.` };
  }
  const cells = cellsError('drill.rto', at, auditDrills(t, date, rto, measured), 'The RTO of the latest measured drill');
  if (cells) return cells;
  const out: Drill[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const parts = (categoryAt(scope, r) ?? '').split('|').map((p) => p.trim()).filter((p) => p !== '');
    out.push({ dateMs: date.values[r] as number, rtoSeconds: rto.values[r] as number, measured: booleanAt(measured, r) === true, scope: parts, row: r + 1 });
  }
  return duplicatesError('drill.rto', at, repeatedMeasured(t, out), 'The latest measured drill',
    'Two measured drills at the same instant leave open which one is the latest, and row order would decide the RTO the gate compares.',
    'give each drill its date-time (e.g. 2026-11-19T14:05:00Z) so the latest one is clear') ?? out;
}

/** The latest measured drill dated on or before `now`, if any. */
export function latestMeasured(drills: readonly Drill[], now: Date): Drill | undefined {
  return drills.filter((d) => d.measured && d.dateMs <= now.getTime()).sort((a, b) => b.dateMs - a.dateMs || b.row - a.row)[0];
}

/** RTO, age and scope checks of the latest measured drill (or one fail when there is none). */
export function drillChecks(drills: readonly Drill[], spec: DrillSpec): CheckResult[] {
  const latest = latestMeasured(drills, spec.now);
  if (!latest) {
    const estimated = drills.filter((d) => !d.measured).length;
    return [{ id: 'drill.rto', status: 'fail', observed: null, threshold: spec.maxRtoMinutes ?? null, unit: 'minutes', comparison: 'at_most', summary: estimated > 0 ? `no measured drill, only ${estimated} estimated` : 'no measured drill', at: [...spec.base, 'drill_log'], message: `${spec.file} has no measured drill${estimated > 0 ? ` (only ${estimated} estimated row(s))` : ''}: the rollback plan has never been tested, so its RTO is a guess. Run a rollback drill, time it, and record it with measured: true.` }];
  }
  const date = new Date(latest.dateMs).toISOString().slice(0, 10);
  const where = { file: spec.file, row: latest.row };
  const rto = rtoCheck(latest, spec, date, where);
  const chart = rtoChart(drills, latest, spec);
  return [chart ? { ...rto, chart } : rto, ageCheck(latest, spec, date, where), scopeCheck(latest, spec, date, where)];
}

/** Most drills a chart keeps (the newest). */
const MAX_CHART_DRILLS = 60;

/** Drill RTOs over time, measured and estimated apart, with the target and the deciding drill marked. */
function rtoChart(drills: readonly Drill[], latest: Drill, spec: DrillSpec): ChartData | undefined {
  if (spec.maxRtoMinutes === undefined) return undefined;
  const shown = [...drills].filter((d) => d.dateMs <= spec.now.getTime()).sort((a, b) => a.dateMs - b.dateMs).slice(-MAX_CHART_DRILLS);
  const points = (measured: boolean): [string, number][] => shown.filter((d) => d.measured === measured).map((d) => [new Date(d.dateMs).toISOString().slice(0, 10), chartNumber(d.rtoSeconds / 60)]);
  const series = [{ name: 'measured drills', points: points(true) }, { name: 'estimates (not evidence)', points: points(false) }].filter((x) => x.points.length > 0);
  const minutes = latest.rtoSeconds / 60;
  return {
    kind: 'series', y: 'RTO (minutes)', series,
    marks: [
      { role: 'threshold', value: spec.maxRtoMinutes, label: `target ${formatValue(spec.maxRtoMinutes, 'minutes', { compact: true })}` },
      { role: 'observed', value: minutes, label: `latest measured ${formatValue(minutes, 'minutes', { compact: true })}` },
    ],
  };
}

/** Measured RTO against `max_rto_minutes`. */
function rtoCheck(d: Drill, spec: DrillSpec, date: string, where: { file: string; row: number }): CheckResult {
  const minutes = d.rtoSeconds / 60;
  const base = { id: 'drill.rto', observed: minutes, unit: 'minutes', sampleSize: 1, comparison: 'at_most' as const, evidence: { ...where, column: 'rto_seconds' } };
  if (spec.maxRtoMinutes === undefined) {
    return { ...base, status: 'error', threshold: null, at: [...spec.base, 'max_rto_minutes'], message: `The drill of ${date} measured an RTO of ${minutes.toFixed(1)} minutes, but max_rto_minutes is not set, so there is no target to hold it to. Set the RTO target.` };
  }
  const pass = minutes <= spec.maxRtoMinutes + 1e-12;
  return { ...base, status: pass ? 'pass' : 'fail', threshold: spec.maxRtoMinutes, at: [...spec.base, 'max_rto_minutes'],
    message: pass
      ? `The latest measured drill (${date}) rolled back in ${minutes.toFixed(1)} minutes, within the ${spec.maxRtoMinutes}-minute RTO target.`
      : `The latest measured drill (${date}) took ${minutes.toFixed(1)} minutes, over the ${spec.maxRtoMinutes}-minute RTO target: an incident would last longer than the business accepted. Make the rollback faster and drill again.` };
}

/** Age of the latest measured drill against `max_drill_age_days`. */
function ageCheck(d: Drill, spec: DrillSpec, date: string, where: { file: string; row: number }): CheckResult {
  const age = Math.floor((spec.now.getTime() - d.dateMs) / DAY_MS);
  const pass = age <= spec.maxAgeDays;
  return { id: 'drill.age', status: pass ? 'pass' : 'fail', observed: age, threshold: spec.maxAgeDays, unit: 'days', comparison: 'at_most', sampleSize: 1, at: [...spec.base, 'max_drill_age_days'], evidence: { ...where, column: 'date' },
    message: pass
      ? `The latest measured drill (${date}) is ${age} days old (at most ${spec.maxAgeDays}).`
      : `The latest measured drill (${date}) is ${age} days old, older than ${spec.maxAgeDays} days: the bundle, the tooling and the team have changed since, so its RTO no longer describes this release. Run a new drill.` };
}

/** The latest measured drill restored every required part of the bundle. */
function scopeCheck(d: Drill, spec: DrillSpec, date: string, where: { file: string; row: number }): CheckResult {
  const missing = spec.requiredScope.filter((p) => !d.scope.includes(p));
  const pass = missing.length === 0;
  return { id: 'drill.scope', status: pass ? 'pass' : 'fail', observed: d.scope.join('|') || null, threshold: spec.requiredScope.join('|'), sampleSize: 1, at: [...spec.base, 'scope'], evidence: { ...where, column: 'scope' },
    message: pass
      ? `The drill of ${date} restored the whole bundle (${d.scope.join(', ')}).`
      : `The drill of ${date} did not restore ${missing.join(', ')}, so its RTO covers only part of the bundle and the real rollback is untested. Drill the full rollback.` };
}
