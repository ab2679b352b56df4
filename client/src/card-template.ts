/**
 * The text of a new release card from the scaffold's answers. Small on purpose: a complete
 * bundle with placeholders to replace, every gate written as asserted `fail` until it gets a
 * definition (so nothing passes by default), and the rollout the rules expect. It validates with
 * no errors; the warnings it has (asserted gates) are the author's to-do list.
 */
import type { WireGateId } from '../../server/src/protocol';
import { GATE_IDS } from './gate-ids';

/** The profiles a card may declare. */
export type CardProfile = 'full' | 'small-internal-service';

/** The scaffold's questions, answered. */
export interface CardAnswers {
  releaseId: string;
  owner: string;
  modelUri: string;
  profile: CardProfile;
}

/** The gates the small-internal-service profile requires; the others are deferred. */
const SMALL_SERVICE_GATES: readonly WireGateId[] = ['data', 'quality', 'performance', 'rollback'];

/** How long a scaffolded deferral lasts: long enough to build the evidence, short enough to be seen. */
const DEFERRAL_DAYS = 90;

/** A YAML scalar: plain when unambiguous, else double-quoted (JSON strings are valid YAML). */
export function yamlScalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/.test(value) && !value.includes(': ') ? value : JSON.stringify(value);
}

/** `YYYY-MM-DD`, `days` after `from`. */
function dateAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The gates section and deferrals for a profile. */
function gatesAndDeferrals(answers: CardAnswers, today: Date): string[] {
  const required = answers.profile === 'full' ? GATE_IDS : SMALL_SERVICE_GATES;
  const lines = ['gates:', '  # Asserted until defined: replace each with `<gate>:` thresholds and evidence (docs/card.md).'];
  for (const gate of required) lines.push(`  ${gate}_gate: fail`);
  const deferred = GATE_IDS.filter((gate) => !required.includes(gate));
  if (deferred.length === 0) return [...lines, '', 'deferrals: []'];
  lines.push('', 'deferrals:');
  for (const gate of deferred) {
    lines.push(`  - gate: ${gate}`, `    owner: ${yamlScalar(answers.owner)}`, `    deadline: ${dateAfter(today, DEFERRAL_DAYS)}`, `    reason: not measured yet for this service`);
  }
  return lines;
}

/** The card's YAML text. */
export function cardTemplate(answers: CardAnswers, today = new Date()): string {
  const owner = yamlScalar(answers.owner);
  return [
    `release_id: ${yamlScalar(answers.releaseId)}`,
    `owner: ${owner}`,
    `profile: ${answers.profile}`,
    '',
    '# The release is the whole bundle. Replace the placeholders with the pinned versions you ship.',
    'artifacts:',
    `  model_uri: ${yamlScalar(answers.modelUri)}`,
    '  model_signature:',
    '    inputs:',
    '      - { name: feature_1, type: double }',
    '    outputs:',
    '      - { name: score, type: double }',
    '  feature_pipeline: feature-pipeline:v1',
    '  input_schema: schemas/input.schema.json',
    '  postprocessing_config: thresholds:v1',
    '  serving_profile: serving/default:v1',
    '',
    ...gatesAndDeferrals(answers, today),
    '',
    'post_release:',
    `  verification_owner: ${owner}`,
    '  window_hours: 24',
    '',
    'rollout:',
    '  strategy: canary',
    '  steps: [5, 25, 50, 100]',
    '  step_duration_minutes: 60',
    '  auto_rollback_on:',
    '    - p99_latency_ms > 800',
    '    - error_rate > 0.8%',
    '    - cost_per_useful_result > 0.42',
    '',
  ].join('\n');
}
