// Public API of rollout/: the card's canary for Argo Rollouts and Flagger, the metric catalogue,
// the template drift check and the live canary judge.

/** Auto-rollback conditions as written in the card (the one parser). */
export { type Condition, conditions, normalizedValue } from './conditions';
/** The metric catalogue: metric → PromQL over the card's series. */
export { BUILT_IN_METRICS, catalogueNames, declaredGauges, requestCountQuery, resolveMetric, type MetricQuery, type Resolution } from './catalogue';
/** The series of the service in Prometheus. */
export { readSeries, serviceName, SERIES_DEFAULTS, parseMatchers, type SeriesConfig, type Target } from './series';
/** The engine-neutral rollout of a card. */
export { planRollout, breaches, negate, DEFAULT_INTERVAL_SECONDS, type Op, type PlannedCondition, type PlanProblem, type RolloutPlan } from './plan';
/** Generated objects and files. */
export { argoAnalysisTemplate, argoCondition, argoObjects, argoQuery, argoRollout, measurementCount, templateName, ADDRESS_ARG, type GeneratedObject, type GenerateOptions } from './argo';
export { flaggerCanary, flaggerInterval, flaggerObjects, flaggerMetricTemplate, flaggerQuery, metricTemplateName, thresholdRange } from './flagger';
export { generateObjects, objectYaml, renderArgoPatch, renderFiles, renderStream, ROLLOUT_TARGETS, type RenderedFile, type RolloutTarget } from './render';
/** A hand-written AnalysisTemplate against the card. */
export { checkTemplate } from './check-template';
/** The live canary judge. */
export { judgeCanary, minRequestsFor, windowFor, DEFAULT_MIN_REQUESTS, DEFAULT_WINDOW_SECONDS, type ConditionJudgement, type Judgement, type JudgeOptions, type Measured, type Verdict } from './judge';
export { compareTracks, DEFAULT_ALPHA, MIN_INTERVALS, type Comparison } from './compare';
/** Codes of rollout findings and number formatting. */
export { ROLLOUT_CODES, isRolloutCode, type RolloutCode } from './codes';
export { durationText, valueText } from './format';
