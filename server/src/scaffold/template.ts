/**
 * The text of a new release card, shared by `release-gates init` and the editor's "New Release
 * Card…". Small on purpose: a complete bundle, every gate written as asserted `fail` until it gets
 * a definition (so nothing passes by default), the rollout the rules expect, and, in comments, the
 * quality and robustness definitions for the kind of model, with `<…>` where only the team can
 * choose the number. With real answers it validates with no errors; the warnings it has (asserted
 * gates) are the author's to-do list.
 */
import { OPTIONAL_IN_SMALL_PROFILE } from '../gates/engine/plan';
import { GATE_IDS, type GateId } from '../gates/engine/types';

/** The profiles a card may declare. */
export const CARD_PROFILES = ['full', 'small-internal-service'] as const;

/** A card's profile. */
export type CardProfile = (typeof CARD_PROFILES)[number];

/** The kinds of model a template is shaped for (signature, quality metric, robustness suites). */
export const CARD_KINDS = ['classification', 'regression', 'ranking', 'llm'] as const;

/** The kind of model. */
export type CardKind = (typeof CARD_KINDS)[number];

/** The questions of a new card, answered. */
export interface CardAnswers {
  releaseId: string;
  owner: string;
  modelUri: string;
  profile: CardProfile;
  kind: CardKind;
}

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

/** The gates a profile requires. */
export function requiredGates(profile: CardProfile): readonly GateId[] {
  return profile === 'full' ? GATE_IDS : GATE_IDS.filter((g) => !OPTIONAL_IN_SMALL_PROFILE.includes(g));
}

/** The kind of model in a sentence. */
export const KIND_NAMES: Record<CardKind, string> = { classification: 'a classification model', regression: 'a regression model', ranking: 'a ranking model', llm: 'an LLM' };

/** The inline model signature of each kind: what such a model takes and returns. */
const SIGNATURES: Record<CardKind, string[]> = {
  classification: ['    inputs:', '      - { name: feature_1, type: double }', '    outputs:', '      - { name: score, type: double }'],
  regression: ['    inputs:', '      - { name: feature_1, type: double }', '    outputs:', '      - { name: prediction, type: double }'],
  ranking: ['    inputs:', '      - { name: query_id, type: string }', '      - { name: feature_1, type: double }', '    outputs:', '      - { name: score, type: double }'],
  llm: ['    inputs:', '      - { name: prompt, type: string }', '    outputs:', '      - { name: answer, type: string }'],
};

/** The quality gate each kind is decided by, as YAML lines under `gates:` (two-space indent). */
const QUALITY: Record<CardKind, string[]> = {
  classification: [
    'quality:',
    '  task: classification',
    '  evidence: evidence/quality/predictions.csv   # label, candidate_score, baseline_score on the same rows',
    '  metric: average_precision',
    '  min_samples: <rows>',
    '  non_inferiority_delta: <delta>',
    '  calibration: { metric: ece, max: <ece> }',
  ],
  regression: [
    'quality:',
    '  task: regression',
    '  evidence: evidence/quality/predictions.csv   # label, candidate_score, baseline_score on the same rows',
    '  metric: mae',
    '  min_samples: <rows>',
    '  non_inferiority_delta: <delta>',
  ],
  ranking: [
    'quality:',
    '  task: ranking',
    '  evidence: evidence/quality/predictions.csv   # query_id, label (graded relevance), candidate_score, baseline_score',
    '  metric: ndcg',
    '  k: <k>',
    '  min_samples: <rows>',
    '  non_inferiority_delta: <delta>',
  ],
  llm: [
    'quality:',
    '  task: classification',
    '  evidence: evidence/quality/graded.csv        # per prompt: label (the reference judgement), both models\' grader scores',
    '  metric: f1',
    '  min_samples: <rows>',
    '  non_inferiority_delta: <delta>',
  ],
};

/** The robustness suites each kind needs first. */
function robustness(kind: CardKind): string[] {
  if (kind === 'llm') {
    return [
      'robustness:',
      '  system_type: llm',
      '  suites:',
      '    - { name: prompt injection, kind: prompt_injection, evidence: evidence/robustness/injection.csv, min_cases: <cases> }',
      '    - { name: unsafe tool calls, kind: unsafe_tool_call, evidence: evidence/robustness/tools.csv, min_cases: <cases> }',
    ];
  }
  return [
    'robustness:',
    '  suites:',
    '    - { name: missing values, kind: missing_values, evidence: evidence/robustness/missing_values.csv, min_cases: <cases> }',
    '    - { name: extreme ranges, kind: extreme_ranges, evidence: evidence/robustness/extreme_ranges.csv, min_cases: <cases> }',
  ];
}

/** The definitions the template shows in comments, uncommented (tests validate them as written). */
export function gateSketch(kind: CardKind): string[] {
  return [...QUALITY[kind], ...robustness(kind)];
}

/** The gates section and deferrals for a profile, with the kind's definitions as comments to start from. */
function gatesAndDeferrals(answers: CardAnswers, today: Date): string[] {
  const required = requiredGates(answers.profile);
  const lines = ['gates:', '  # Asserted until defined: replace each with `<gate>:` thresholds and evidence (docs/card.md).'];
  for (const gate of required) lines.push(`  ${gate}_gate: fail`);
  lines.push(
    '  #',
    `  # For ${KIND_NAMES[answers.kind]}, the quality and robustness definitions start like this. Replace`,
    '  # `<gate>_gate: fail` (or the deferral) with one when its evidence exists; every <…> is a number only',
    '  # your team can choose.',
    ...gateSketch(answers.kind).map((l) => `  # ${l}`),
  );
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
    ...SIGNATURES[answers.kind],
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
