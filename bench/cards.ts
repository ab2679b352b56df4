/** Builds benchmark cards of a given length from the complete example card. */

/**
 * Returns a card of about `lines` lines: the seed-sized card for small sizes, otherwise the example
 * card with generated data-gate field specs appended (realistic content the schema validates).
 */
export function cardOfLines(example: string, lines: number): string {
  if (lines <= 50) return SMALL;
  const marker = '    fields:\n';
  const at = example.indexOf(marker);
  if (at < 0) throw new Error('example card has no data.fields section to extend');
  const have = example.split('\n').length;
  const extra: string[] = [];
  for (let i = 0; have + extra.length < lines; i++) {
    extra.push(`      feature_${i}:`, '        type: numeric', '        required: true', `        max_null_share: 0.0${(i % 9) + 1}`, '        min: 0', `        max: ${1000 + i}`);
  }
  const cut = at + marker.length;
  return example.slice(0, cut) + extra.slice(0, Math.max(0, lines - have)).join('\n') + '\n' + example.slice(cut);
}

/** A seed-sized card of about 35 lines with a description line to edit. */
const SMALL = `release_id: ml-2025-12-26.3
owner: team-churn-ml
description: churn model retrained with support tickets
artifacts:
  model_uri: models:/churn-model@candidate
  feature_pipeline: feature-pipeline:v18
  preprocessing_image: registry/preproc:1.12.4
  postprocessing_config: thresholds:v9
slo:
  objective_percent: 99.9
  period_days: 30
gates:
  data_gate: pass
  quality_gate: pass
  robustness_gate: pass
  performance_gate: pass
  cost_gate: pass
  observability_gate: pass
  rollback_gate: pass
deferrals: []
post_release:
  verification_owner: alice
  window_hours: 24
rollout:
  strategy: canary
  steps: [5, 25, 50, 100]
  step_duration_minutes: 30
  auto_rollback_on:
    - p99_latency_ms > 800
    - error_rate > 0.8%
    - cost_per_useful_result > 0.42
`;
