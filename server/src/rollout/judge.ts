/**
 * Judges a running canary now: enough traffic on the canary for this step, every auto-rollback
 * condition on the canary's series (over the window and over the last interval), and canary
 * against stable per interval. The verdict is `rollback` on any breach, `hold` while anything is
 * undecided (too little traffic, no data, a significant degradation under the threshold), and
 * `continue` only when every condition was measured and none is breached.
 */
import { queryRange, queryScalar, type PrometheusConfig } from '../prometheus/client';
import { requestCountQuery } from './catalogue';
import { compareTracks, DEFAULT_ALPHA, type Comparison } from './compare';
import { durationText, valueText } from './format';
import { breaches, type PlannedCondition, type RolloutPlan } from './plan';

/** Requests a step must have served before its conditions can clear it, when the card says nothing. */
export const DEFAULT_MIN_REQUESTS = 1000;

/** The window judged when the card has no step hold time: the last 30 minutes. */
export const DEFAULT_WINDOW_SECONDS = 1800;

/** The window a canary step is judged over: its hold time, else 30 minutes. */
export function windowFor(plan: RolloutPlan): number {
  return plan.stepMinutes !== undefined && plan.stepMinutes > 0 ? Math.max(60, Math.round(plan.stepMinutes * 60)) : DEFAULT_WINDOW_SECONDS;
}

/** What the judge does. */
export type Verdict = 'continue' | 'hold' | 'rollback';

/** How to judge. */
export interface JudgeOptions {
  prometheus: PrometheusConfig;
  /** The end of the window (now, or a fixed time in tests). */
  time: Date;
  /** The 1-based step the canary is at, for its weight and minimum request count. */
  step?: number;
  windowSeconds: number;
  intervalSeconds: number;
  minRequests: number;
  alpha?: number;
  /** Compare canary with stable per interval (default true). */
  compare?: boolean;
  signal?: AbortSignal;
}

/** One measurement, or why there is none. */
export type Measured = { ok: true; value: number } | { ok: false; message: string };

/** The judgement of one condition. */
export interface ConditionJudgement {
  condition: PlannedCondition;
  window: Measured;
  latest: Measured;
  comparison: Comparison;
  verdict: Verdict;
  reason: string;
}

/** The judgement of the canary. */
export interface Judgement {
  verdict: Verdict;
  time: string;
  step?: number;
  weight?: number;
  window: string;
  interval: string;
  requests: Measured;
  minRequests: number;
  conditions: ConditionJudgement[];
  /** Why the verdict is what it is, most important first. */
  reasons: string[];
}

/** The minimum request count of a step: `rollout.min_requests_per_step` (a number or one per step). */
export function minRequestsFor(raw: unknown, step: number | undefined, fallback: number): number {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return raw;
  if (!Array.isArray(raw)) return fallback;
  const values = raw.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
  if (values.length === 0) return fallback;
  // Without a step, the strictest minimum: a canary is never let through on the lowest bar by accident.
  return step !== undefined && values[step - 1] !== undefined ? (values[step - 1] as number) : Math.max(...values);
}

/** Judges the canary of a plan (which must have no problems). */
export async function judgeCanary(plan: RolloutPlan, opts: JudgeOptions): Promise<Judgement> {
  const window = durationText(opts.windowSeconds);
  const interval = durationText(opts.intervalSeconds);
  const requests = await measure(opts, requestCountQuery(plan.series, plan.series.canary, window));
  const conditions: ConditionJudgement[] = [];
  for (const c of plan.conditions) conditions.push(await judgeCondition(plan, c, opts, window, interval));
  const traffic = trafficReason(requests, opts.minRequests, window);
  const reasons = [
    ...conditions.filter((c) => c.verdict === 'rollback').map((c) => c.reason),
    ...(traffic ? [traffic] : []),
    ...conditions.filter((c) => c.verdict === 'hold').map((c) => c.reason),
  ];
  const verdict: Verdict = conditions.some((c) => c.verdict === 'rollback') ? 'rollback' : reasons.length > 0 ? 'hold' : 'continue';
  const weight = opts.step !== undefined ? plan.steps[opts.step - 1] : undefined;
  return {
    verdict, time: opts.time.toISOString(), ...(opts.step !== undefined ? { step: opts.step } : {}), ...(weight !== undefined ? { weight } : {}),
    window, interval, requests, minRequests: opts.minRequests, conditions, reasons,
  };
}

