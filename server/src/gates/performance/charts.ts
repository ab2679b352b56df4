/**
 * Chart data of the performance gate: the latency distribution of the warm path and of cold starts,
 * each with its observed p95/p99 and their limits marked. Drawn on the path's p99 check (its p95
 * check when the card sets no p99), from the samples the checks already measured.
 */
import { formatValue } from '../../format';
import { histogramOf, type ChartMark } from '../engine/chart-data';
import type { CheckResult } from '../engine/types';
import { latencies, type PerfSamples } from './samples';

/** Bins of a latency histogram. */
const BINS = 40;

/** The marks of one path's latency checks: what was observed and what the card allows. */
function marksOf(checks: readonly CheckResult[]): ChartMark[] {
  const out: ChartMark[] = [];
  for (const c of checks) {
    const q = c.id.includes('p95') ? 'p95' : 'p99';
    if (typeof c.observed === 'number' && Number.isFinite(c.observed)) out.push({ role: 'observed', value: c.observed, label: `${q} ${formatValue(c.observed, 'ms')}` });
    if (typeof c.threshold === 'number') out.push({ role: 'threshold', value: c.threshold, label: `${q} limit ${formatValue(c.threshold, 'ms')}` });
  }
  return out;
}

/**
 * Adds the latency histograms to the checks (a copy of each chart's check). The histogram reaches
 * a little past the largest mark, so a long tail is summed into its last bin instead of squashing
 * the part of the distribution the limits are about.
 */
export function withLatencyCharts(checks: CheckResult[], s: PerfSamples): CheckResult[] {
  if (!s.latency) return checks;
  for (const cold of [0, 1] as const) {
    const prefix = cold ? 'cold_start.' : '';
    const path = checks.filter((c) => c.id === `${prefix}p95_latency_ms` || c.id === `${prefix}p99_latency_ms`);
    const target = path.find((c) => c.id.endsWith('p99_latency_ms') && c.status !== 'error') ?? path.find((c) => c.status !== 'error');
    if (!target) continue;
    const marks = marksOf(path);
    const { values } = latencies(s, cold);
    const top = Math.max(...marks.map((m) => m.value)) * 1.25;
    const chart = histogramOf([{ name: cold ? 'cold-start requests' : 'warm requests', values }], `${cold ? 'cold-start' : 'warm'} latency (ms)`, BINS, { lo: 0, hi: top });
    if (!chart) continue;
    chart.marks = marks;
    checks[checks.indexOf(target)] = { ...target, chart };
  }
  return checks;
}
