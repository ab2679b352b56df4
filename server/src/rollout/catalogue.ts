/**
 * The metric catalogue: what each metric an auto-rollback condition may name means in PromQL, over
 * the service's series (see `series.ts`), with units made to agree with the metric's name. The
 * generators, the canary judge, hover and completion all read it, so the brake the card states is
 * the query the engine runs.
 */
import { unitOfName, type NameUnit } from '../card/units';
import { list, obj } from '../card/read';
import { joinMatchers, type CardValues, type SeriesConfig } from './series';

/** How a metric is computed. */
export type MetricKind = 'latency' | 'ratio' | 'gauge';

/** A metric of the catalogue, resolved against a card's series: builds its query for a track. */
export interface MetricQuery {
  metric: string;
  kind: MetricKind;
  /** The unit of the query's result: the unit the metric's name implies. */
  unit: NameUnit;
  /** One sentence: what the query measures and how units are converted. */
  description: string;
  /** The series the query reads (for messages and the catalogue listing). */
  series: string[];
  /** The query over `window` (`5m`) for the series selected by `track` (matchers, '' for both tracks). */
  build(track: string, window: string): string;
}

/** A resolved metric, or why the card gives no series for it. */
export type Resolution = { ok: true; query: MetricQuery } | { ok: false; reason: string };

/** Names offered by completion and accepted as built in (the request-based metrics and cost). */
export const BUILT_IN_METRICS = [
  'p50_latency_ms', 'p90_latency_ms', 'p95_latency_ms', 'p99_latency_ms', 'p95_latency_seconds', 'p99_latency_seconds',
  'error_rate', 'error_share', 'timeout_rate', 'timeout_share', 'cost_per_useful_result',
] as const;

const LATENCY = /^p(\d{1,4})_latency_(ms|seconds|s)$/;
const ERRORS = /^error_(rate|share|ratio|percent)$/;
const TIMEOUTS = /^timeout_(rate|share|ratio|percent)$/;
const COST = /^cost_per_useful_(result|outcome)$/;
/** Suffixes of series that are not gauges: a threshold on them compares a counter's running total. */
const NOT_GAUGE = /_(total|count|sum|bucket|created|info)$/;

/** The quantile a `pNN` prefix names: p50 → 0.5, p99 → 0.99, p999 → 0.999; undefined for p100 and beyond. */
export function quantileOf(digits: string): number | undefined {
  if (digits.length <= 2) return Number(digits) > 0 ? Number(digits) / 100 : undefined;
  return digits.startsWith('99') ? Number(`0.${digits}`) : undefined;
}

/** Metric names declared in the observability planes that can be read as gauges. */
export function declaredGauges(card: CardValues): string[] {
  const planes = obj(card.get(['gates', 'observability', 'planes'])) ?? {};
  const names = Object.values(planes).flatMap((p) => list(p)).filter((m): m is string => typeof m === 'string');
  return [...new Set(names)].filter((m) => !NOT_GAUGE.test(m));
}

/** Every metric name a condition of this card can use, for completion: built-ins, then declared gauges. */
export function catalogueNames(card: CardValues): string[] {
  const declared = [...Object.keys(obj(card.get(['rollout', 'series', 'gauges'])) ?? {}), ...declaredGauges(card)];
  return [...new Set<string>([...BUILT_IN_METRICS, ...declared])];
}

/**
 * Resolves a condition's metric against the card's series. `op` picks how a gauge is aggregated
 * over pods: the worst pod decides (max when higher is worse, min when lower is worse).
 */
export function resolveMetric(card: CardValues, series: SeriesConfig, metric: string, op = '>'): Resolution {
  const declared = series.gauges.get(metric);
  if (declared !== undefined) return gauge(metric, declared, series, op, 'rollout.series.gauges');
  const lat = LATENCY.exec(metric);
  if (lat) return latency(metric, lat[1] as string, series);
  if (ERRORS.test(metric)) return ratio(metric, series, series.errors, 'failed');
  if (TIMEOUTS.test(metric)) return ratio(metric, series, series.timeouts, 'timed-out');
  if (COST.test(metric)) return gauge(metric, metric, series, op, 'the convention for cost per useful result (a gauge or recording rule of that name)');
  if (declaredGauges(card).includes(metric)) return gauge(metric, metric, series, op, 'gates.observability.planes');
  if (NOT_GAUGE.test(metric)) return { ok: false, reason: `"${metric}" is a counter or histogram series by its name, so a threshold on it would compare a running total that only grows. Declare a gauge or recording rule (its rate or ratio) under rollout.series.gauges (${metric}: <gauge name>) and name the condition after what it measures.` };
  const why = /latency/i.test(metric)
    ? `latency conditions are read from the histogram only as pNN_latency_ms or pNN_latency_seconds (p50, p95, p99, p999)`
    : `it is not a request metric of the catalogue (latency percentiles, error and timeout shares, cost per useful result)`;
  return { ok: false, reason: `"${metric}" has no series: ${why}, and no gauge is declared for it. Declare the series under rollout.series.gauges (${metric}: <gauge name>) or list the metric in a gates.observability.planes entry.` };
}

