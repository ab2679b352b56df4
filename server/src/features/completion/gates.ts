/**
 * The usual shape of each gate definition, beyond the keys the schema requires: what a team writes
 * first when it replaces `<gate>_gate: pass` by a computed gate. Keys name schema properties;
 * under an array they name the keys of its items. The values come from the schema's defaults and
 * examples, so the skeletons cannot drift from it.
 */

/** Keys to include in a skeleton, nested like the card. */
export type SkeletonSpec = { readonly [key: string]: SkeletonSpec };

const LEAF: SkeletonSpec = {};

/** The skeleton of each gate definition under `gates:`. */
export const GATE_SKELETONS: Readonly<Record<string, SkeletonSpec>> = {
  data: { owner: LEAF, reference: LEAF, current: LEAF, min_rows: LEAF, drift: { method: LEAF, drift_share: LEAF } },
  quality: { owner: LEAF, task: LEAF, evidence: LEAF, metric: LEAF, min_samples: LEAF, non_inferiority_delta: LEAF, confidence: LEAF },
  robustness: { owner: LEAF, system_type: LEAF, suites: { name: LEAF, kind: LEAF, evidence: LEAF, min_pass_rate: LEAF, min_cases: LEAF } },
  performance: {
    owner: LEAF, evidence: LEAF, p95_latency_ms: LEAF, p99_latency_ms: LEAF, max_timeout_share: LEAF, max_error_share: LEAF, min_samples: LEAF,
  },
  cost: {
    owner: LEAF, ledger: LEAF, outcomes: LEAF, max_cost_per_useful_result: LEAF, max_increase_vs_baseline_percent: LEAF, horizons_days: LEAF,
  },
  observability: {
    owner: LEAF, traces: LEAF, required_spans: LEAF, alert_rules: LEAF, alerts: { name: LEAF, owner: LEAF, runbook: LEAF, severity: LEAF },
  },
  rollback: {
    owner: LEAF, operation: LEAF, scope: LEAF, inventory: LEAF, drill_log: LEAF, max_rto_minutes: LEAF,
    runbook: { path: LEAF, owner: LEAF, last_tested: LEAF },
  },
};

/** The skeleton for a key, when the key is a gate definition directly under `gates`. */
export function gateSkeleton(parent: readonly (string | number)[], key: string): SkeletonSpec | undefined {
  return parent.length === 1 && parent[0] === 'gates' ? GATE_SKELETONS[key] : undefined;
}
