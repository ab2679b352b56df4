/**
 * The chart data of a drift check: the reference against the current slice, as shares over shared
 * bins for a numeric column or as category shares (the most frequent categories, the rest summed as
 * "other"). The report draws the statistic against its threshold beside it.
 */
import { type ChartData, chartNumber, histogramOf } from '../engine/chart-data';
import type { DriftInputs } from './drift-inputs';

/** Bins of a numeric drift histogram. */
const BINS = 30;

/** Categories shown by name; the rest are summed as "other". */
const TOP_CATEGORIES = 12;

/** Category shares of both samples, most frequent (over both) first. */
function categoryShares(name: string, inputs: Extract<DriftInputs, { kind: 'categorical' }>): ChartData {
  const ref = inputs.reference.counts;
  const cur = inputs.current.counts;
  const total = (m: ReadonlyMap<unknown, number>): number => [...m.values()].reduce((a, b) => a + b, 0) || 1;
  const [rt, ct] = [total(ref), total(cur)];
  const keys = [...new Set([...ref.keys(), ...cur.keys()])].sort((a, b) => ((ref.get(b) ?? 0) / rt + (cur.get(b) ?? 0) / ct) - ((ref.get(a) ?? 0) / rt + (cur.get(a) ?? 0) / ct));
  const shown = keys.slice(0, TOP_CATEGORIES);
  const rest = keys.slice(TOP_CATEGORIES);
  const shares = (m: ReadonlyMap<unknown, number>, t: number): number[] => [
    ...shown.map((k) => (m.get(k) ?? 0) / t),
    ...(rest.length > 0 ? [rest.reduce((a: number, k) => a + (m.get(k) ?? 0), 0) / t] : []),
  ].map(chartNumber);
  const categories = [...shown.map((k) => String(k).slice(0, 60)), ...(rest.length > 0 ? [`other (${rest.length})`] : [])];
  return { kind: 'bars', x: name, categories, series: [{ name: 'reference', values: shares(ref, rt) }, { name: 'current', values: shares(cur, ct) }], marks: [] };
}

/** The chart of one tested column, or undefined when its samples hold nothing to draw. */
export function driftChart(name: string, inputs: DriftInputs): ChartData | undefined {
  if (inputs.kind === 'categorical') return categoryShares(name, inputs);
  return histogramOf([{ name: 'reference', values: inputs.reference }, { name: 'current', values: inputs.current }], name, BINS);
}
