/**
 * OpenMetrics data for the rollout integration tests: for each scenario (its own `service` label)
 * a stable and a canary track, each labelled both ways the generated queries select tracks
 * (Argo's `role`, Flagger's pod names), with values known by construction. Every scrape adds the
 * same counts, so any window inside the data has the same latency percentiles and shares.
 */

/** Seconds between samples. */
export const SCRAPE = 30;

/** The workload name Flagger's `{{ target }}` stands for in these tests. */
export const TARGET = 'churn-model';

/** Cumulative histogram counts per scrape, by upper bound (seconds). */
type Buckets = readonly [string, number][];

/** p99 = 0.5 + 0.3 × (990 − 980) / 20 = 0.65 s: 650 ms, under 800. */
const HEALTHY_LATENCY: Buckets = [['0.05', 500], ['0.1', 800], ['0.2', 900], ['0.3', 950], ['0.5', 980], ['0.8', 1000], ['1', 1000], ['2', 1000], ['+Inf', 1000]];
/** p99 = 0.8 + 0.2 × (990 − 950) / 40 = 1 s: 1000 ms, over 800. */
const SLOW_LATENCY: Buckets = [['0.05', 300], ['0.1', 500], ['0.2', 700], ['0.3', 800], ['0.5', 900], ['0.8', 950], ['1', 990], ['2', 1000], ['+Inf', 1000]];
/** p99 = 0.5 + 0.3 × (990 − 960) / 40 = 0.725 s: 725 ms, under 800 but above stable's 650. */
const SLOWER_LATENCY: Buckets = [['0.05', 400], ['0.1', 700], ['0.2', 850], ['0.3', 920], ['0.5', 960], ['0.8', 1000], ['1', 1000], ['2', 1000], ['+Inf', 1000]];

/** What one track serves per scrape. */
export interface Track {
  latency: Buckets;
  /** Requests per scrape by status code. */
  codes: Readonly<Record<string, number>>;
  cost: number;
  acceptance: number;
  /** Requests per scrape relative to the buckets' 1000 (for a quiet canary). */
  scale?: number;
}

/** 0.5 % 5xx of which 0.1 % timeouts (504); cost 0.41 per useful result; 15 % of offers accepted. */
export const HEALTHY: Track = { latency: HEALTHY_LATENCY, codes: { '200': 995, '500': 4, '504': 1 }, cost: 0.41, acceptance: 0.15 };

/** The scenarios: a healthy canary, one per condition it breaches, a quiet one and a degraded one. */
export const SCENARIOS: Readonly<Record<string, { canary: Track; breaches?: string }>> = {
  healthy: { canary: HEALTHY },
  latency: { canary: { ...HEALTHY, latency: SLOW_LATENCY }, breaches: 'p99-latency-ms' },
  errors: { canary: { ...HEALTHY, codes: { '200': 985, '500': 14, '504': 1 } }, breaches: 'error-rate' },
  // 0.7 % 5xx stays under the 0.8 % error condition while 0.5 % timeouts breach ≥ 0.3 %.
  timeouts: { canary: { ...HEALTHY, codes: { '200': 993, '500': 2, '504': 5 } }, breaches: 'timeout-share' },
  cost: { canary: { ...HEALTHY, cost: 0.45 }, breaches: 'cost-per-useful-result' },
  acceptance: { canary: { ...HEALTHY, acceptance: 0.05 }, breaches: 'offer-acceptance-rate' },
  quiet: { canary: { ...HEALTHY, scale: 0.002 } },
  degraded: { canary: { ...HEALTHY, latency: SLOWER_LATENCY } },
};

/** Labels of a track's series: the scenario, Argo's role and Flagger's pod name. */
function labels(service: string, role: 'canary' | 'stable'): string {
  const pod = role === 'canary' ? `${TARGET}-7d9f8c6b5-x2k4q` : `${TARGET}-primary-5c8d7f9a4-m7n3p`;
  return `service="${service}",role="${role}",pod="${pod}"`;
}

/** Every sample line of one track at scrape `i`, by family. */
function trackLines(service: string, role: 'canary' | 'stable', t: Track, i: number, time: number, out: Map<string, string[]>): void {
  const l = labels(service, role);
  const scale = t.scale ?? 1;
  const push = (family: string, line: string): void => void out.get(family)?.push(`${line} ${time}`);
  for (const [le, c] of t.latency) push('http_request_duration_seconds', `http_request_duration_seconds_bucket{${l},le="${le}"} ${c * i * scale}`);
  push('http_request_duration_seconds', `http_request_duration_seconds_count{${l}} ${1000 * i * scale}`);
  push('http_request_duration_seconds', `http_request_duration_seconds_sum{${l}} ${150 * i * scale}`);
  for (const [code, n] of Object.entries(t.codes)) push('http_requests', `http_requests_total{${l},code="${code}"} ${n * i * scale}`);
  push('cost_per_useful_result', `cost_per_useful_result{${l}} ${t.cost}`);
  push('offer_acceptance_rate', `offer_acceptance_rate{${l}} ${t.acceptance}`);
}

/** OpenMetrics text for every scenario over [from, to] (seconds). */
export function canaryOpenMetrics(from: number, to: number): string {
  const families = new Map<string, string[]>([
    ['http_request_duration_seconds', ['# TYPE http_request_duration_seconds histogram', '# UNIT http_request_duration_seconds seconds']],
    ['http_requests', ['# TYPE http_requests counter']],
    ['cost_per_useful_result', ['# TYPE cost_per_useful_result gauge']],
    ['offer_acceptance_rate', ['# TYPE offer_acceptance_rate gauge']],
  ]);
  let i = 0;
  for (let t = from; t <= to; t += SCRAPE, i++) {
    for (const [service, s] of Object.entries(SCENARIOS)) {
      trackLines(service, 'stable', HEALTHY, i, t, families);
      trackLines(service, 'canary', s.canary, i, t, families);
    }
  }
  return `${[...families.values()].flat().join('\n')}\n# EOF\n`;
}

/** The card of the integration tests, reading one scenario's series. */
export function scenarioCard(service: string): string {
  return `release_id: it-${service}
artifacts: { model_uri: models:/churn-model/43 }
gates:
  data_gate: pass
  observability:
    planes:
      product: [offer_acceptance_rate]
rollout:
  strategy: canary
  steps: [5, 25, 50, 100]
  step_duration_minutes: 60
  min_requests_per_step: 1000
  series:
    selector: 'service="${service}"'
  auto_rollback_on:
    - p99_latency_ms > 800
    - error_rate > 0.8%
    - timeout_share >= 0.3%
    - cost_per_useful_result > 0.42
    - { metric: offer_acceptance_rate, op: "<", value: 0.1 }
`;
}
