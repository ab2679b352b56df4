/**
 * Chart data of the cost gate: cost per useful outcome by day over the longest horizon, with the
 * hard cap and the guardrail (baseline + allowed increase) as thresholds and each horizon's value
 * as a segment over its days. A day without outcomes has no point: there is no ratio to draw.
 */
import { formatValue } from '../../format';
import { type ChartData, type ChartMark, chartNumber } from '../engine/chart-data';
import type { HorizonTotals } from './horizon';
import { dateOf, type DayCost } from './ledger';
import type { DayOutcome } from './outcomes';

/** Most days a cost series keeps (the newest). */
const MAX_DAYS = 90;

/** What the chart compares the days with. */
export interface CostLimits {
  currency: string;
  cap: number | undefined;
  baseline: number | undefined;
  maxIncreasePct: number | undefined;
}

/** Daily cost per useful outcome over `first..last`, newest `MAX_DAYS` at most. */
function dailyPoints(ledger: ReadonlyMap<number, DayCost>, outcomes: ReadonlyMap<number, DayOutcome>, first: number, last: number): [string, number][] {
  const out: [string, number][] = [];
  for (let d = Math.max(first, last - MAX_DAYS + 1); d <= last; d++) {
    const cost = ledger.get(d);
    const successes = outcomes.get(d)?.successes ?? 0;
    if (!cost || !(successes > 0)) continue;
    const total = Object.values(cost.byCategory).reduce((a, b) => a + b, 0);
    if (Number.isFinite(total / successes)) out.push([dateOf(d), chartNumber(total / successes)]);
  }
  return out;
}

/** The cap, the guardrail level and each horizon's value as marks. */
function costMarks(horizons: readonly { h: number; t: HorizonTotals }[], limits: CostLimits): ChartMark[] {
  const unit = `${limits.currency} per useful outcome`;
  const marks: ChartMark[] = [];
  if (limits.cap !== undefined) marks.push({ role: 'threshold', value: limits.cap, label: `cap ${formatValue(limits.cap, unit, { compact: true })}` });
  if (limits.baseline !== undefined && limits.maxIncreasePct !== undefined) {
    const level = limits.baseline * (1 + limits.maxIncreasePct / 100);
    marks.push({ role: 'threshold', value: level, label: `guardrail +${limits.maxIncreasePct} % over baseline ${formatValue(level, unit, { compact: true })}` });
  }
  for (const { h, t } of horizons) {
    if (!(t.successes > 0)) continue;
    const v = t.cost / t.successes;
    marks.push({ role: 'observed', value: v, label: `${h}-day ${formatValue(v, unit, { compact: true })}`, from: dateOf(t.firstDay), to: dateOf(t.lastDay) });
  }
  return marks.slice(0, 8);
}

/** The cost chart over the longest horizon, or undefined when no day has a ratio. */
export function costChart(ledger: ReadonlyMap<number, DayCost>, outcomes: ReadonlyMap<number, DayOutcome>, horizons: readonly { h: number; t: HorizonTotals }[], limits: CostLimits): ChartData | undefined {
  const longest = [...horizons].sort((a, b) => b.h - a.h)[0];
  if (!longest) return undefined;
  const points = dailyPoints(ledger, outcomes, longest.t.firstDay, longest.t.lastDay);
  if (points.length === 0) return undefined;
  return { kind: 'series', y: `cost per useful outcome (${limits.currency})`, series: [{ name: 'by day', points }], marks: costMarks(horizons, limits) };
}
