/**
 * What a check keeps for its chart in the gate report: a few dozen numbers (histogram counts, a
 * daily series, reliability bins), never the samples. Gates build it from the evidence they
 * already hold (pure, no I/O); the run record stores it beside the check, so the report can be
 * drawn again from a record without the evidence. A record may come from a pull request, so
 * `readChart` re-checks the shape and the size limits before anything draws it.
 */

/** A value drawn across a chart: a threshold from the card, or what the run observed. */
export interface ChartMark {
  role: 'threshold' | 'observed';
  value: number;
  /** What the mark is, with its value ("limit 800 ms", "lower 95 % bound −0.075"). */
  label: string;
  /** For series: the first and last day the mark covers (a horizon), ISO dates. */
  from?: string;
  to?: string;
}

/** Counts of one or more samples over shared bins. */
export interface HistogramChart {
  kind: 'histogram';
  /** Axis title of the binned values. */
  x: string;
  /** Bin edges, ascending; `edges.length` is one more than every series' `counts.length`. */
  edges: number[];
  /** Samples of different sizes are compared as shares of their own total. */
  series: { name: string; counts: number[] }[];
  marks: ChartMark[];
}

/** Shares of categories for one or more samples. */
export interface BarsChart {
  kind: 'bars';
  x: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  marks: ChartMark[];
}

/** Values over days (ISO dates), e.g. cost per useful outcome by day or drill RTOs. */
export interface SeriesChart {
  kind: 'series';
  y: string;
  series: { name: string; points: [string, number][] }[];
  marks: ChartMark[];
}

/** Reliability bins: mean predicted probability, observed positive rate, rows. */
export interface ReliabilityChart {
  kind: 'reliability';
  series: { name: string; points: [number, number, number][] }[];
  marks: ChartMark[];
}

/** The data of one chart. */
export type ChartData = HistogramChart | BarsChart | SeriesChart | ReliabilityChart;

/** Size limits a stored chart must keep (they bound the record and what a report draws). */
export const CHART_LIMITS = { bins: 60, categories: 30, points: 400, series: 4, marks: 8, text: 160 } as const;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= CHART_LIMITS.text;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isList = (v: unknown, max: number): v is unknown[] => Array.isArray(v) && v.length <= max;
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && v.length <= 40;

/** True for a well-formed mark. */
function isMark(v: unknown): v is ChartMark {
  const m = v as Partial<ChartMark> | null;
  return typeof m === 'object' && m !== null && (m.role === 'threshold' || m.role === 'observed') && isNum(m.value) && isText(m.label)
    && (m.from === undefined || isDate(m.from)) && (m.to === undefined || isDate(m.to));
}

/** True when every series has a text name and its values pass `ok`. */
function seriesOk(v: unknown, ok: (s: Record<string, unknown>) => boolean): boolean {
  return isList(v, CHART_LIMITS.series) && v.length > 0 && v.every((s) => typeof s === 'object' && s !== null && isText((s as Record<string, unknown>).name) && ok(s as Record<string, unknown>));
}

/** The shape check of each kind, beyond the common fields. */
const KIND_OK: Readonly<Record<ChartData['kind'], (c: Record<string, unknown>) => boolean>> = {
  histogram: (c) => {
    const edges = c.edges;
    if (!isText(c.x) || !isList(edges, CHART_LIMITS.bins + 1) || edges.length < 2 || !edges.every(isNum)) return false;
    if (!edges.every((e, i) => i === 0 || (e as number) > (edges[i - 1] as number))) return false;
    return seriesOk(c.series, (s) => isList(s.counts, CHART_LIMITS.bins) && s.counts.length === edges.length - 1 && s.counts.every((n) => isNum(n) && n >= 0));
  },
  bars: (c) => isText(c.x) && isList(c.categories, CHART_LIMITS.categories) && c.categories.every(isText)
    && seriesOk(c.series, (s) => isList(s.values, CHART_LIMITS.categories) && s.values.length === (c.categories as unknown[]).length && s.values.every(isNum)),
  series: (c) => isText(c.y) && seriesOk(c.series, (s) => isList(s.points, CHART_LIMITS.points) && s.points.every((p) => Array.isArray(p) && p.length === 2 && isDate(p[0]) && isNum(p[1]))),
  reliability: (c) => seriesOk(c.series, (s) => isList(s.points, CHART_LIMITS.bins) && s.points.every((p) => Array.isArray(p) && p.length === 3 && p.every(isNum))),
};

/** The chart of a stored check when it has the shape and size of one, else undefined (never throws). */
export function readChart(v: unknown): ChartData | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const c = v as Record<string, unknown>;
  const ok = typeof c.kind === 'string' && Object.hasOwn(KIND_OK, c.kind) && isList(c.marks, CHART_LIMITS.marks) && c.marks.every(isMark);
  return ok && KIND_OK[c.kind as ChartData['kind']](c) ? (c as unknown as ChartData) : undefined;
}

/** A number of a chart to six significant digits: enough to draw, a third of the bytes in a record. */
export function chartNumber(n: number): number {
  return Number.isFinite(n) ? Number(n.toPrecision(6)) : n;
}

/** Shared bin edges over [lo, hi] (widened when they coincide). */
function edgesOf(lo: number, hi: number, bins: number): number[] {
  const top = hi > lo ? hi : lo + Math.max(Math.abs(lo) * 0.01, 1);
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? top : lo + ((top - lo) * i) / bins));
}

/** The smallest and largest finite values of several samples. */
function extent(samples: readonly ArrayLike<number>[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

/**
 * Histogram counts of samples over shared bins from `lo` to `hi` (their extent by default); values
 * above `hi` count in the last bin, below `lo` in the first, so no sample is silently dropped.
 */
export function histogramOf(samples: readonly { name: string; values: ArrayLike<number> }[], x: string, bins: number, range?: { lo?: number; hi?: number }): HistogramChart | undefined {
  const ext = extent(samples.map((s) => s.values));
  if (!ext) return undefined;
  const edges = edgesOf(range?.lo ?? ext[0], range?.hi ?? ext[1], Math.max(1, Math.min(bins, CHART_LIMITS.bins)));
  const lo = edges[0] as number;
  const width = ((edges[edges.length - 1] as number) - lo) / (edges.length - 1);
  const series = samples.map(({ name, values }) => {
    const counts = new Array<number>(edges.length - 1).fill(0);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v)) continue;
      const b = Math.min(counts.length - 1, Math.max(0, Math.floor((v - lo) / width)));
      counts[b] = (counts[b] as number) + 1;
    }
    return { name, counts };
  });
  // Rounding can make neighbouring edges of a very narrow range equal; the exact ones are kept then.
  const rounded = edges.map(chartNumber);
  const ascending = rounded.every((e, i) => i === 0 || e > (rounded[i - 1] as number));
  return { kind: 'histogram', x, edges: ascending ? rounded : edges, series, marks: [] };
}
