/**
 * Vega-Lite specifications of the gate report's charts, built from a check's stored chart data.
 * Every chart draws its threshold as a dashed, labelled rule (so it reads without colour) whose
 * accessible description starts with "threshold"; what the run observed is a solid rule. Text and
 * axes use `currentColor`, so the same SVG follows a light page, a dark page or VS Code's theme.
 */
import type { BarsChart, ChartData, ChartMark, HistogramChart, ReliabilityChart, SeriesChart } from '../../gates/engine/chart-data';

/** A Vega-Lite specification (JSON); vega-lite checks it when it compiles. */
export type Spec = Record<string, unknown>;

/** Colours of the series (Okabe-Ito: told apart by people with colour vision deficiencies). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7'];

/** The colour of threshold rules (vermilion), always dashed as well. */
export const THRESHOLD_COLOUR = '#D55E00';

/** Width and height of a chart's plot area, in CSS pixels. */
const WIDTH = 540;
const HEIGHT = 170;

/** The configuration every chart shares: transparent, themed by the page. */
export const CONFIG: Spec = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  background: null,
  view: { stroke: null },
  axis: { labelColor: 'currentColor', titleColor: 'currentColor', domainColor: 'currentColor', tickColor: 'currentColor', gridColor: 'currentColor', gridOpacity: 0.15, labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' },
  legend: { labelColor: 'currentColor', titleColor: 'currentColor', orient: 'top', labelFontSize: 11, titleFontSize: 11, labelLimit: 320 },
  title: { color: 'currentColor', fontSize: 12, fontWeight: 'normal', anchor: 'start' },
  text: { color: 'currentColor' },
  range: { category: SERIES_COLOURS },
};

/** The colour channel of the series, in the order the chart data lists them (reference before current). */
function seriesColour(names: readonly string[]): Spec {
  return { field: 'series', type: 'nominal', title: null, scale: { domain: [...names], range: SERIES_COLOURS.slice(0, names.length) }, ...(names.length < 2 ? { legend: null } : {}) };
}

/** Rows of the marks layer: where, what, and the words a screen reader gets. */
function markRows(marks: readonly ChartMark[]): Record<string, unknown>[] {
  return marks.map((m) => ({ value: m.value, label: m.label, role: m.role, description: `${m.role}: ${m.label}`, from: m.from, to: m.to }));
}

/** Dashed for thresholds, solid for observed values. */
const DASH = { condition: { test: "datum.role === 'threshold'", value: [6, 4] }, value: [1, 0] };
const STROKE = { condition: { test: "datum.role === 'threshold'", value: THRESHOLD_COLOUR }, value: 'currentColor' };

/**
 * Vertical rules (with their labels) at x = value, for histograms. Each label gets its own line
 * from the top, so marks close together stay readable; a mark in the right part of the axis is
 * labelled to its left, so the text stays inside the chart.
 */
function verticalMarks(marks: readonly ChartMark[], x: string, lo: number, hi: number): Spec[] {
  if (marks.length === 0) return [];
  const rows = markRows(marks).map((r, i) => ({ ...r, ty: 2 + 13 * i, right: (Number(r.value) - lo) / (hi - lo || 1) > 0.6 }));
  const text = (right: boolean): Spec => ({
    data: { values: rows.filter((r) => r.right === right) },
    mark: { type: 'text', align: right ? 'right' : 'left', baseline: 'top', dx: right ? -4 : 4, fontSize: 11, aria: false },
    encoding: { x: { field: 'value', type: 'quantitative' }, y: { field: 'ty', type: 'quantitative', scale: null }, text: { field: 'label' } },
  });
  return [
    { data: { values: rows }, mark: { type: 'rule', strokeWidth: 2, aria: true }, encoding: { x: { field: 'value', type: 'quantitative', title: x }, strokeDash: DASH, color: STROKE, description: { field: 'description' } } },
    ...[false, true].filter((right) => rows.some((r) => r.right === right)).map(text),
  ];
}