/** Why traffic holds the canary, or undefined when it is enough. */
function trafficReason(requests: Measured, min: number, window: string): string | undefined {
  if (!requests.ok) return `the canary's request count over ${window} could not be read (${requests.message}), so there is no evidence of traffic yet`;
  if (requests.value < min) return `the canary served ${Math.round(requests.value).toLocaleString('en-US')} requests in ${window}, fewer than the ${min.toLocaleString('en-US')} this step needs before its conditions can clear it`;
  return undefined;
}

/** One instant query as a measurement. */
async function measure(opts: JudgeOptions, query: string): Promise<Measured> {
  const r = await queryScalar(opts.prometheus, query, opts.time, opts.signal);
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message };
}

/** Judges one condition: over the window, over the last interval, and against stable. */
async function judgeCondition(plan: RolloutPlan, c: PlannedCondition, opts: JudgeOptions, window: string, interval: string): Promise<ConditionJudgement> {
  const overWindow = await measure(opts, c.query.build(plan.series.canary, window));
  const latest = await measure(opts, c.query.build(plan.series.canary, interval));
  const comparison = await compareWithStable(plan, c, opts, interval);
  const raw = c.condition.raw;
  const breached = [overWindow, latest].find((m) => m.ok && breaches(c.op, m.value, c.threshold));
  if (breached?.ok) return { condition: c, window: overWindow, latest, comparison, verdict: 'rollback', reason: `${raw} holds on the canary: ${valueText(breached.value, c.query.unit)} ${breached === latest ? `over the last ${interval}` : `over ${window}`}` };
  const missing = [overWindow, latest].find((m) => !m.ok);
  if (missing && !missing.ok) return { condition: c, window: overWindow, latest, comparison, verdict: 'hold', reason: `${raw} could not be measured on the canary: ${missing.message}` };
  if (comparison.kind === 'undecided') return { condition: c, window: overWindow, latest, comparison, verdict: 'hold', reason: `${c.condition.metric ?? raw}: canary and stable cannot be compared yet: ${comparison.reason}` };
  if (comparison.kind === 'compared' && comparison.worse) {
    return { condition: c, window: overWindow, latest, comparison, verdict: 'hold', reason: `${c.condition.metric ?? raw} is significantly worse on the canary than on stable (median ${valueText(comparison.canaryMedian, c.query.unit)} vs ${valueText(comparison.stableMedian, c.query.unit)}, Mann-Whitney U = ${comparison.test.statistic}, p = ${comparison.test.pValue.toPrecision(2)} over ${comparison.canary.length} and ${comparison.stable.length} intervals of ${interval}) though under its threshold` };
  }
  return { condition: c, window: overWindow, latest, comparison, verdict: 'continue', reason: `${raw} does not hold on the canary` };
}

/** Per-interval values of both tracks over the window, compared. */
async function compareWithStable(plan: RolloutPlan, c: PlannedCondition, opts: JudgeOptions, interval: string): Promise<Comparison> {
  if (opts.compare === false) return { kind: 'skipped', reason: 'the comparison with stable was turned off (--no-compare)' };
  const end = opts.time;
  const start = new Date(end.getTime() - (opts.windowSeconds - opts.intervalSeconds) * 1000);
  const series = async (track: string): Promise<number[] | string> => {
    const r = await queryRange(opts.prometheus, c.query.build(track, interval), start, end, opts.intervalSeconds, opts.signal);
    if (!r.ok) return r.message;
    if (r.series.length > 1) return `the query returned ${r.series.length} series, not one`;
    return (r.series[0]?.points ?? []).map((p) => p[1]);
  };
  const canary = await series(plan.series.canary);
  const stable = await series(plan.series.stable);
  if (typeof canary === 'string' || typeof stable === 'string') return { kind: 'undecided', reason: `the per-interval values could not be read (${typeof canary === 'string' ? canary : stable})`, canary: 0, stable: 0 };
  return compareTracks(c.op, canary, stable, opts.alpha ?? DEFAULT_ALPHA);
}
