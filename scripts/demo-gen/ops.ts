// Robustness suites, rollback inventory and drills, and the placeholder files the card names
// (input schemas, runbook).
import type { DemoConfig } from './config';
import { Rng, toCsv } from './rng';

/** Suites of the churn card: file, case-id prefix, case count, description stem, failing cases. */
const SUITES: readonly { file: string; prefix: string; cases: number; what: string; failures: number }[] = [
  { file: 'missing_values', prefix: 'mv', cases: 60, what: 'null', failures: 0 },
  { file: 'rare_categories', prefix: 'rc', cases: 36, what: 'unseen category in', failures: 0 },
  { file: 'extreme_ranges', prefix: 'er', cases: 48, what: 'extreme value of', failures: 0 },
  { file: 'degraded_feature_store', prefix: 'df', cases: 120, what: 'feature store slow for', failures: 1 },
  { file: 'fallback', prefix: 'fb', cases: 44, what: 'timeout or empty response for', failures: 0 },
  { file: 'policy', prefix: 'po', cases: 30, what: 'opted-out customer with', failures: 0 },
];

const FEATURES = ['tenure_months', 'monthly_charges', 'total_charges', 'contract_type', 'payment_method', 'support_tickets_90d', 'is_senior', 'region'];

/** One results file: case_id, description, passed, detail. */
function suite(r: Rng, s: (typeof SUITES)[number]): string {
  const failing = new Set<number>();
  while (failing.size < s.failures) failing.add(r.int(0, s.cases - 1));
  const rows = Array.from({ length: s.cases }, (_, i) => {
    const feature = FEATURES[i % FEATURES.length] as string;
    const fail = failing.has(i);
    return [`${s.prefix}-${String(i + 1).padStart(3, '0')}`, `${s.what} ${feature} (variant ${Math.floor(i / FEATURES.length) + 1})`, fail ? 'false' : 'true', fail ? 'answered after 1.9 s (budget 1.5 s)' : ''];
  });
  return toCsv(['case_id', 'description', 'passed', 'detail'], rows);
}

/** Robustness results; the blocked example does not write the fallback suite. */
function robustness(c: DemoConfig): Map<string, string> {
  const r = new Rng(c.seed + 61);
  const out = new Map<string, string>();
  for (const s of SUITES) {
    const text = suite(r, s);
    if (!(c.faults.missingSuite && s.file === 'fallback')) out.set(`evidence/robustness/${s.file}.csv`, text);
  }
  return out;
}

/** Inventory of the baseline's artifacts and the drill log. */
function rollback(c: DemoConfig): Map<string, string> {
  const inventory = toCsv(['artifact', 'version', 'available'], [
    ['model', 'models:/churn-model/41', 'true'],
    ['feature_pipeline', 'feature-pipeline:v18', 'true'],
    ['input_schema', 'schemas/churn-input-v18.schema.json', 'true'],
    ['preprocessing', 'registry/preproc:1.12.4', 'true'],
    ['thresholds', 'thresholds:v9', 'true'],
    ['runtime_parameters', 'runtime-params:ml-2026-11-12.1', 'true'],
    ['serving_profile', 'serving/churn-cpu:v3', 'true'],
  ]);
  const full = 'model|preprocessing|thresholds|runtime_parameters|feature_pipeline';
  // The blocked example's only measured drill is from June; the November row is an estimate.
  const drills = c.faults.staleDrill
    ? [['2026-06-24', '780', 'true', full], ['2026-11-18', '420', 'false', full]]
    : [['2026-08-12', '600', 'false', 'model|preprocessing|thresholds'], ['2026-09-30', '810', 'true', 'model|preprocessing|thresholds|runtime_parameters'], ['2026-11-19', '564', 'true', full]];
  return new Map([
    ['evidence/rollback/inventory.csv', inventory],
    ['evidence/rollback/drills.csv', toCsv(['date', 'rto_seconds', 'measured', 'scope'], drills)],
  ]);
}

/** A JSON Schema of the input columns. */
function inputSchema(withTickets: boolean): string {
  const props: Record<string, unknown> = {
    tenure_months: { type: 'integer', minimum: 0, maximum: 600 },
    monthly_charges: { type: 'number', minimum: 0, maximum: 1000 },
    total_charges: { type: ['number', 'null'], minimum: 0 },
    contract_type: { enum: ['month_to_month', 'one_year', 'two_year'] },
    payment_method: { enum: ['card', 'bank_transfer', 'invoice', 'wallet'] },
    ...(withTickets ? { support_tickets_90d: { type: 'integer', minimum: 0, maximum: 200 } } : {}),
    is_senior: { type: 'boolean' },
    region: { enum: ['north', 'south', 'east', 'west'] },
  };
  return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'churn-scorer input', type: 'object', required: Object.keys(props).filter((k) => k !== 'total_charges'), properties: props }, null, 2) + '\n';
}

const RUNBOOK = `# churn-scorer runbook

Owner: team-churn-platform. Tested in the rollback drill of 2026-11-19.

## Rollback

One operation restores the whole bundle (model, preprocessing, thresholds, runtime parameters,
feature pipeline): \`deploy rollback churn-scorer --to-release <previous release id>\`.

## burn-rate

The error budget of the 99.9 % / 30-day SLO is burning. Check the error ratio by route, recent
deploys and the feature store latency; roll back if the release is the cause.

## drift

An input feature drifted from the training window. Compare the current and reference
distributions, then decide with the data owner (team-churn-data) whether to retrain.
`;

/** Robustness, rollback, schemas and runbook files. */
export function opsEvidence(c: DemoConfig): Map<string, string> {
  return new Map([
    ...robustness(c),
    ...rollback(c),
    ['schemas/churn-input.schema.json', inputSchema(true)],
    ['schemas/churn-input-v18.schema.json', inputSchema(false)],
    ['runbooks/churn-scorer.md', RUNBOOK],
  ]);
}