/** The unit of a histogram from its base name, by the Prometheus naming convention. */
function histogramUnit(name: string): 's' | 'ms' | undefined {
  if (/_seconds$/.test(name)) return 's';
  if (/_(milliseconds|ms)$/.test(name)) return 'ms';
  return undefined;
}

/** Seconds → milliseconds is `* 1000`; milliseconds → seconds is `/ 1000`; same unit is nothing. */
function scaleText(from: NameUnit, to: NameUnit): string | undefined {
  if (from === to) return '';
  if (from === 's' && to === 'ms') return ' * 1000';
  if (from === 'ms' && to === 's') return ' / 1000';
  if (from === 'ratio' && to === 'percent') return ' * 100';
  if (from === 'percent' && to === 'ratio') return ' / 100';
  return undefined;
}

function latency(metric: string, digits: string, series: SeriesConfig): Resolution {
  const q = quantileOf(digits);
  const to = unitOfName(metric);
  const from = histogramUnit(series.histogram);
  if (q === undefined) return { ok: false, reason: `"${metric}": p${digits} is not a percentile (p1 to p99, or p999, p9999).` };
  if (from === undefined) return { ok: false, reason: `the latency histogram ${series.histogram} does not say its unit in its name (_seconds or _milliseconds), so ${metric} cannot be converted into ${to === 'ms' ? 'milliseconds' : 'seconds'}. Name the histogram with its unit in rollout.series.latency_histogram.` };
  const scale = scaleText(from, to) ?? '';
  return {
    ok: true,
    query: {
      metric, kind: 'latency', unit: to, series: [`${series.histogram}_bucket`],
      description: `the ${ordinal(q)} percentile of ${series.histogram} (histogram_quantile over the window's rate)${scale ? `, converted from ${from === 's' ? 'seconds to milliseconds' : 'milliseconds to seconds'}` : ''}`,
      build: (track, window) => `histogram_quantile(${q}, sum by (le) (rate(${series.histogram}_bucket{${joinMatchers(series.selector, track)}}[${window}])))${scale}`,
    },
  };
}

function ratio(metric: string, series: SeriesConfig, subset: string, what: string): Resolution {
  const unit = unitOfName(metric);
  const scale = unit === 'percent' ? ' * 100' : '';
  return {
    ok: true,
    query: {
      metric, kind: 'ratio', unit, series: [series.requests],
      description: `the share of ${what} requests (${subset}) among all requests of ${series.requests} over the window, ${unit === 'percent' ? 'in percent' : 'from 0 to 1 (a condition written in % is divided by 100)'}`,
      build: (track, window) => `(sum(rate(${series.requests}{${joinMatchers(series.selector, track, subset)}}[${window}])) / sum(rate(${series.requests}{${joinMatchers(series.selector, track)}}[${window}])))${scale}`,
    },
  };
}

function gauge(metric: string, name: string, series: SeriesConfig, op: string, source: string): Resolution {
  const to = unitOfName(metric);
  const from = unitOfName(name);
  const scale = from === 'none' ? '' : scaleText(from, to);
  if (scale === undefined) return { ok: false, reason: `the gauge ${name} is in ${from} by its name but ${metric} is in ${to}, and one cannot be converted into the other. Declare a gauge in the condition's unit.` };
  // The worst pod decides: a brake must not be averaged away by healthy replicas.
  const agg = op === '<' || op === '<=' ? 'min' : op === '>' || op === '>=' ? 'max' : 'avg';
  return {
    ok: true,
    query: {
      metric, kind: 'gauge', unit: to, series: [name],
      description: `the gauge ${name} (from ${source}) averaged over the window per pod, ${agg === 'max' ? 'the highest pod' : agg === 'min' ? 'the lowest pod' : 'averaged over pods'}${scale ? ` (${scale.trim()} to convert ${from} into ${to})` : ''}`,
      build: (track, window) => `${agg}(avg_over_time(${name}{${joinMatchers(series.selector, track)}}[${window}]))${scale}`,
    },
  };
}

/** 0.99 → "99th", 0.5 → "50th", 0.999 → "99.9th". */
function ordinal(q: number): string {
  return `${Number((q * 100).toPrecision(6))}th`;
}

/** The request count of a track over a window: the traffic a canary step has seen. */
export function requestCountQuery(series: SeriesConfig, track: string, window: string): string {
  return `sum(increase(${series.requests}{${joinMatchers(series.selector, track)}}[${window}]))`;
}
