/**
 * The quality gate: the candidate against production on the same labelled rows. The primary
 * metric and every critical slice are decided by a paired bootstrap interval (pass iff
 * lower(new − base) > −delta); calibration and error by target range add their own limits.
 * A model that wins overall but loses a critical slice is blocked.
 */
import type { CardPath } from '../../card/model';
import type { Table } from '../../evidence';
import type { IntervalMethod } from '../../stats';
import { definitionError, evidenceError, list, minSamples, num, obj, str } from '../engine/checks';
import { loadedTable } from '../engine/loaded-evidence';
import { type CompareSettings, compareCheck } from './compare';
import { METRIC_TASK, qualityColumns, type QualityMetric, qualityRows, type QualityRows, subsetRows } from './data';
import { calibrationChecks, sliceRows, targetRangeChecks } from './secondary';
import type { CheckResult, EvidenceRequest, GateContext, GateDefinition } from '../engine/types';

/** The predictions file, with the two score columns declared numeric. */
function evidence(def: Record<string, unknown>, base: CardPath): EvidenceRequest[] {
  const file = str(def, 'evidence');
  if (file === undefined) return [];
  const cols = qualityColumns(def);
  return [{ key: 'predictions', path: file, at: [...base, 'evidence'], kind: 'table', table: { types: { [cols.candidate]: 'numeric', [cols.baseline]: 'numeric' } } }];
}

/** The decision threshold for F1: a number, or a name in `artifacts.thresholds`. */
function decisionThreshold(ctx: GateContext): number | string {
  const raw = ctx.definition.decision_threshold;
  if (raw === undefined) return 0.5;
  if (typeof raw === 'number') return raw;
  const named = ctx.card.get(['artifacts', 'thresholds', String(raw)]);
  return typeof named === 'number' ? named : `decision_threshold '${String(raw)}' names no number under artifacts.thresholds`;
}

/** Fewest bootstrap resamples the gate decides on (the card schema's minimum). */
const MIN_RESAMPLES = 100;

/** Reads the comparison settings, or a message saying why the definition cannot be evaluated. */
function settings(ctx: GateContext): CompareSettings | string {
  const def = ctx.definition;
  const metric = str(def, 'metric') as QualityMetric | undefined;
  const task = str(def, 'task');
  if (!metric || !Object.hasOwn(METRIC_TASK, metric)) return `metric '${String(def.metric)}' is not one the gate computes`;
  if (task !== METRIC_TASK[metric]) return `metric '${metric}' is a ${METRIC_TASK[metric]} metric, but the task is '${String(task)}'`;
  const k = num(def, 'k');
  if ((metric === 'ndcg' || metric === 'recall_at_k') && k === undefined) return `metric '${metric}' needs a cut-off k`;
  const threshold = decisionThreshold(ctx);
  if (typeof threshold === 'string') return threshold;
  const boot = obj(def, 'bootstrap');
  const resamples = num(boot, 'resamples') ?? 1000;
  const confidence = num(def, 'confidence') ?? 0.95;
  // The schema says the same; the gate repeats it because a smaller value makes any interval pass.
  if (!Number.isInteger(resamples) || resamples < MIN_RESAMPLES) return `bootstrap.resamples is ${resamples}, but an interval's tails need at least ${MIN_RESAMPLES} resamples (a single resample gives the interval [d, d])`;
  if (!(confidence >= 0.5 && confidence <= 1)) return `confidence is ${confidence}, but the interval's level must lie in [0.5, 1] (below 0.5 its lower end sits near the median)`;
  return {
    metric, params: { threshold, ...(k !== undefined ? { k } : {}) },
    confidence, resamples, seed: num(boot, 'seed') ?? 0,
    interval: (str(boot, 'interval') ?? 'percentile') as IntervalMethod, pointEstimate: def.decision === 'point_estimate',
  };
}

