/**
 * The performance gate: p95/p99 latency of the warm path and of cold starts apart, throughput at
 * the target load, and timeout and error shares, from per-request samples of a load test. The SLO
 * is what the card fixed before the run; this gate only measures against it.
 */
import type { CardPath } from '../../card/model';
import { percentile } from '../../stats';
import { atLeast, atMost, definitionError, evidenceError, fmt, minSamples, num, obj, pct, str } from '../engine/checks';
import { loadedTable } from '../engine/loaded-evidence';
import { prometheusChecks, prometheusRequest, samplesOnlyErrors } from './prometheus';
import { guardError, type RequestGuards, requestGuards } from './plausibility';
import { blankMeans, countFlags, latencies, perfColumns, perfSamples, type PerfSamples, spanSeconds } from './samples';
import { withLatencyCharts } from './charts';
import type { CheckResult, EvidenceRequest, GateContext, GateDefinition } from '../engine/types';

/** Shortest span of request starts a rate is computed over; below it the test shows no sustained load. */
const MIN_SPAN_SECONDS = 1;

/** A threshold the definition sets: its check id, card path and value. */
interface Planned {
  id: string;
  at: CardPath;
  value: number;
}

/** Every threshold the definition sets, in report order. */
function plannedChecks(def: Record<string, unknown>, base: CardPath): Planned[] {
  const out: Planned[] = [];
  const add = (id: string, path: string[], value: number | undefined): void => {
    if (value !== undefined) out.push({ id, at: [...base, ...path], value });
  };
  add('min_samples', ['min_samples'], num(def, 'min_samples'));
  add('p95_latency_ms', ['p95_latency_ms'], num(def, 'p95_latency_ms'));
  add('p99_latency_ms', ['p99_latency_ms'], num(def, 'p99_latency_ms'));
  const cold = obj(def, 'cold_start');
  add('cold_start.p95_latency_ms', ['cold_start', 'p95_latency_ms'], num(cold, 'p95_latency_ms'));
  add('cold_start.p99_latency_ms', ['cold_start', 'p99_latency_ms'], num(cold, 'p99_latency_ms'));
  add('target_load_rps', ['target_load_rps'], num(def, 'target_load_rps'));
  add('throughput_rps', ['min_throughput_rps'], num(def, 'min_throughput_rps'));
  add('timeout_share', ['max_timeout_share'], num(def, 'max_timeout_share'));
  add('error_share', ['max_error_share'], num(def, 'max_error_share'));
  return out;
}

/** The per-request samples file, with declared types for the columns the thresholds need. */
function evidence(def: Record<string, unknown>, base: CardPath): EvidenceRequest[] {
  const file = str(def, 'evidence');
  if (file === undefined) return [];
  const names = perfColumns(def);
  const ids = new Set(plannedChecks(def, base).map((p) => p.id));
  const types: Record<string, 'numeric' | 'timestamp'> = {};
  if ([...ids].some((id) => id.includes('latency'))) types[names.latency_ms] = 'numeric';
  if (ids.has('throughput_rps') || ids.has('target_load_rps')) types[names.timestamp] = 'timestamp';
  return [{ key: 'requests', path: file, at: [...base, 'evidence'], kind: 'table', table: { types } }];
}

/** One latency percentile check on the warm or cold path. */
function latencyCheck(p: Planned, s: PerfSamples, g: RequestGuards): CheckResult {
  const cold = p.id.startsWith('cold_start.') ? 1 : 0;
  const q = p.id.includes('p95') ? 95 : 99;
  const path = cold ? 'cold-start' : 'warm';
  if (!s.latency) return definitionError(p.id, p.at, `The samples have no latency column, so p${q} cannot be measured and the gate cannot decide. Add per-request latency in milliseconds (or map it under columns.latency_ms).`);
  if (cold && !s.hasColdColumn) return definitionError(p.id, p.at, 'A cold-start threshold is set but the samples have no cold_start column, so the cold path was not measured separately. Mark cold-start requests in the evidence.');
  const { values, audit } = latencies(s, cold);
  const bad = guardError(p.id, p.at, s, g, [audit]);
  if (bad) return bad;
  if (values.length === 0) return definitionError(p.id, p.at, `The samples hold no ${path} request with a latency, so its p${q} cannot be measured. Include ${path} requests in the load test.`, null);
  const observed = percentile(values, q);
  return atMost(p.id, p.at, observed, p.value, { unit: 'ms', sampleSize: values.length },
    `The ${path} p${q} latency over ${values.length} requests`, `Under target traffic the service would breach its latency objective, so the release is blocked; find the slow path before loosening the SLO.`);
}

