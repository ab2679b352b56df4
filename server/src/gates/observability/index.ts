/**
 * The observability gate: one trace id across the serving path (gateway, feature lookup, inference,
 * post-processing) in a trace export; the four planes (infrastructure, model, product, economics)
 * covered by metrics that are actually exported; multiwindow burn-rate alerts matching the SLO; and
 * an owner and a runbook for every alert. If the root cause of an incident cannot be localised
 * quickly, observability is effectively absent, so each of these blocks the release.
 */
import type { CardPath } from '../../card/model';
import type { PromRuleFile, TraceExport } from '../../evidence';
import { type ProfileProblem, profileFromCard } from '../../slo';
import { alertChecks } from './alerts';
import { rulePairs, windowCheck } from './burn-rate';
import { describeProblems, isPromRuleFile, isTraceExport, loadedValue } from '../engine/loaded-evidence';
import type { CheckResult, EvidenceRequest, GateContext, GateDefinition } from '../engine/types';

const TRACES = 'observability.traces';
const METRICS = 'observability.metrics';
const RULES = 'observability.rules';

/** Span names that must share one trace id unless the card lists its own. */
export const DEFAULT_REQUIRED_SPANS = ['gateway', 'feature_lookup', 'inference', 'postprocessing'] as const;

/** The four planes and what each should show. */
export const PLANES: readonly { plane: string; what: string }[] = [
  { plane: 'infrastructure', what: 'CPU/GPU, memory, saturation, network errors' },
  { plane: 'model', what: 'prediction distributions, drift, quality proxies' },
  { plane: 'product', what: 'successful scenario share, escalations, cancellations' },
  { plane: 'economics', what: 'cost by model, service and traffic segment' },
];

/** Share of traces (that touch the serving path) in which one trace id spans every required span. */
function traceCheck(ctx: GateContext): CheckResult {
  const d = ctx.definition;
  const required = Array.isArray(d.required_spans) && d.required_spans.length > 0 ? d.required_spans.map(String) : [...DEFAULT_REQUIRED_SPANS];
  const min = typeof d.min_complete_trace_share === 'number' ? d.min_complete_trace_share : 1;
  const base = { id: 'traces.complete_share', threshold: min, unit: 'share', comparison: 'at_least' as const, at: [...ctx.base, 'min_complete_trace_share'] as CardPath };
  if (typeof d.traces !== 'string') return { ...base, status: 'error', at: [...ctx.base, 'traces'], message: 'No trace export is given, so nothing shows one trace id follows a request from the gateway to post-processing. Export traces of a test run (OTLP or Jaeger JSON) and name the file under traces.' };
  const t = loadedValue(ctx, TRACES, isTraceExport, 'a trace export');
  if (!t.ok) return { ...base, status: 'error', at: [...ctx.base, 'traces'], message: `${describeProblems(t)} Without traces end-to-end tracing cannot be shown; fix the export.` };
  return completeShare(t.value, required, min, base);
}

/** Computes the complete-trace share of a loaded export. */
function completeShare(exp: TraceExport, required: readonly string[], min: number, base: Omit<CheckResult, 'status' | 'message'>): CheckResult {
  // Traces touching none of the required spans (health checks, batch jobs) are not requests of this path.
  const relevant = exp.traces.filter((t) => t.names.some((n) => required.includes(n)));
  const incomplete = relevant.map((t) => ({ t, missing: required.filter((r) => !t.names.includes(r)) })).filter((x) => x.missing.length > 0);
  const n = relevant.length;
  if (n === 0) return { ...base, status: 'error', sampleSize: 0, message: `${exp.file} holds ${exp.traces.length} trace(s) but none contains a span named ${required.join(', ')}, so the serving path is not traced at all. Export traces of requests through the service.` };
  const share = (n - incomplete.length) / n;
  const pass = share >= min - 1e-12;
  const examples = incomplete.slice(0, 3).map((x) => `${x.t.traceId.slice(0, 16)} lacks ${x.missing.join(', ')}${x.t.spans[0]?.line ? ` (line ${x.t.spans[0].line})` : ''}`);
  const listed = examples.length > 0 ? ` Incomplete: ${examples.join('; ')}${incomplete.length > 3 ? `; ${incomplete.length - 3} more` : ''}.` : '';
  return { ...base, status: pass ? 'pass' : 'fail', observed: share, sampleSize: n, details: { traces: n, incomplete: incomplete.length, ignored_traces: exp.traces.length - n },
    message: pass
      ? `${n - incomplete.length} of ${n} traces carry one trace id through ${required.join(' → ')} (share ${share.toFixed(4)}, at least ${min}).${listed}`
      : `Only ${n - incomplete.length} of ${n} traces carry one trace id through ${required.join(' → ')} (share ${share.toFixed(4)}, below ${min}): in an incident the request cannot be followed across the path.${listed} Propagate the trace context (W3C traceparent) through every hop.` };
}

/** Metric names in an inventory: a JSON array, or one name per line (exposition lines and # comments allowed). */
export function inventoryNames(text: string): Set<string> {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(t);
      if (Array.isArray(v)) return new Set(v.filter((x): x is string => typeof x === 'string'));
    } catch {
      // Not JSON after all: read it as lines below.
    }
  }
  const names = t.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)?.[0] ?? '');
  return new Set(names.filter((n) => n !== ''));
}

