/**
 * Argo Rollouts from a card: a `Rollout` (referencing the existing Deployment through
 * `workloadRef`) whose canary steps are the card's, with background analysis from the first pause,
 * and an `AnalysisTemplate` with one Prometheus metric per auto-rollback condition. Pure: returns
 * objects; `render.ts` writes them.
 */
import { parseMatchers } from './series';
import { negate, type Op, type PlannedCondition, type RolloutPlan } from './plan';

/** Options every generator takes. */
export interface GenerateOptions {
  /** The Prometheus address the engine's analysis queries (from --prometheus-url or the environment, never the card). */
  prometheusUrl?: string;
}

/** One generated Kubernetes object, with the file it is written to. */
export interface GeneratedObject {
  file: string;
  object: Record<string, unknown>;
}

/** The Argo argument that carries the Prometheus address when none was configured. */
export const ADDRESS_ARG = 'prometheus-address';

/** Annotations that tie a generated object to its card. */
export function provenance(plan: RolloutPlan): Record<string, string> {
  return { 'release-gates/release-id': plan.releaseId ?? '', 'release-gates/generated-by': 'release-gates rollout' };
}

/** The Rollout and the AnalysisTemplate of a plan (which must have no problems). */
export function argoObjects(plan: RolloutPlan, opts: GenerateOptions = {}): GeneratedObject[] {
  return [{ file: 'rollout.yaml', object: argoRollout(plan) }, { file: 'analysis-template.yaml', object: argoAnalysisTemplate(plan, opts) }];
}

/** The name of the generated AnalysisTemplate. */
export function templateName(plan: RolloutPlan): string {
  return `${plan.name}-auto-rollback`.slice(0, 63);
}

/** The Rollout: workloadRef, track labels, background analysis and the steps. */
export function argoRollout(plan: RolloutPlan): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: plan.name, annotations: provenance(plan) },
    spec: {
      selector: { matchLabels: { app: plan.name } },
      workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: plan.name, scaleDown: 'progressively' },
      strategy: { canary: argoCanary(plan) },
    },
  };
}

/** `spec.strategy.canary`: also what a patch of an existing Rollout carries. */
export function argoCanary(plan: RolloutPlan): Record<string, unknown> {
  const canary: Record<string, unknown> = {};
  // A track selector that is one `label="value"` is put on the pods by Argo itself.
  const canaryLabels = podLabels(plan.series.canary);
  const stableLabels = podLabels(plan.series.stable);
  if (canaryLabels) canary['canaryMetadata'] = { labels: canaryLabels };
  if (stableLabels) canary['stableMetadata'] = { labels: stableLabels };
  canary['analysis'] = {
    templates: [{ templateName: templateName(plan) }],
    // From the first pause on: at step 0 the canary has no traffic yet.
    startingStep: 1,
  };
  canary['steps'] = plan.steps.flatMap((w) => [{ setWeight: w }, { pause: pause(plan) }]);
  return canary;
}

/** A pause of the step's hold time; without one, Argo waits for a person to promote. */
function pause(plan: RolloutPlan): Record<string, unknown> {
  if (plan.stepMinutes === undefined) return {};
  return Number.isInteger(plan.stepMinutes) ? { duration: `${plan.stepMinutes}m` } : { duration: Math.round(plan.stepMinutes * 60) };
}

/** `{role: canary}` for the selector `role="canary"`; undefined for anything Argo cannot label. */
function podLabels(selector: string): Record<string, string> | undefined {
  const ms = parseMatchers(selector);
  const only = ms?.length === 1 ? ms[0] : undefined;
  return only && only.op === '=' && /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(only.value) ? { [only.label]: only.value } : undefined;
}

/** The AnalysisTemplate: one Prometheus metric per condition. */
export function argoAnalysisTemplate(plan: RolloutPlan, opts: GenerateOptions = {}): Record<string, unknown> {
  const address = opts.prometheusUrl ?? `{{args.${ADDRESS_ARG}}}`;
  const count = measurementCount(plan);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: templateName(plan), annotations: provenance(plan) },
    spec: {
      ...(opts.prometheusUrl === undefined ? { args: [{ name: ADDRESS_ARG }] } : {}),
      metrics: plan.conditions.map((c) => ({
        name: c.name,
        interval: plan.interval,
        ...(count !== undefined ? { count } : {}),
        failureLimit: plan.failureLimit,
        successCondition: argoCondition(negate(c.op), c.threshold),
        failureCondition: argoCondition(c.op, c.threshold),
        provider: { prometheus: { address, query: argoQuery(plan, c) } },
      })),
    },
  };
}

/** The query of a condition over the canary's series and one interval. */
export function argoQuery(plan: RolloutPlan, c: PlannedCondition): string {
  return c.query.build(plan.series.canary, plan.interval);
}

/**
 * Measurements that cover every step's hold time; undefined (run until the rollout ends) when the
 * card has no hold time. A NaN result satisfies neither condition, so Argo counts it inconclusive
 * and pauses the rollout rather than passing it.
 */
export function measurementCount(plan: RolloutPlan): number | undefined {
  if (plan.stepMinutes === undefined) return undefined;
  return Math.max(1, Math.ceil((plan.steps.length * plan.stepMinutes * 60) / plan.intervalSeconds));
}

/** `result[0] > 800`; equality tests also refuse NaN, which is equal to nothing. */
export function argoCondition(op: Op, threshold: number): string {
  const value = numberText(threshold);
  return op === '!=' ? `!isNaN(result[0]) && result[0] != ${value}` : `result[0] ${op} ${value}`;
}

/** A number as PromQL, Argo's expressions and YAML all read it back unchanged. */
export function numberText(n: number): string {
  return String(n);
}