/** Throughput (successful requests per second) or offered load over the samples' time span. */
function rateCheck(p: Planned, s: PerfSamples, g: RequestGuards): CheckResult {
  if (!s.timestamps) return definitionError(p.id, p.at, 'The samples have no timestamp column, so the request rate cannot be measured. Add each request\'s start time (ISO 8601) or map it under columns.timestamp.');
  const bad = guardError(p.id, p.at, s, g);
  if (bad) return bad;
  const span = spanSeconds(s.timestamps);
  if (!(span > 0)) return definitionError(p.id, p.at, 'The samples span less than two distinct timestamps, so no rate can be computed. Record a load test over a real time window.');
  if (span < MIN_SPAN_SECONDS) {
    return definitionError(p.id, p.at, `The ${s.rows.toLocaleString('en-US')} request starts span only ${fmt(span)} s, and a rate needs a load test of at least ${MIN_SPAN_SECONDS} s: over a shorter window ${s.rows.toLocaleString('en-US')} requests would claim ${fmt(s.rows / span)} rps, which says nothing about sustained traffic. Record the load test over its real duration.`, span);
  }
  if (p.id === 'target_load_rps') {
    const offered = s.rows / span;
    const ok = offered >= p.value;
    return {
      id: p.id, status: ok ? 'pass' : 'error', observed: offered, threshold: p.value, unit: 'rps', sampleSize: s.rows, at: p.at, details: { span_seconds: span }, comparison: 'at_least',
      message: ok ? `The load test offered ${fmt(offered)} rps over ${fmt(span)} s, at least the ${fmt(p.value)} rps target.`
        : `The load test offered only ${fmt(offered)} rps over ${fmt(span)} s, below the ${fmt(p.value)} rps target load, so it says nothing about behaviour at target traffic and the gate cannot decide. Re-run the test at the target load.`,
    };
  }
  let failed = 0;
  for (let i = 0; i < s.rows; i++) if (s.failed?.[i] || s.timedOut?.[i]) failed++;
  const rps = (s.rows - failed) / span;
  return atLeast(p.id, p.at, rps, p.value, { unit: 'rps', sampleSize: s.rows, details: { span_seconds: span, successful: s.rows - failed } },
    `Successful throughput over ${fmt(span)} s`, 'The service cannot carry peak traffic at this rate; scale the serving profile or find the bottleneck.');
}

/** Timeout or error share over all requests. */
function shareCheck(p: Planned, s: PerfSamples, g: RequestGuards): CheckResult {
  const timeout = p.id === 'timeout_share';
  const flags = timeout ? s.timedOut : s.failed;
  if (!flags) {
    const need = timeout ? 'a timed_out column' : 'a status column (HTTP codes) or an error column';
    return definitionError(p.id, p.at, `The samples have no ${timeout ? 'timeout' : 'error'} information, so the share cannot be measured and the gate cannot decide. Add ${need}, or map it under columns.`);
  }
  const bad = guardError(p.id, p.at, s, g);
  if (bad) return bad;
  const n = countFlags(flags);
  const share = n / s.rows;
  const c = atMost(p.id, p.at, share, p.value, { unit: 'share', sampleSize: s.rows, details: { count: n } },
    `The ${timeout ? 'timeout' : 'error'} share (${n} of ${s.rows} requests, ${pct(share)})`,
    timeout ? 'Requests that time out are lost answers for users; fix the slow dependency or the timeout budget.' : 'Failed requests under target load break the SLO; fix the errors before the release takes traffic.');
  return c;
}

/** One planned check on loaded samples. */
function runCheck(p: Planned, s: PerfSamples, g: RequestGuards): CheckResult {
  if (p.id === 'min_samples') return guardError(p.id, p.at, s, g) ?? minSamples(p.id, p.at, s.rows, p.value, 'Load-test requests');
  if (p.id.includes('latency')) return latencyCheck(p, s, g);
  if (p.id.endsWith('_rps')) return rateCheck(p, s, g);
  return shareCheck(p, s, g);
}

/** Computes every check of the performance gate. */
function compute(ctx: GateContext): CheckResult[] {
  const { definition: def, base } = ctx;
  const out: CheckResult[] = [];
  if (obj(def, 'prometheus')) {
    out.push(...prometheusChecks(ctx));
    if (str(def, 'evidence') === undefined) out.push(...samplesOnlyErrors(def, base));
  }
  const planned = plannedChecks(def, base);
  if (str(def, 'evidence') === undefined) {
    if (out.length === 0) out.push(definitionError('evidence', base, 'The performance gate names no evidence, so nothing can be measured and the release is blocked. Point `evidence` at per-request samples of a load test at target traffic.'));
    return out;
  }
  const loaded = loadedTable(ctx, 'requests');
  if (!loaded.ok) return [...out, ...planned.map((p) => evidenceError(p.id, p.at, loaded, 'the performance gate'))];
  const names = perfColumns(def);
  const samples = perfSamples(loaded.table, names, blankMeans(def));
  const guards = typeof samples === 'string' ? samples : requestGuards(loaded.table, def, names);
  if (typeof samples === 'string' || typeof guards === 'string') {
    const msg = `${loaded.table.file}: ${typeof samples === 'string' ? samples : guards}. The gate cannot read its samples, which blocks the release; fix the evidence or the column mapping.`;
    return [...out, ...planned.map((p) => definitionError(p.id, p.at, msg))];
  }
  return [...out, ...withLatencyCharts(planned.map((p) => runCheck(p, samples, guards)), samples)];
}

/** The performance gate definition. */
export const performanceGate: GateDefinition = {
  id: 'performance',
  title: 'Performance gate',
  summary: 'Blocks a release that would breach its latency, throughput, timeout or error objectives under target load.',
  evidence,
  prometheus: prometheusRequest,
  compute,
};
