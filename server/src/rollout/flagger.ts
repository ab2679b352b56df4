/**
 * Flagger from a card: a `Canary` whose analysis advances through the card's steps (one step per
 * analysis interval, which is the step's hold time) and a `MetricTemplate` per auto-rollback
 * condition, referenced with the threshold range that fails exactly when the condition holds.
 */
import { numberText, provenance, type GeneratedObject, type GenerateOptions } from './argo';
import type { PlannedCondition, RolloutPlan } from './plan';

/** Flagger's analysis interval: the step's hold time (whole minutes), else the analysis interval. */
export function flaggerInterval(plan: RolloutPlan): string {
  const minutes = plan.stepMinutes === undefined ? undefined : Math.round(plan.stepMinutes);
  return minutes !== undefined && minutes >= 1 ? `${minutes}m` : plan.interval;
}

/** The Canary and one MetricTemplate per condition. */
export function flaggerObjects(plan: RolloutPlan, opts: GenerateOptions = {}): GeneratedObject[] {
  return [
    { file: 'canary.yaml', object: flaggerCanary(plan) },
    ...plan.conditions.map((c) => ({ file: `metric-template-${c.name}.yaml`, object: flaggerMetricTemplate(plan, c, opts) })),
  ];
}

/** The name of a condition's MetricTemplate. */
export function metricTemplateName(plan: RolloutPlan, c: PlannedCondition): string {
  return `${plan.name}-${c.name}`.slice(0, 63).replace(/-+$/, '');
}

/** The Canary: target, service port, steps, interval, threshold and the metrics. */
export function flaggerCanary(plan: RolloutPlan): Record<string, unknown> {
  const interval = flaggerInterval(plan);
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: plan.name, annotations: provenance(plan) },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: plan.name },
      service: { port: 80 },
      analysis: {
        interval,
        // Flagger rolls back when failed checks reach the threshold; Argo's failureLimit counts those allowed.
        threshold: plan.failureLimit + 1,
        stepWeights: plan.steps,
        metrics: plan.conditions.map((c) => ({ name: c.name, templateRef: { name: metricTemplateName(plan, c) }, thresholdRange: thresholdRange(c), interval })),
      },
    },
  };
}

/** The MetricTemplate of one condition: its query over the canary's series. */
export function flaggerMetricTemplate(plan: RolloutPlan, c: PlannedCondition, opts: GenerateOptions = {}): Record<string, unknown> {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'MetricTemplate',
    metadata: { name: metricTemplateName(plan, c), annotations: provenance(plan) },
    spec: {
      provider: { type: 'prometheus', ...(opts.prometheusUrl !== undefined ? { address: opts.prometheusUrl } : {}) },
      query: flaggerQuery(plan, c),
    },
  };
}

/** The query Flagger runs; `==` becomes a 0/1 answer, as a range cannot exclude a single value. */
export function flaggerQuery(plan: RolloutPlan, c: PlannedCondition): string {
  const q = c.query.build(plan.series.canary, flaggerInterval(plan));
  return c.op === '==' ? `(${q}) == bool ${numberText(c.threshold)}` : q;
}

/**
 * The accepted range: Flagger fails a check when the value is below `min` or above `max`. `> T`
 * is max T; `>= T` is max of the largest double below T, which fails for exactly the values ≥ T;
 * `!= T` is the single point T; `==` is tested in the query (see flaggerQuery).
 */
export function thresholdRange(c: PlannedCondition): { min?: number; max?: number } {
  const t = c.threshold;
  switch (c.op) {
    case '>': return { max: t };
    case '>=': return { max: nextDown(t) };
    case '<': return { min: t };
    case '<=': return { min: nextUp(t) };
    case '!=': return { min: t, max: t };
    case '==': return { max: 0 };
  }
}

/** The next double above x. */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}

/** The next double below x. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}
