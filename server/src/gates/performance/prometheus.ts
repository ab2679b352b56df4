/**
 * Prometheus as evidence for the performance gate. This file is pure: `prometheusPlan` turns the
 * card's `gates.performance.prometheus` into PromQL over the card's fixed range, the evidence step
 * (`evidence/prometheus.ts`) runs the queries against the user-configured server, and
 * `prometheusChecks` compares what came back with the thresholds. Every check records its query and
 * range in `details`, so the run record says exactly what was measured.
 */
import type { CardPath } from '../../card/model';
import { hasRangeSelector, withWindow } from '../../alerts/sli';
import { formatDuration } from '../../slo';
import { atLeast, atMost, definitionError, minSamples, num, obj, str } from '../engine/checks';
import type { PrometheusEvidence, PrometheusRequest } from '../../evidence';
import type { CheckResult, GateContext } from '../engine/types';

/** Key of the Prometheus results in the gate's evidence map. */
export const PROM_KEY = 'performance.prometheus';

/** One PromQL query of the plan, for one threshold. */
export interface PlannedQuery {
  id: string;
  at: CardPath;
  threshold: number;
  query: string;
  /** Multiplies the result (1000 for a histogram in seconds, checked in milliseconds). */
  scale: number;
}

/** The queries and the fixed range they are evaluated over (at `end`, with a window of the whole range). */
export interface PrometheusPlan {
  start: Date;
  end: Date;
  window: string;
  queries: PlannedQuery[];
  /** Thresholds Prometheus cannot measure, with why. */
  unmeasurable: { id: string; at: CardPath; why: string }[];
}

/** `http_seconds{a="b"}` → name `http_seconds`, selector `{a="b"}` (a trailing `_bucket` dropped). */
function splitMetric(metric: string): { name: string; selector: string } {
  const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{.*\})?\s*$/s.exec(metric);
  const name = (m?.[1] ?? metric.trim()).replace(/_(bucket|count|sum)$/, '');
  return { name, selector: m?.[2] ?? '' };
}

/** Milliseconds per unit of a histogram, from its name's unit suffix (Prometheus naming convention). */
function latencyScale(name: string): number | undefined {
  if (/_seconds$/.test(name)) return 1000;
  if (/_(milliseconds|ms)$/.test(name)) return 1;
  return undefined;
}

/** Reads the range; undefined plus a reason when it is missing or not start < end. */
function readRange(p: Record<string, unknown>): { start: Date; end: Date } | string {
  const r = obj(p, 'range');
  const start = new Date(str(r, 'start') ?? 'x');
  const end = new Date(str(r, 'end') ?? 'x');
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return 'prometheus.range needs start and end as ISO 8601 date-times (the load test\'s fixed window)';
  if (!(end.getTime() - start.getTime() >= 1000)) return `prometheus.range ends (${str(r, 'end')}) before it starts (${str(r, 'start')})`;
  return { start, end };
}

/** Plans the Prometheus queries of a performance definition, or says what is wrong with it. */
export function prometheusPlan(def: Record<string, unknown>, base: CardPath): PrometheusPlan | CheckResult {
  const p = obj(def, 'prometheus') ?? {};
  const at: CardPath = [...base, 'prometheus'];
  const range = readRange(p);
  if (typeof range === 'string') return definitionError('prometheus.range', [...at, 'range'], `${range}. Without a fixed range the measurement cannot be reproduced, so the gate cannot decide.`);
  const window = formatDuration(Math.round((range.end.getTime() - range.start.getTime()) / 1000));
  const plan: PrometheusPlan = { ...range, window, queries: [], unmeasurable: [] };
  const { name, selector } = splitMetric(str(p, 'histogram_metric') ?? '');
  const scale = latencyScale(name);
  for (const q of [95, 99]) {
    const threshold = num(def, `p${q}_latency_ms`);
    if (threshold === undefined) continue;
    const id = `prometheus.p${q}_latency_ms`;
    if (scale === undefined) plan.unmeasurable.push({ id, at: [...at, 'histogram_metric'], why: `the histogram '${name}' has no unit suffix (_seconds or _milliseconds), so its latency cannot be converted to ms` });
    else plan.queries.push({ id, at: [...base, `p${q}_latency_ms`], threshold, scale, query: `histogram_quantile(${q / 100}, sum by (le) (rate(${name}_bucket${selector}[${window}])))` });
  }
  const count = `sum(increase(${name}_count${selector}[${window}]))`;
  const minN = num(def, 'min_samples');
  if (minN !== undefined) plan.queries.push({ id: 'prometheus.min_samples', at: [...base, 'min_samples'], threshold: minN, scale: 1, query: count });
  const load = num(def, 'target_load_rps');
  if (load !== undefined) plan.queries.push({ id: 'prometheus.target_load_rps', at: [...base, 'target_load_rps'], threshold: load, scale: 1, query: `${count} / ${(range.end.getTime() - range.start.getTime()) / 1000}` });
  ratioQuery(plan, p, def, base, 'error');
  ratioQuery(plan, p, def, base, 'timeout');
  return plan;
}

/** Adds the error or timeout ratio query when both the threshold and the query are given. */
function ratioQuery(plan: PrometheusPlan, p: Record<string, unknown>, def: Record<string, unknown>, base: CardPath, kind: 'error' | 'timeout'): void {
  const threshold = num(def, `max_${kind}_share`);
  const query = str(p, `${kind}_ratio_query`);
  const id = `prometheus.${kind}_share`;
  if (threshold === undefined || query === undefined) return;
  if (!hasRangeSelector(query)) {
    plan.unmeasurable.push({ id, at: [...base, 'prometheus', `${kind}_ratio_query`], why: `${kind}_ratio_query has no range selector such as [5m], so it cannot be evaluated over the fixed range` });
    return;
  }
  plan.queries.push({ id, at: [...base, `max_${kind}_share`], threshold, scale: 1, query: withWindow(query, plan.window) });
}

