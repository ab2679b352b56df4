/**
 * The quality gate's checks beyond the primary metric: calibration (Brier or ECE, absolute and
 * against production), regression error by target range, and selecting the rows of a slice.
 */
import type { CardPath } from '../../card/model';
import { cellText, getColumn, type Table } from '../../evidence';
import { brierScore, DEFAULT_ECE_BINS, type EceBinning, errorByTargetRange, expectedCalibrationError } from '../../stats';
import { CellAuditBuilder, invalidCount } from '../engine/cells';
import { atMost, definitionError, fmt, num, str } from '../engine/checks';
import { reliabilityChart } from './charts';
import { classCounts, MIN_CLASS_LABELS, type QualityRows } from './data';
import type { CheckResult } from '../engine/types';

/** Calibration checks of the candidate: `calibration.<metric>` (max) and `calibration.<metric>_increase`. */
export function calibrationChecks(cal: Record<string, unknown>, rows: QualityRows, at: CardPath): CheckResult[] {
  const metric = str(cal, 'metric') === 'ece' ? 'ece' : 'brier';
  const max = num(cal, 'max');
  const maxIncrease = num(cal, 'max_increase');
  const planned: [string, CardPath][] = [];
  if (max !== undefined) planned.push([`calibration.${metric}`, [...at, 'max']]);
  if (maxIncrease !== undefined) planned.push([`calibration.${metric}_increase`, [...at, 'max_increase']]);
  const outside = [rows.candidate, rows.baseline].some((a) => a.some((p) => p < 0 || p > 1));
  if (outside) return planned.map(([id, p]) => definitionError(id, p, 'Scores outside [0, 1] are not probabilities, so calibration cannot be measured. Check calibration on calibrated probabilities, or remove the calibration block.'));
  const { positive, negative } = classCounts(rows.label);
  if (positive < MIN_CLASS_LABELS || negative < MIN_CLASS_LABELS) {
    return planned.map(([id, p]) => definitionError(id, p, `Calibration cannot be measured: the labels hold ${positive} positive and ${negative} negative labels, fewer than ${MIN_CLASS_LABELS} of each. On one class a model that predicts that class everywhere looks perfectly calibrated; evaluate on labelled rows of both classes.`));
  }
  const bins = num(cal, 'bins') ?? DEFAULT_ECE_BINS;
  const binning: EceBinning = str(cal, 'binning') === 'quantile' ? 'quantile' : 'uniform';
  const value = (scores: Float64Array): number => (metric === 'ece' ? expectedCalibrationError(rows.label, scores, bins, undefined, binning) : brierScore(rows.label, scores));
  const cand = value(rows.candidate);
  const base = value(rows.baseline);
  // Quantile edges come from each model's own scores, so candidate and production are binned apart.
  const name = metric === 'ece' ? `ECE (${bins} ${binning === 'quantile' ? 'equal-count' : 'equal-width'} bins)` : 'Brier score';
  const fix = 'Miscalibrated scores mislead every threshold and business rule built on them; recalibrate the candidate (e.g. isotonic or Platt scaling) before release.';
  const out: CheckResult[] = [];
  const details = { candidate: cand, baseline: base };
  // One reliability diagram, on the first calibration check.
  const chart = reliabilityChart(rows.label, rows.candidate, rows.baseline, bins);
  if (max !== undefined) out.push(atMost(`calibration.${metric}`, [...at, 'max'], cand, max, { unit: metric, sampleSize: rows.size, details, chart }, `The candidate's ${name}`, fix));
  if (maxIncrease !== undefined) {
    out.push(atMost(`calibration.${metric}_increase`, [...at, 'max_increase'], cand - base, maxIncrease, { unit: metric, sampleSize: rows.size, details, ...(max === undefined ? { chart } : {}) },
      `The candidate's ${name} increase over production (${fmt(cand)} vs ${fmt(base)})`, fix));
  }
  return out;
}

/** MAE of the candidate per target range `[min, max)` against each range's `max_mae`. */
export function targetRangeChecks(ranges: readonly unknown[], rows: QualityRows, base: CardPath): CheckResult[] {
  return ranges.map((raw, i) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const name = str(r, 'name') ?? `#${i + 1}`;
    const at: CardPath = [...base, 'target_ranges', i, 'max_mae'];
    const maxMae = num(r, 'max_mae');
    if (maxMae === undefined) return definitionError(`target_range.${name}`, at, `Target range '${name}' has no max_mae, so it checks nothing. Set the largest acceptable MAE for it.`);
    const lo = num(r, 'min') ?? -Infinity;
    const hi = num(r, 'max') ?? Infinity;
    const [e] = errorByTargetRange(rows.label, rows.candidate, [{ lo, hi }]);
    if (!e || e.count === 0) return definitionError(`target_range.${name}`, at, `No labelled row has a target in [${fmt(lo)}, ${fmt(hi)}), so the error on '${name}' is unmeasured and the gate cannot decide. Include such rows in the evaluation set.`, null);
    return atMost(`target_range.${name}`, at, e.mae, maxMae, { unit: 'MAE', sampleSize: e.count },
      `The candidate's MAE on '${name}' (targets in [${fmt(lo)}, ${fmt(hi)}), ${e.count} rows)`,
      'A model can win on average while failing the targets that matter; improve it on this range before release.');
  });
}

/**
 * Row indices of a slice (`column` equal to `value` or one of `values`), or a message. A blank
 * cell in the slice column is a message too: that row may belong to the critical slice, so
 * leaving it out could hide exactly the rows where the candidate is worse.
 */
export function sliceRows(table: Table, slice: Record<string, unknown>): number[] | string {
  const column = str(slice, 'column') ?? '';
  const col = getColumn(table, column);
  if (!col) return `${table.file} has no column ${column}, so the slice cannot be selected`;
  const raw = Array.isArray(slice.values) ? slice.values : slice.value !== undefined ? [slice.value] : [];
  if (raw.length === 0) return 'the slice sets neither value nor values';
  const wanted = new Set(raw.map((v) => String(v)));
  const out: number[] = [];
  const blank = new CellAuditBuilder(table.file, column);
  for (let i = 0; i < table.rowCount; i++) {
    const t = cellText(col, i, true);
    if (t === undefined) blank.reject(i, 'blank');
    else if (wanted.has(t)) out.push(i);
  }
  const a = blank.done(table.rowCount);
  const n = invalidCount(a);
  if (n > 0) return `${n.toLocaleString('en-US')} of ${table.rowCount.toLocaleString('en-US')} cells of ${column} are blank, first at row ${a.firstRow ?? 0}, and a row without a ${column} may belong to the slice. Fill the column for every row (for example with 'unknown')`;
  return out;
}
