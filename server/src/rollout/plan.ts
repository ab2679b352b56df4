/**
 * The rollout a card describes, in engine-neutral terms: the traffic steps and their hold time,
 * the analysis interval, how many failed measurements are tolerated, and one resolved query and
 * threshold per auto-rollback condition. Generators and the judge start from here; anything the
 * card leaves undecidable is a located problem, and nothing is generated with a brake missing.
 */
import type { Card } from '../card/model';
import { parseDurationSeconds } from '../slo/duration';
import { resolveMetric, type MetricQuery } from './catalogue';
import { conditions, normalizedValue, type Condition } from './conditions';
import { list, num, str } from '../card/read';
import { kubeName, readSeries, serviceName, type SeriesConfig, type SeriesProblem, type Target } from './series';

/** A comparison a condition may use. */
export type Op = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** One auto-rollback condition, ready for an engine. */
export interface PlannedCondition {
  condition: Condition;
  /** The metric name as a Kubernetes-safe name (`p99-latency-ms`). */
  name: string;
  op: Op;
  /** The threshold in the unit of the metric's name (`0.8%` on a ratio is 0.008). */
  threshold: number;
  query: MetricQuery;
}

/** A problem that keeps the rollout from being generated or judged. */
export type PlanProblem = SeriesProblem;

/** The rollout of a card. */
export interface RolloutPlan {
  releaseId: string | undefined;
  service: string;
  /** Kubernetes name of the workload and of the generated objects. */
  name: string;
  steps: number[];
  /** Hold time of each step, when the card states one. */
  stepMinutes: number | undefined;
  /** Seconds between measurements, and as written for the engines (`5m`). */
  intervalSeconds: number;
  interval: string;
  failureLimit: number;
  conditions: PlannedCondition[];
  series: SeriesConfig;
  problems: PlanProblem[];
}

/** The default analysis interval: five minutes of requests per measurement. */
export const DEFAULT_INTERVAL_SECONDS = 300;

/** Plans the rollout of a card for an engine (or the judge). */
export function planRollout(card: Card, target: Target): RolloutPlan {
  const problems: PlanProblem[] = [];
  const { series, problems: seriesProblems } = readSeries(card, target);
  problems.push(...seriesProblems);
  const strategy = str(card.get(['rollout', 'strategy']));
  if (card.get(['rollout']) === undefined) problems.push({ at: ['rollout'], message: 'The card has no rollout section, so there is no canary to generate or judge. Add rollout: with strategy: canary, steps and auto_rollback_on.' });
  else if (strategy !== 'canary') problems.push({ at: ['rollout', 'strategy'], message: `rollout.strategy is ${JSON.stringify(strategy ?? null)}, not canary: only a canary has traffic steps and auto-rollback analysis to carry into Argo Rollouts or Flagger. Set strategy: canary.` });
  const steps = readSteps(card, problems);
  const stepMinutes = num(card.get(['rollout', 'step_duration_minutes']));
  const interval = readInterval(card, stepMinutes, problems);
  const failureLimit = readFailureLimit(card, problems);
  const planned = planConditions(card, series, problems);
  const service = serviceName(card);
  return { releaseId: str(card.get(['release_id'])), service, name: kubeName(service), steps, stepMinutes, intervalSeconds: interval.seconds, interval: interval.text, failureLimit, conditions: planned, series, problems };
}

/** Steps must be percentages rising strictly to 100 (the rules explain why; here nothing is guessed). */
function readSteps(card: Card, problems: PlanProblem[]): number[] {
  const raw = list(card.get(['rollout', 'steps']));
  const steps = raw.map((s) => num(s)).filter((s): s is number => s !== undefined);
  const rising = steps.every((s, i) => s > 0 && s <= 100 && Number.isInteger(s) && (i === 0 || s > (steps[i - 1] as number)));
  if (card.get(['rollout']) !== undefined && (steps.length === 0 || steps.length !== raw.length || !rising || steps[steps.length - 1] !== 100)) {
    problems.push({ at: ['rollout', 'steps'], message: `rollout.steps ${JSON.stringify(card.get(['rollout', 'steps']) ?? null)} must be whole percentages that rise to 100, such as [5, 25, 50, 100]; the engines' setWeight and stepWeights take exactly these.` });
  }
  return steps;
}