/** One check per plane: declared, non-empty, and (with an inventory) every listed metric exported. */
function planeChecks(ctx: GateContext): CheckResult[] {
  const planes = (ctx.definition.planes ?? {}) as Record<string, unknown>;
  let exported: Set<string> | undefined;
  let inventoryProblem: string | undefined;
  if (typeof ctx.definition.metrics_inventory === 'string') {
    const inv = loadedValue(ctx, METRICS, (v): v is string => typeof v === 'string', 'text');
    if (inv.ok) exported = inventoryNames(inv.value);
    else inventoryProblem = describeProblems(inv);
  }
  return PLANES.map(({ plane, what }): CheckResult => {
    const at: CardPath = [...ctx.base, 'planes', plane];
    const id = `planes.${plane}`;
    const list = Array.isArray(planes[plane]) ? (planes[plane] as unknown[]).map(String) : [];
    if (list.length === 0) return { id, status: 'fail', observed: 0, threshold: 1, unit: 'metrics', comparison: 'at_least', at, message: `The ${plane} plane (${what}) has no metric, so problems there would go unseen after rollout. List its metrics under planes.${plane}.` };
    if (inventoryProblem) return { id, status: 'error', observed: list.length, unit: 'metrics', at: [...ctx.base, 'metrics_inventory'], message: `${inventoryProblem} The ${plane} metrics cannot be confirmed as exported; fix the inventory.` };
    const missing = exported ? list.filter((m) => !exported.has(m)) : [];
    const details = { metrics: list.join(', '), exported: exported ? list.length - missing.length : null };
    if (missing.length > 0) return { id, status: 'fail', observed: list.length - missing.length, threshold: list.length, unit: 'metrics', comparison: 'at_least', details, summary: `${missing.join(', ')} not exported`, at, message: `The ${plane} plane lists ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not in the metrics inventory: a dashboard or alert on ${missing.length > 1 ? 'them' : 'it'} would stay empty. Export the metric or fix its name.` };
    return { id, status: 'pass', observed: list.length, threshold: list.length, unit: 'metrics', comparison: 'at_least', details, at, message: `The ${plane} plane is covered by ${list.join(', ')}${exported ? ', all exported' : ' (not checked against an inventory: none given)'}.` };
  });
}

/** The error check of one profile problem: about the SLO, an unreadable entry, or an entry that can never fire. */
function profileProblemCheck(p: ProfileProblem, base: CardPath): CheckResult {
  if (p.index === undefined) {
    return { id: 'burn_rate.profile', status: 'error', at: ['slo'], message: `${p.message}. Fix the SLO before release; the alerts derive from it.` };
  }
  const at: CardPath = [...base, 'burn_rate_windows', p.index, ...(p.field ? [p.field] : [])];
  const w = p.window;
  const id = w ? `burn_rate.${w.severity}_${w.longWindow}_${w.shortWindow}` : `burn_rate.window_${p.index + 1}`;
  return { id, status: 'error', at, ...(w ? { threshold: w.factor, unit: '× burn rate' } : {}), message: `${p.message}. An alert that cannot fire leaves the SLO unwatched, so this blocks the release.` };
}

/** Burn-rate checks and alert ownership checks from the rules file and the card. */
function alertingChecks(ctx: GateContext): CheckResult[] {
  const file = ctx.definition.alert_rules;
  let rules: PromRuleFile | undefined;
  // The one profile the alerts command writes and the rule checks; its problems are the card's, so
  // they are reported whether or not the rules file could be read.
  const profile = profileFromCard(ctx.card.get(['slo']), ctx.definition.burn_rate_windows);
  const out: CheckResult[] = profile.problems.map((p) => profileProblemCheck(p, ctx.base));
  if (typeof file !== 'string') {
    out.push({ id: 'burn_rate.rules', status: 'error', at: [...ctx.base, 'alert_rules'], message: 'No Prometheus rules file is given, so nothing shows the SLO is alerted on. Name the deployed rules file under alert_rules.' });
  } else {
    const r = loadedValue(ctx, RULES, isPromRuleFile, 'Prometheus rules');
    if (r.ok) rules = r.value;
    else out.push({ id: 'burn_rate.rules', status: 'error', at: [...ctx.base, 'alert_rules'], message: `${describeProblems(r)} The burn-rate alerts cannot be checked; fix the rules file.` });
  }
  if (rules) {
    const pairs = rules.rules.flatMap(rulePairs);
    const objective = profile.slo ? profile.slo.objectivePercent / 100 : undefined;
    const at = (w: { index?: number }): CardPath => (w.index !== undefined ? [...ctx.base, 'burn_rate_windows', w.index] : ['slo', 'objective_percent']);
    for (const w of profile.windows) out.push(windowCheck(rules, pairs, w, at(w), objective));
  }
  return [...out, ...alertChecks(ctx.definition.alerts, rules, ctx.base)];
}

/** The observability gate definition. */
export const observabilityGate: GateDefinition = {
  id: 'observability',
  title: 'Observability gate',
  summary: 'Blocks blind operations: untraced request paths, uncovered planes, SLO burn-rate alerts missing or wrong, alerts without owner or runbook.',
  evidence(definition, base): EvidenceRequest[] {
    const out: EvidenceRequest[] = [];
    if (typeof definition.traces === 'string') out.push({ key: TRACES, path: definition.traces, at: [...base, 'traces'], kind: 'traces' });
    if (typeof definition.metrics_inventory === 'string') out.push({ key: METRICS, path: definition.metrics_inventory, at: [...base, 'metrics_inventory'], kind: 'text' });
    if (typeof definition.alert_rules === 'string') out.push({ key: RULES, path: definition.alert_rules, at: [...base, 'alert_rules'], kind: 'prom-rules' });
    return out;
  },
  compute(ctx): CheckResult[] {
    return [traceCheck(ctx), ...planeChecks(ctx), ...alertingChecks(ctx)];
  },
};