/** Check ids and card paths of everything the definition asks for (used to report evidence errors per check). */
function plannedIds(def: Record<string, unknown>, base: CardPath): [string, CardPath][] {
  const out: [string, CardPath][] = [];
  if (num(def, 'min_samples') !== undefined) out.push(['min_samples', [...base, 'min_samples']]);
  out.push([String(def.metric ?? 'metric'), [...base, 'non_inferiority_delta']]);
  list(def, 'slices').forEach((s, i) => out.push([`slice.${str(s as Record<string, unknown>, 'name') ?? i}`, [...base, 'slices', i]]));
  return out;
}

/** One critical slice, compared with its own delta and minimum size. */
function sliceCheck(ctx: GateContext, table: Table, rows: QualityRows, s: CompareSettings, i: number): CheckResult {
  const slice = list(ctx.definition, 'slices')[i] as Record<string, unknown>;
  const name = str(slice, 'name') ?? `#${i + 1}`;
  const own = num(slice, 'non_inferiority_delta');
  const at: CardPath = [...ctx.base, 'slices', i, ...(own !== undefined ? ['non_inferiority_delta'] : [])];
  const idx = sliceRows(table, slice);
  if (typeof idx === 'string') return definitionError(`slice.${name}`, at, `Slice '${name}': ${idx}. A critical slice that cannot be evaluated blocks the release; fix the slice or the evidence.`);
  const delta = own ?? (num(ctx.definition, 'non_inferiority_delta') as number);
  const check = compareCheck(subsetRows(rows, idx), s, { id: `slice.${name}`, at, scope: `slice '${name}'`, delta, minSamples: num(slice, 'min_samples') });
  return check.status === 'fail' ? { ...check, message: `${check.message} A failing critical slice blocks the release even when the overall metric passes.` } : check;
}

/** Computes every check of the quality gate. */
function compute(ctx: GateContext): CheckResult[] {
  const { definition: def, base } = ctx;
  const loaded = loadedTable(ctx, 'predictions');
  if (!loaded.ok) return plannedIds(def, base).map(([id, at]) => evidenceError(id, at, loaded, 'the quality gate'));
  const s = settings(ctx);
  const delta = num(def, 'non_inferiority_delta');
  if (typeof s === 'string' || delta === undefined) {
    const why = typeof s === 'string' ? s : 'non_inferiority_delta is not set';
    return [definitionError(String(def.metric ?? 'metric'), [...base, typeof s === 'string' ? 'metric' : 'non_inferiority_delta'], `The quality gate cannot be computed: ${why}. Without a valid statistical contract there is no decision, which blocks the release; fix the definition.`)];
  }
  const rows = qualityRows(loaded.table, qualityColumns(def), str(def, 'task') ?? '');
  if (typeof rows === 'string') {
    return plannedIds(def, base).map(([id, at]) => definitionError(id, at, `${rows}. The gate cannot compare the models, which blocks the release; fix the predictions file or the column mapping.`));
  }
  const out: CheckResult[] = [];
  const min = num(def, 'min_samples');
  if (min !== undefined) out.push(minSamples('min_samples', [...base, 'min_samples'], rows.size, min, 'Paired labelled rows'));
  out.push(compareCheck(rows, s, { id: s.metric, at: [...base, 'non_inferiority_delta'], scope: 'all rows', delta, minSamples: min }));
  const cal = obj(def, 'calibration');
  if (cal && METRIC_TASK[s.metric] === 'classification') out.push(...calibrationChecks(cal, rows, [...base, 'calibration']));
  else if (cal) out.push(definitionError('calibration', [...base, 'calibration'], 'Calibration applies to classification probabilities only; remove the calibration block for this task.'));
  list(def, 'slices').forEach((_, i) => out.push(sliceCheck(ctx, loaded.table, rows, s, i)));
  const ranges = list(def, 'target_ranges');
  if (ranges.length > 0 && s.metric !== 'mae' && s.metric !== 'rmse') out.push(definitionError('target_ranges', [...base, 'target_ranges'], 'Error by target range applies to regression only; remove target_ranges for this task.'));
  else out.push(...targetRangeChecks(ranges, rows, base));
  return out;
}

/** The quality gate definition. */
export const qualityGate: GateDefinition = {
  id: 'quality',
  title: 'Quality gate',
  summary: 'Blocks a release that is worse than production beyond its margin, overall or on a critical slice, or miscalibrated.',
  evidence,
  compute,
};
