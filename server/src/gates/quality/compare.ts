/**
 * The quality gate's statistical contract as checks: a paired bootstrap interval of
 * (metric_new − metric_base) and the non-inferiority decision lower > −delta, on all rows or on a
 * critical slice. Each check carries the interval so reviewers see how close the call was.
 */
import type { CardPath } from '../../card/model';
import { DEFAULT_MIN_SAMPLE_SIZE, type IntervalMethod, pairedBootstrap } from '../../stats';
import { formatPair } from '../../format';
import { fmt } from '../engine/checks';
import { bootstrapChart } from './charts';
import { degenerateComparison, lowerIsBetter, METRIC_NAME, type MetricParams, prepareMetric, type QualityMetric, type QualityRows } from './data';
import type { CheckResult } from '../engine/types';

/** Settings shared by every comparison of one gate run. */
export interface CompareSettings {
  metric: QualityMetric;
  params: MetricParams;
  confidence: number;
  resamples: number;
  seed: number;
  interval: IntervalMethod;
  /** True when the card asks for `decision: point_estimate` (flagged; the interval still decides). */
  pointEstimate: boolean;
}

/** What one comparison is about. */
export interface CompareTarget {
  id: string;
  at: CardPath;
  /** "all rows" or "slice 'new customers'". */
  scope: string;
  delta: number;
  minSamples: number | undefined;
}

/** Signed number for messages (+0.004, −0.012). */
function signed(n: number): string {
  return `${n >= 0 ? '+' : '−'}${fmt(Math.abs(n))}`;
}

/** Runs the paired bootstrap on `rows` and turns the decision into a check. */
export function compareCheck(rows: QualityRows, s: CompareSettings, t: CompareTarget): CheckResult {
  const name = METRIC_NAME[s.metric];
  const unitWord = lowerIsBetter(s.metric) ? 'base − new' : 'new − base';
  const level = `${fmt(s.confidence * 100)} %`;
  const minSampleSize = t.minSamples ?? DEFAULT_MIN_SAMPLE_SIZE;
  const candidate = prepareMetric(s.metric, rows, 'candidate', s.params);
  // The summary says what the observed value is ("lower 95 % bound −0.075 not above −0.02").
  const label = `${t.scope === 'all rows' ? name : t.scope} vs production`;
  const base = { id: t.id, threshold: -t.delta, unit: `${s.metric} difference (${unitWord}), lower ${level} bound`, at: t.at, label, comparison: 'above' as const };
  const degenerate = degenerateComparison(s.metric, rows, candidate);
  if (degenerate !== undefined) {
    return {
      ...base, status: 'error', observed: null, sampleSize: rows.size,
      message: `The ${name} comparison on ${t.scope} cannot be decided: ${degenerate}. An error blocks the release; evaluate on labelled rows${t.scope === 'all rows' ? '' : ' of this slice'} that hold both outcomes.`,
    };
  }
  const r = pairedBootstrap(candidate, prepareMetric(s.metric, rows, 'baseline', s.params), {
    delta: t.delta, higherIsBetter: !lowerIsBetter(s.metric), resamples: s.resamples, confidence: s.confidence, seed: s.seed,
    method: s.interval, minSampleSize, keepDistribution: true,
  });
  if (r.status === 'insufficient') {
    return {
      ...base, status: 'error', observed: null, sampleSize: r.sampleSize,
      message: `The ${name} comparison on ${t.scope} cannot be decided: ${r.reason}. Without enough paired rows the interval is meaningless, which blocks the release; collect more labelled rows${t.minSamples === undefined ? '' : ' or revisit min_samples'}.`,
    };
  }
  const details = {
    candidate: r.newValue, baseline: r.baseValue, difference: r.difference, lower: r.lower, upper: r.upper,
    confidence: r.confidence, resamples: r.resamples, skipped_resamples: r.skippedResamples, seed: r.seed, interval: r.method,
  };
  const facts = `On ${t.scope} (${r.sampleSize} ${s.metric === 'ndcg' || s.metric === 'recall_at_k' ? 'queries' : 'rows'}) the candidate's ${name} is ${fmt(r.newValue)} against production's ${fmt(r.baseValue)} (difference ${signed(r.difference)}); the ${level} paired bootstrap interval is [${signed(r.lower)}, ${signed(r.upper)}].`;
  const verdict = r.pass
    ? ` Its lower end ${signed(r.lower)} is above −${fmt(t.delta)}, so the candidate is non-inferior within the margin.`
    : ` Its lower end ${signed(r.lower)} is not above −${fmt(t.delta)}: the evidence does not rule out a loss larger than the margin, so the release is blocked even if the numbers look close. Improve the candidate, or collect more labelled rows for a narrower interval.`;
  const note = s.pointEstimate ? ' (The card asks for decision: point_estimate; a single number is not evidence, so the interval decided.)' : '';
  const chart = r.distribution && bootstrapChart(r.distribution, t.delta, r.lower, `${name}: ${unitWord}`, level);
  const v = formatPair(r.lower, -t.delta);
  const summary = `lower ${level} bound ${v.observed} ${r.pass ? '>' : 'not above'} ${v.threshold}`;
  return { ...base, status: r.pass ? 'pass' : 'fail', observed: r.lower, sampleSize: r.sampleSize, details, summary, message: facts + verdict + note, ...(chart ? { chart } : {}) };
}
