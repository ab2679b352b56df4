/**
 * Names of checks for people. A check id is stable and machine-friendly (`p99_latency_ms`,
 * `suite.timeout_and_empty_features_fallback.pass_rate`); where a person reads a result (Test
 * Explorer, reports, lenses) it is named as the card names it. Gates give a label when the id lost
 * the card's spelling (suite and slice names, alert names); the rest are derived here.
 */

/** Fixed ids and their names. */
const FIXED: Readonly<Record<string, string>> = {
  min_samples: 'sample size',
  'min_rows.current': 'rows in the current slice',
  'min_rows.reference': 'rows in the reference',
  p95_latency_ms: 'warm p95 latency',
  p99_latency_ms: 'warm p99 latency',
  'cold_start.p95_latency_ms': 'cold-start p95 latency',
  'cold_start.p99_latency_ms': 'cold-start p99 latency',
  target_load_rps: 'offered load',
  throughput_rps: 'successful throughput',
  timeout_share: 'timeout share',
  error_share: 'error share',
  'drift.dataset': 'share of drifted columns',
  'traces.complete_share': 'complete traces',
  'drill.rto': 'drill RTO',
  'drill.age': 'age of the latest drill',
  'drill.scope': 'drill scope',
  'runbook.owner': 'runbook owner',
  'runbook.last_tested': 'runbook last tested',
  operation: 'one-step rollback operation',
  scope: 'rollback scope',
  categories: 'cost categories',
  migration_one_time: 'one-time migration cost',
  'calibration.ece': 'ECE',
  'calibration.ece_increase': 'ECE increase over production',
  'calibration.brier': 'Brier score',
  'calibration.brier_increase': 'Brier score increase over production',
};

/** Prefixes of per-thing ids and how the thing is named. */
const PREFIXES: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^drift\.(.+)$/, (m) => `drift of ${m[1]}`],
  [/^nulls\.(.+)$/, (m) => `missing values in ${m[1]}`],
  [/^range\.(.+)$/, (m) => `out-of-range values in ${m[1]}`],
  [/^enum\.(.+)$/, (m) => `unknown categories in ${m[1]}`],
  [/^outliers\.(.+)$/, (m) => `outliers in ${m[1]}`],
  [/^schema\.(.+)$/, (m) => `type of ${m[1]}`],
  [/^freshness\.(.+)$/, (m) => `freshness of ${m[1]}`],
  [/^slice\.(.+)$/, (m) => `slice '${m[1]}'`],
  [/^target_range\.(.+)$/, (m) => `target range '${m[1]}'`],
  [/^planes\.(.+)$/, (m) => `${m[1]} plane`],
  [/^burn_rate\.(page|ticket)_([^_]+)_([^_]+)$/, (m) => `${m[1]} alert ${m[2]}/${m[3]}`],
  [/^alert\.(.+)$/, (m) => `alert ${m[1]}`],
  [/^inventory\.(.+)$/, (m) => `previous ${words(m[1] ?? '')}`],
  [/^scope\.(.+)$/, (m) => `scope: ${words(m[1] ?? '')}`],
  [/^suite\.(.+)\.(pass_rate|cases)$/, (m) => `suite ${words(m[1] ?? '')}: ${m[2] === 'cases' ? 'cases' : 'pass rate'}`],
  [/^cost_per_useful_result_(\d+)d\.(cap|guardrail)$/, (m) => `cost per useful outcome, ${m[1]} days (${m[2] === 'cap' ? 'cap' : 'vs baseline'})`],
];

/** Underscores as spaces: `edge_cases` → `edge cases`. */
function words(id: string): string {
  return id.replace(/_/g, ' ');
}

/** The name of a check for people: the gate's label, else a name derived from its id. */
export function checkLabel(c: { id: string; label?: string }): string {
  if (c.label) return c.label;
  const fixed = FIXED[c.id];
  if (fixed) return fixed;
  for (const [re, name] of PREFIXES) {
    const m = re.exec(c.id);
    if (m) return name(m);
  }
  return words(c.id).replace(/\./g, ' › ');
}
