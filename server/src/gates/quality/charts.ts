/**
 * Chart data of the quality gate: the paired-bootstrap distribution of the difference with the
 * margin −δ and the interval's lower end marked, and a reliability diagram of candidate and
 * production. Both are small summaries of what the gate computed anyway.
 */
import { formatSigned } from '../../format';
import { type ChartData, chartNumber, histogramOf } from '../engine/chart-data';

/** Bins of a bootstrap histogram. */
const BOOTSTRAP_BINS = 40;

/** Most bins a reliability diagram keeps (a card may ask for more ECE bins). */
const MAX_RELIABILITY_BINS = 20;

/** The bootstrap distribution of (new − base), with −δ (threshold) and the lower bound (observed) marked. */
export function bootstrapChart(distribution: Float64Array, delta: number, lower: number, axis: string, level: string): ChartData | undefined {
  if (distribution.length === 0) return undefined;
  const lo = Math.min(distribution[0] as number, -delta);
  const hi = Math.max(distribution[distribution.length - 1] as number, -delta);
  const chart = histogramOf([{ name: 'bootstrap resamples', values: distribution }], axis, BOOTSTRAP_BINS, { lo, hi });
  if (!chart) return undefined;
  chart.marks = [
    { role: 'threshold', value: -delta, label: `margin −δ = ${formatSigned(-delta)}` },
    { role: 'observed', value: lower, label: `lower ${level} bound ${formatSigned(lower)}` },
  ];
  return chart;
}

/** Reliability bins of one model: [mean predicted, observed positive rate, rows], equal-width on [0, 1]. */
function reliabilityPoints(labels: Float64Array, scores: Float64Array, bins: number): [number, number, number][] {
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i] as number;
    const y = labels[i] as number;
    if (!Number.isFinite(p) || Number.isNaN(y)) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    sumP[b] = (sumP[b] as number) + p;
    sumY[b] = (sumY[b] as number) + (y ? 1 : 0);
    count[b] = (count[b] as number) + 1;
  }
  const out: [number, number, number][] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n > 0) out.push([chartNumber((sumP[b] as number) / n), chartNumber((sumY[b] as number) / n), n]);
  }
  return out;
}

/** A reliability diagram of candidate and production; the check's limit is drawn beside it by the report. */
export function reliabilityChart(labels: Float64Array, candidate: Float64Array, baseline: Float64Array, bins: number): ChartData {
  const n = Math.max(2, Math.min(MAX_RELIABILITY_BINS, Math.round(bins)));
  return {
    kind: 'reliability',
    series: [
      { name: 'candidate', points: reliabilityPoints(labels, candidate, n) },
      { name: 'production', points: reliabilityPoints(labels, baseline, n) },
    ],
    marks: [],
  };
}
