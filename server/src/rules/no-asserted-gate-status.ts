/**
 * `data_gate: pass` written by hand is a spoken release: nobody can check it, and it stays "pass"
 * whatever the bundle becomes. A gate definition makes the status computed from evidence.
 */
import type { GateId } from '../gates/engine/types';
import { replacePairFix } from './fixes';
import { defineRule } from './types';
import { assertedGates, str } from './values';

/** Definition skeletons with placeholders for the keys each gate needs. */
const SKELETONS: Record<GateId, readonly string[]> = {
  data: ['current: <path/to/current.csv>', 'reference: <path/to/reference.csv>'],
  quality: ['task: <classification|regression|ranking>', 'evidence: <path/to/predictions.csv>', 'metric: <metric>', 'min_samples: <rows>', 'non_inferiority_delta: <delta>'],
  robustness: ['suites:', '  - { name: <suite>, kind: edge_case, evidence: <path/to/results.csv> }'],
  performance: ['evidence: <path/to/requests.csv>', 'p99_latency_ms: <ms>', 'max_error_share: <share>'],
  cost: ['ledger: <path/to/ledger.csv>', 'outcomes: <path/to/outcomes.csv>', 'max_cost_per_useful_result: <cap>', 'max_increase_vs_baseline_percent: <percent>'],
  observability: ['traces: <path/to/traces.json>', 'alerts:', '  - { name: <alert>, owner: <team>, runbook: <runbook> }'],
  rollback: ['operation: <one rollback command>', 'drill_log: <path/to/drills.csv>', 'max_rto_minutes: <minutes>'],
};

/** Flags every `<gate>_gate: pass|fail` that is not also defined (that case has its own rule). */
export const noAssertedGateStatus = defineRule({
  meta: {
    id: 'no-asserted-gate-status',
    severity: 'warning',
    summary: 'A gate status is asserted by hand (`data_gate: pass`) instead of computed from evidence.',
    fix: 'skeleton',
  },
  check(card, report) {
    for (const { gate, key, pair, status: value, defined } of assertedGates(card)) {
      if (defined) continue;
      const status = str(value) ?? String(value);
      const failed = status === 'fail' ? ' It also says the gate failed, which blocks the release.' : '';
      report(pair, `${key}: ${status} is asserted by hand, not computed: a "spoken" release. Nobody can check it, and it keeps saying ${status} whatever the bundle becomes.${failed} Replace it with a definition under ${gate}: (thresholds and evidence) so release-gates run computes it.`, {
        fixes: [replacePairFix(card, pair, [`${gate}:`, ...SKELETONS[gate].map((l) => `  ${l}`)], `Replace with a ${gate} gate definition skeleton`)],
      });
    }
  },
});