/** `rollout.analysis_interval`, else 5 minutes, shortened to the step's hold time when that is shorter. */
function readInterval(card: Card, stepMinutes: number | undefined, problems: PlanProblem[]): { seconds: number; text: string } {
  const raw = card.get(['rollout', 'analysis_interval']);
  if (raw !== undefined) {
    const seconds = typeof raw === 'string' && /^[1-9][0-9]*[sm]$/.test(raw) ? parseDurationSeconds(raw) : undefined;
    if (seconds !== undefined && seconds >= 30) return { seconds, text: raw as string };
    problems.push({ at: ['rollout', 'analysis_interval'], message: `rollout.analysis_interval ${JSON.stringify(raw)} must be whole seconds or minutes of at least 30s, such as 1m or 5m (Flagger accepts only s and m); shorter windows hold too few scrapes for a rate.` });
  }
  const step = stepMinutes !== undefined && stepMinutes > 0 ? Math.floor(stepMinutes) * 60 : undefined;
  const seconds = step !== undefined && step >= 60 && step < DEFAULT_INTERVAL_SECONDS ? step : DEFAULT_INTERVAL_SECONDS;
  return { seconds, text: `${seconds / 60}m` };
}

/** `rollout.failure_limit`: measurements allowed to fail before the rollout is aborted (default 0). */
function readFailureLimit(card: Card, problems: PlanProblem[]): number {
  const raw = card.get(['rollout', 'failure_limit']);
  if (raw === undefined) return 0;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) return raw;
  problems.push({ at: ['rollout', 'failure_limit'], message: `rollout.failure_limit ${JSON.stringify(raw)} must be a whole number of failed measurements, 0 or more (0 rolls back on the first breach).` });
  return 0;
}

/** Resolves every condition; a condition that cannot be expressed is a problem at its item. */
function planConditions(card: Card, series: SeriesConfig, problems: PlanProblem[]): PlannedCondition[] {
  const out: PlannedCondition[] = [];
  const all = conditions(card);
  if (card.get(['rollout']) !== undefined && all.length === 0) problems.push({ at: ['rollout', 'auto_rollback_on'], message: 'rollout.auto_rollback_on is empty or missing, so the canary has no brake: nothing would roll it back. List the conditions, e.g. p99_latency_ms > 800.' });
  for (const c of all) {
    if (c.metric === undefined || c.op === undefined || c.value === undefined) {
      problems.push({ at: c.path, message: `"${c.raw}" is not a condition <metric> <op> <value>[unit], so it cannot become an analysis metric. Write it like p99_latency_ms > 800.` });
      continue;
    }
    const threshold = normalizedValue(c);
    if (threshold === undefined) {
      problems.push({ at: c.path, message: `"${c.raw}": the unit "${c.unit ?? ''}" does not fit ${c.metric} (or a share is written above 1 without %), so the threshold the engine would compare is unknown. Write the value in the unit of the metric's name.` });
      continue;
    }
    const r = resolveMetric(card, series, c.metric, c.op);
    if (!r.ok) {
      problems.push({ at: c.path, message: `"${c.raw}" cannot be expressed as a query: ${r.reason}` });
      continue;
    }
    out.push({ condition: c, name: metricName(c.metric, out), op: c.op as Op, threshold, query: r.query });
  }
  return out;
}

/** A Kubernetes-safe metric name, unique among the conditions so far (`p99-latency-ms`, `p99-latency-ms-2`). */
function metricName(metric: string, so: readonly PlannedCondition[]): string {
  const base = kubeName(metric.replace(/_/g, '-')).slice(0, 50);
  let name = base;
  for (let i = 2; so.some((p) => p.name === name); i++) name = `${base}-${i}`;
  return name;
}

/** True when a measured value breaches the condition (NaN never breaches: it is undecided, not healthy). */
export function breaches(op: Op, value: number, threshold: number): boolean {
  switch (op) {
    case '>': return value > threshold;
    case '>=': return value >= threshold;
    case '<': return value < threshold;
    case '<=': return value <= threshold;
    case '==': return value === threshold;
    case '!=': return value !== threshold && !Number.isNaN(value);
  }
}

/** The comparison that holds exactly when `op` does not, for values that are numbers. */
export function negate(op: Op): Op {
  return ({ '>': '<=', '>=': '<', '<': '>=', '<=': '>', '==': '!=', '!=': '==' } as const)[op];
}