/** Horizontal rules (or segments over `from..to`) at y = value, for series. */
function horizontalMarks(marks: readonly ChartMark[]): Spec[] {
  if (marks.length === 0) return [];
  const whole = markRows(marks.filter((m) => m.from === undefined));
  const spans = markRows(marks.filter((m) => m.from !== undefined));
  const out: Spec[] = [];
  if (whole.length > 0) {
    out.push({ data: { values: whole }, mark: { type: 'rule', strokeWidth: 2, aria: true }, encoding: { y: { field: 'value', type: 'quantitative' }, strokeDash: DASH, color: STROKE, description: { field: 'description' } } });
    // Thresholds close together (a cap and a guardrail) are labelled at alternate ends of the chart.
    const ends = [whole.filter((_, i) => i % 2 === 0), whole.filter((_, i) => i % 2 === 1)];
    ends.forEach((values, end) => {
      if (values.length > 0) out.push({ data: { values }, mark: { type: 'text', align: end === 0 ? 'right' : 'left', baseline: 'bottom', dy: -2, fontSize: 11, x: end === 0 ? WIDTH : 2, aria: false }, encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } } });
    });
  }
  if (spans.length > 0) {
    out.push({ data: { values: spans }, mark: { type: 'rule', strokeWidth: 3, aria: true }, encoding: { x: { field: 'from', type: 'temporal' }, x2: { field: 'to' }, y: { field: 'value', type: 'quantitative' }, strokeDash: DASH, color: STROKE, description: { field: 'description' } } });
    out.push({ data: { values: spans }, mark: { type: 'text', align: 'left', baseline: 'top', dy: 4, fontSize: 11, aria: false }, encoding: { x: { field: 'from', type: 'temporal' }, y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } } });
  }
  return out;
}

/** Shares of each series' own total when there are several (samples of different sizes), else counts. */
function histogramSpec(c: HistogramChart): Spec {
  const shares = c.series.length > 1;
  // A long tail (latency) is a few counts beside thousands; a square-root scale keeps it visible.
  const counts = c.series.flatMap((s) => s.counts).filter((n) => n > 0);
  const sqrt = !shares && counts.length > 0 && Math.max(...counts) > 20 * (counts.reduce((a, b) => a + b, 0) / counts.length) / 4;
  const values = c.series.flatMap((s) => {
    const total = s.counts.reduce((a, b) => a + b, 0) || 1;
    return s.counts.map((n, i) => ({ series: s.name, x0: c.edges[i], x1: c.edges[i + 1], y: shares ? n / total : n }));
  });
  return {
    layer: [
      { data: { values }, mark: { type: 'bar', opacity: shares ? 0.55 : 0.8, binSpacing: 0 }, encoding: {
        x: { field: 'x0', type: 'quantitative', title: c.x, scale: { zero: false, nice: false } }, x2: { field: 'x1' },
        y: { field: 'y', type: 'quantitative', stack: null, title: shares ? 'share of values' : sqrt ? 'count (square-root scale)' : 'count', axis: shares ? { format: '.0%' } : {}, ...(sqrt ? { scale: { type: 'sqrt' } } : {}) }, y2: { datum: 0 },
        color: seriesColour(c.series.map((x) => x.name)),
      } },
      ...verticalMarks(c.marks, c.x, c.edges[0] ?? 0, c.edges[c.edges.length - 1] ?? 1),
    ],
  };
}

/** Grouped bars of category shares. */
function barsSpec(c: BarsChart): Spec {
  const values = c.series.flatMap((s) => s.values.map((v, i) => ({ series: s.name, category: c.categories[i], y: v, order: i })));
  return {
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'category', type: 'nominal', title: c.x, sort: { field: 'order' }, axis: { labelAngle: c.categories.length > 6 ? -30 : 0, labelLimit: 200 } },
      xOffset: { field: 'series' },
      y: { field: 'y', type: 'quantitative', title: 'share of rows', axis: { format: '.0%' } },
      color: seriesColour(c.series.map((x) => x.name)),
    },
  };
}

/** Values by day with their thresholds and horizon values. */
function seriesSpec(c: SeriesChart): Spec {
  const values = c.series.flatMap((s) => s.points.map(([date, y]) => ({ series: s.name, date, y })));
  return {
    layer: [
      { data: { values }, mark: { type: 'line', point: { filled: true, size: 36 } }, encoding: {
        x: { field: 'date', type: 'temporal', title: null, axis: { format: '%b %d' } },
        y: { field: 'y', type: 'quantitative', title: c.y, scale: { zero: false } },
        color: seriesColour(c.series.map((x) => x.name)),
        shape: { field: 'series', type: 'nominal', title: null, scale: { domain: c.series.map((x) => x.name) }, ...(c.series.length < 2 ? { legend: null } : {}) },
      } },
      ...horizontalMarks(c.marks),
    ],
  };
}

