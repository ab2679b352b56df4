/**
 * The one list of rules. Its order is the catalogue's order (docs, `explain`, SARIF); the ids of
 * its entries make the `RuleId` type, so a rule id is never a loose string.
 */
import { noUnpinnedFeaturePipeline } from './no-unpinned-feature-pipeline';
import { noUnpinnedArtifact } from './no-unpinned-artifact';
import { noUnresolvedModelAlias } from './no-unresolved-model-alias';
import { requireCompleteBundle } from './require-complete-bundle';
import { requireCanary } from './require-canary';
import { requireCanaryStepDuration } from './require-canary-step-duration';
import { canaryStepsRiseToFull } from './canary-steps-rise-to-full';
import { validAutoRollback } from './valid-auto-rollback';
import { autoRollbackMatchesGates } from './auto-rollback-matches-gates';
import { rolloutConditionHasSeries } from './rollout-condition-has-series';
import { requireRollbackCoverage } from './require-rollback-coverage';
import { requireAlertOwnership } from './require-alert-ownership';
import { costPerUsefulOutcome } from './cost-per-useful-outcome';
import { requireRollbackDrill } from './require-rollback-drill';
import { requireTestedRunbook } from './require-tested-runbook';
import { requireAtomicRollback } from './require-atomic-rollback';
import { noAssertedGateStatus } from './no-asserted-gate-status';
import { noDuplicateGateDefinition } from './no-duplicate-gate-definition';
import { requireStatisticalContract } from './require-statistical-contract';
import { requireQualityLayers } from './require-quality-layers';
import { burnRateMatchesSlo } from './burn-rate-matches-slo';
import { requireObservabilityPlanes } from './require-observability-planes';
import { requireProfileGates } from './require-profile-gates';
import { validDeferral } from './valid-deferral';
import { requirePostReleaseOwner } from './require-post-release-owner';
import { requireOwner } from './require-owner';
import { requireSlo } from './require-slo';
import { performanceMatchesSlo } from './performance-matches-slo';
import { requireLlmSafetySuites } from './require-llm-safety-suites';
import { noLoosenedThreshold } from './no-loosened-threshold';
import { noStaleResults } from './no-stale-results';

/** Every rule, in catalogue order. */
export const RULES = [
  noUnpinnedFeaturePipeline,
  noUnpinnedArtifact,
  noUnresolvedModelAlias,
  requireCompleteBundle,
  requireCanary,
  canaryStepsRiseToFull,
  requireCanaryStepDuration,
  validAutoRollback,
  autoRollbackMatchesGates,
  rolloutConditionHasSeries,
  requireRollbackCoverage,
  requireAlertOwnership,
  costPerUsefulOutcome,
  requireRollbackDrill,
  requireTestedRunbook,
  requireAtomicRollback,
  noAssertedGateStatus,
  noDuplicateGateDefinition,
  requireStatisticalContract,
  requireQualityLayers,
  burnRateMatchesSlo,
  requireObservabilityPlanes,
  requireProfileGates,
  validDeferral,
  requirePostReleaseOwner,
  requireOwner,
  requireSlo,
  performanceMatchesSlo,
  noLoosenedThreshold,
  noStaleResults,
  requireLlmSafetySuites,
] as const;

/** The id of a registered rule. */
export type RuleId = (typeof RULES)[number]['meta']['id'];

/** Every rule id, in catalogue order. */
export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.meta.id);

/** True when a string is a registered rule id. */
export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}

/** The rule with an id, or undefined. */
export function ruleById(id: string): (typeof RULES)[number] | undefined {
  return RULES.find((r) => r.meta.id === id);
}