/** The check of one query's outcome. */
function queryCheck(q: PlannedQuery, plan: PrometheusPlan, ev: PrometheusEvidence): CheckResult {
  const details = { query: q.query, range_start: plan.start.toISOString(), range_end: plan.end.toISOString(), evaluated_at: plan.end.toISOString(), prometheus_url: ev.url };
  const r = ev.results[q.id];
  if (!r || !r.ok) {
    return { id: q.id, status: 'error', at: q.at, details, message: `Prometheus evidence for ${q.id.slice(11)} could not be read: ${r ? r.message : 'the query was not run'}. Query: ${q.query} over ${details.range_start} … ${details.range_end}. The gate cannot decide without it, which blocks the release; check the server, the metric and the range.` };
  }
  const v = r.value * q.scale;
  if (v < 0) {
    // A latency, count, rate or share cannot be negative; a wrong query (a difference, a bucket
    // bound below 0) would otherwise pass every upper limit.
    return { id: q.id, status: 'error', at: q.at, observed: v, details, message: `Prometheus returned ${v} for ${q.id.slice(11)}, and it cannot be negative. Query: ${q.query} over ${details.range_start} … ${details.range_end}. The gate cannot decide on it, which blocks the release; fix the query or the metric.` };
  }
  const extras = { details, unit: q.id.includes('latency') ? 'ms' : q.id.endsWith('rps') ? 'rps' : 'share' };
  const what = `Prometheus ${q.id.slice(11).replace('_latency_ms', ' latency').replace('_share', ' share')} over ${plan.window} ending ${details.range_end}`;
  if (q.id === 'prometheus.min_samples') return { ...minSamples(q.id, q.at, Math.round(v), q.threshold, 'Requests counted by the histogram'), details };
  if (q.id === 'prometheus.target_load_rps') {
    const c = atLeast(q.id, q.at, v, q.threshold, extras, what, 'The range did not see target traffic, so it says nothing about behaviour at that load; choose the load test\'s range.');
    return c.status === 'pass' ? c : { ...c, status: 'error' };
  }
  return atMost(q.id, q.at, v, q.threshold, extras, what, q.id.includes('latency')
    ? 'Under target traffic the service would breach its latency objective, so the release is blocked; find the slow path before loosening the SLO.'
    : `${q.id.includes('timeout') ? 'Timed-out' : 'Failed'} requests at this share break the SLO; fix them before the release takes traffic.`);
}

/** The queries the evidence step should run for a definition's `prometheus` block, if it has a valid one. */
export function prometheusRequest(def: Record<string, unknown>, base: CardPath): PrometheusRequest | undefined {
  if (obj(def, 'prometheus') === undefined) return undefined;
  const plan = prometheusPlan(def, base);
  if ('status' in plan) return undefined;
  return { key: PROM_KEY, at: [...base, 'prometheus'], end: plan.end, queries: plan.queries.map((q) => ({ id: q.id, query: q.query })) };
}

/** Every check the card's `prometheus` block asks for, from the evidence step's results. */
export function prometheusChecks(ctx: GateContext): CheckResult[] {
  const plan = prometheusPlan(ctx.definition, ctx.base);
  if ('status' in plan) return [plan];
  const out: CheckResult[] = plan.unmeasurable.map((u) => definitionError(u.id, u.at, `${u.why}; the gate cannot decide. Fix the card's prometheus block.`));
  if (plan.queries.length === 0 && out.length === 0) {
    return [definitionError('prometheus', [...ctx.base, 'prometheus'], 'The prometheus block sets up no measurement: give p95_latency_ms or p99_latency_ms with histogram_metric, or max_error_share with error_ratio_query.')];
  }
  const loaded = ctx.evidence.get(PROM_KEY);
  const ev = loaded?.ok ? (loaded.value as PrometheusEvidence | undefined) : undefined;
  if (!ev || typeof ev.url !== 'string') {
    return [...out, ...plan.queries.map((q) => definitionError(q.id, q.at, `No Prometheus server is configured, so ${q.id.slice(11)} cannot be measured and the gate cannot decide. Pass --prometheus-url or set RELEASE_GATES_PROMETHEUS_URL (the card never names the server, so a card under review cannot point the tool at other hosts).`))];
  }
  return [...out, ...plan.queries.map((q) => queryCheck(q, plan, ev))];
}

/** Thresholds that need per-request samples, as errors when Prometheus is the only evidence. */
export function samplesOnlyErrors(def: Record<string, unknown>, base: CardPath): CheckResult[] {
  const cold = obj(def, 'cold_start');
  const need = [
    ...(num(def, 'min_throughput_rps') !== undefined ? [['throughput_rps', ['min_throughput_rps']]] : []),
    ...(num(cold, 'p95_latency_ms') !== undefined ? [['cold_start.p95_latency_ms', ['cold_start', 'p95_latency_ms']]] : []),
    ...(num(cold, 'p99_latency_ms') !== undefined ? [['cold_start.p99_latency_ms', ['cold_start', 'p99_latency_ms']]] : []),
  ] as [string, string[]][];
  return need.map(([id, path]) => definitionError(id, [...base, ...path], `${id} is set, but Prometheus evidence alone cannot measure it (the histogram mixes cold and warm requests and does not count successes); it stays unchecked, which blocks the release. Add per-request samples of the load test under evidence.`));
}