/** Observed positive rate against mean predicted probability, with the diagonal of perfect calibration. */
function reliabilitySpec(c: ReliabilityChart): Spec {
  const values = c.series.flatMap((s) => s.points.map(([p, y, n]) => ({ series: s.name, p, y, n })));
  const axis = (title: string): Spec => ({ type: 'quantitative', title, scale: { domain: [0, 1] } });
  return {
    layer: [
      { data: { values: [{ a: 0, b: 1 }] }, mark: { type: 'rule', strokeDash: [2, 3], color: 'currentColor', opacity: 0.6, aria: false }, encoding: { x: { datum: 0, ...axis('mean predicted probability') }, y: { datum: 0, ...axis('observed positive rate') }, x2: { datum: 1 }, y2: { datum: 1 } } },
      { data: { values }, mark: { type: 'line', point: { filled: true } }, encoding: {
        x: { field: 'p', ...axis('mean predicted probability') }, y: { field: 'y', ...axis('observed positive rate') },
        color: seriesColour(c.series.map((x) => x.name)), shape: { field: 'series', type: 'nominal', title: null, scale: { domain: c.series.map((x) => x.name) } },
      } },
    ],
  };
}

/** The main spec of a stored chart. */
function chartSpec(c: ChartData): Spec {
  switch (c.kind) {
    case 'histogram': return histogramSpec(c);
    case 'bars': return barsSpec(c);
    case 'series': return seriesSpec(c);
    case 'reliability': return reliabilitySpec(c);
  }
}

/** A numeric check reduced to what a bullet shows: the observed value, the threshold, and their words. */
export interface BulletFacts {
  observed: number;
  threshold: number;
  observedLabel: string;
  thresholdLabel: string;
  title: string;
}

/** A bullet: the observed value as a bar from zero, the threshold as a dashed labelled rule. */
export function bulletSpec(b: BulletFacts): Spec {
  const lo = Math.min(0, b.observed, b.threshold);
  const hi = Math.max(0, b.observed, b.threshold);
  const pad = (hi - lo || Math.abs(b.threshold) || 1) * 0.15;
  const x = { type: 'quantitative', title: b.title, scale: { domain: [lo - (lo < 0 ? pad : 0), hi + pad], nice: false } };
  const marks = markRows([{ role: 'observed', value: b.observed, label: b.observedLabel }, { role: 'threshold', value: b.threshold, label: b.thresholdLabel }]);
  return {
    height: 44,
    layer: [
      { data: { values: [{ v: b.observed, description: `observed: ${b.observedLabel}` }] }, mark: { type: 'bar', color: 'currentColor', opacity: 0.35, height: 14, aria: true }, encoding: { x: { field: 'v', ...x }, x2: { datum: 0 }, description: { field: 'description' } } },
      { data: { values: marks.filter((m) => m.role === 'threshold') }, mark: { type: 'rule', strokeWidth: 2, strokeDash: [6, 4], color: THRESHOLD_COLOUR, aria: true }, encoding: { x: { field: 'value', ...x }, description: { field: 'description' } } },
      { data: { values: marks.filter((m) => m.role === 'threshold') }, mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -10, fontSize: 11, aria: false }, encoding: { x: { field: 'value', ...x }, text: { field: 'label' } } },
      { data: { values: marks.filter((m) => m.role === 'observed') }, mark: { type: 'text', align: 'right', baseline: 'top', dx: -3, dy: 10, fontSize: 11, aria: false }, encoding: { x: { field: 'value', ...x }, text: { field: 'label' } } },
    ],
  };
}

/** The whole spec of a check's figure: its chart, with a bullet of the decision when the chart has no threshold of its own. */
export function figureSpec(c: ChartData, bullet: BulletFacts | undefined, description: string): Spec {
  const main = { width: WIDTH, height: c.kind === 'reliability' ? 220 : HEIGHT, ...chartSpec(c) };
  const hasThreshold = c.marks.some((m) => m.role === 'threshold');
  const body = !hasThreshold && bullet ? { vconcat: [main, { width: WIDTH, ...bulletSpec(bullet) }], spacing: 28 } : main;
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description, config: CONFIG, ...body };
}

/** Pass rates of robustness suites as horizontal bars, each with its own minimum as a dashed tick. */
export function suitesSpec(rows: readonly { name: string; rate: number; min: number; status: string }[], description: string): Spec {
  const values = rows.map((r) => ({ ...r, description: `threshold: suite ${r.name} needs at least ${Math.round(r.min * 1000) / 10} %` }));
  const y = { field: 'name', type: 'nominal', title: null, sort: null, axis: { labelLimit: 220 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description, config: CONFIG, width: WIDTH - 120, height: { step: 22 },
    data: { values },
    layer: [
      { mark: { type: 'bar', color: SERIES_COLOURS[0], height: 12 }, encoding: { y, x: { field: 'rate', type: 'quantitative', title: 'pass rate', scale: { domain: [0, 1] }, axis: { format: '.0%' } } } },
      { mark: { type: 'tick', thickness: 2, strokeDash: [4, 2], color: THRESHOLD_COLOUR, aria: true }, encoding: { y, x: { field: 'min', type: 'quantitative' }, description: { field: 'description' } } },
    ],
  };
}
