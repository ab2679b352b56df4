/**
 * The figures of a gate section: one per check that stored chart data (drawn with its threshold),
 * the pass rates of the robustness suites, and the coverage table of the four observability planes.
 * Every figure has a caption that says in words what the chart shows, so it reads without the
 * picture and without colour.
 */
import { COMPARISONS, checkLabel, type Comparison, formatValue, resultPhrase } from '../../format';
import { readChart, type ChartData } from '../../gates/engine/chart-data';
import type { RecordCheck, RecordGate } from '../../records';
import { esc } from './page';
import { type BulletFacts, figureSpec, suitesSpec } from './specs';
import { specToSvg } from './svg';

/** What each kind of chart shows, for its accessible name. */
const KIND_WORDS: Readonly<Record<ChartData['kind'], string>> = {
  histogram: 'histogram', bars: 'bar chart of category shares', series: 'values by day', reliability: 'reliability diagram',
};

/** A stored check's comparison when it is one this version knows (records may come from anywhere). */
function comparisonOf(c: RecordCheck): Comparison | undefined {
  return COMPARISONS.includes(c.comparison as Comparison) ? c.comparison : undefined;
}

/** The check as the formatter reads it, with an unknown comparison dropped. */
function facts(c: RecordCheck): RecordCheck {
  const comparison = comparisonOf(c);
  const { comparison: _drop, ...rest } = c;
  return comparison ? { ...rest, comparison } : rest;
}

/** The bullet of a numeric decision, for charts that draw no threshold of their own. */
function bulletOf(c: RecordCheck): BulletFacts | undefined {
  if (typeof c.observed !== 'number' || typeof c.threshold !== 'number' || !Number.isFinite(c.observed) || !Number.isFinite(c.threshold)) return undefined;
  const role = { at_most: 'at most', at_least: 'at least', above: 'above', below: 'below', equal: 'exactly' }[comparisonOf(c) ?? 'equal'];
  return {
    // A long unit names the statistic ("normed Wasserstein distance"), the clearest axis title.
    observed: c.observed, threshold: c.threshold, title: c.unit && c.unit.length > 12 ? c.unit : checkLabel(c),
    observedLabel: `observed ${formatValue(c.observed, c.unit, { compact: true })}`,
    thresholdLabel: `threshold: ${comparisonOf(c) ? `${role} ` : ''}${formatValue(c.threshold, c.unit, { compact: true })}`,
  };
}

/** One figure: the SVG and its caption. */
function figure(gate: string, id: string, svg: string, caption: string): string {
  return `<figure class="chart" data-check="${esc(`${gate}.${id}`)}">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

/** The figure of a check with stored chart data, or '' when it has none (or a malformed one). */
export async function checkFigure(gate: string, c: RecordCheck): Promise<string> {
  const chart = readChart(c.chart);
  if (!chart) return '';
  const f = facts(c);
  const bullet = bulletOf(f);
  const hasThreshold = chart.marks.some((m) => m.role === 'threshold');
  // Without a threshold to draw there is no decision to show: a chart without one is left out.
  if (!hasThreshold && !bullet) return '';
  const marks = [...chart.marks.map((m) => `${m.role} ${m.label}`), ...(!hasThreshold && bullet ? [bullet.thresholdLabel, bullet.observedLabel] : [])];
  const alt = `${checkLabel(f)}: ${KIND_WORDS[chart.kind]} with ${marks.join('; ')}`;
  const caption = `${checkLabel(f)}: ${resultPhrase(f)}. Marked: ${marks.join('; ')}.`;
  try {
    return figure(gate, c.id, await specToSvg(figureSpec(chart, hasThreshold ? undefined : bullet, alt), alt), caption);
  } catch (error) {
    // A chart that cannot be drawn must not take the report with it; the table still says it all.
    return `<p class="muted">The chart of ${esc(checkLabel(f))} could not be drawn (${esc(error instanceof Error ? error.message : String(error))}).</p>`;
  }
}

/** The pass rates of the robustness suites, each against its own minimum. */
export async function suitesFigure(g: RecordGate): Promise<string> {
  const rows = g.checks.filter((c) => c.id.endsWith('.pass_rate') && typeof c.observed === 'number' && typeof c.threshold === 'number')
    .map((c) => ({ name: (c.label ?? c.id).replace(/^suite '(.*)': pass rate$/, '$1').slice(0, 80), rate: c.observed as number, min: c.threshold as number, status: c.status }));
  if (rows.length === 0) return '';
  const words = rows.map((r) => `${r.name} ${formatValue(r.rate, 'share')} (at least ${formatValue(r.min, 'share')})`).join('; ');
  const alt = `Pass rate of each robustness suite with its minimum as a dashed tick: ${words}`;
  const svg = await specToSvg(suitesSpec(rows, alt), alt);
  return figure(g.gate, 'suites', svg, `Pass rate of each suite; the dashed tick is the suite's minimum (min_pass_rate). ${words}.`);
}

const PLANE_WHAT: Readonly<Record<string, string>> = {
  infrastructure: 'CPU/GPU, memory, saturation, network errors',
  model: 'prediction distributions, drift, quality proxies',
  product: 'successful scenario share, escalations, cancellations',
  economics: 'cost by model, service and traffic segment',
};

/** The four observability planes as a coverage table. */
export function planesTable(g: RecordGate): string {
  const planes = g.checks.filter((c) => c.id.startsWith('planes.'));
  if (planes.length === 0) return '';
  const rows = planes.map((c) => {
    const plane = c.id.slice('planes.'.length);
    const metrics = typeof c.details?.['metrics'] === 'string' ? c.details['metrics'] : '';
    return `<tr><td><span class="mark s-${esc(c.status)}" aria-hidden="true">${MARK[c.status] ?? '?'}</span>${esc(STATUS_WORD[c.status] ?? c.status)}</td><th scope="row">${esc(plane)}</th><td>${esc(PLANE_WHAT[plane] ?? '')}</td><td>${metrics ? `<code>${esc(metrics)}</code>` : '<span class="muted">none listed</span>'}</td><td>${esc(resultPhrase(facts(c)))}</td></tr>`;
  });
  return `<table class="planes"><caption>Coverage of the four planes</caption><thead><tr><th scope="col">Status</th><th scope="col">Plane</th><th scope="col">Should show</th><th scope="col">Metrics</th><th scope="col">Result</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The shape of each status, so a status reads without colour. */
export const MARK: Readonly<Record<string, string>> = { pass: '✔', fail: '✖', error: '!' };

/** The word of each status. */
export const STATUS_WORD: Readonly<Record<string, string>> = { pass: 'pass', fail: 'FAIL', error: 'could not decide' };
