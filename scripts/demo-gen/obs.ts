// Observability-gate evidence: an OTLP/JSON trace export of a test run, the metrics inventory,
// and the Prometheus rules file with the multiwindow burn-rate alerts of the 99.9 % / 30 d SLO.
import type { DemoConfig } from './config';
import { Rng } from './rng';

const PATH = ['gateway', 'feature_lookup', 'inference', 'postprocessing'] as const;

/** `n` random hex digits. */
function hex(r: Rng, n: number): string {
  let s = '';
  while (s.length < n) s += r.int(0, 0xffff).toString(16).padStart(4, '0');
  return s.slice(0, n);
}

/** One OTLP span as plain JSON. */
function span(traceId: string, spanId: string, parent: string, name: string, startNs: bigint, durMs: number): Record<string, unknown> {
  return {
    traceId, spanId, parentSpanId: parent, name, kind: parent === '' ? 2 : 1,
    startTimeUnixNano: String(startNs), endTimeUnixNano: String(startNs + BigInt(Math.round(durMs * 1e6))),
    attributes: [{ key: 'release.id', value: { stringValue: 'ml-2026-11-26.1' } }],
  };
}

/** traces.json: each request traced from the gateway through post-processing under one trace id. */
function traces(c: DemoConfig): string {
  const r = new Rng(c.seed + 51);
  const gateway: unknown[] = [];
  const scorer: unknown[] = [];
  const t0 = BigInt(Date.parse('2026-11-25T14:00:00Z')) * 1_000_000n;
  for (let i = 0; i < c.traces; i++) {
    const traceId = hex(r, 32);
    const root = hex(r, 16);
    const start = t0 + BigInt(i) * 2_000_000_000n;
    const lookup = 8 + r.next() * 20;
    const infer = 40 + r.next() * 60;
    const post = 2 + r.next() * 3;
    gateway.push(span(traceId, root, '', PATH[0], start, lookup + infer + post + 6));
    scorer.push(span(traceId, hex(r, 16), root, PATH[1], start + 2_000_000n, lookup));
    scorer.push(span(traceId, hex(r, 16), root, PATH[2], start + BigInt(Math.round((lookup + 3) * 1e6)), infer));
    scorer.push(span(traceId, hex(r, 16), root, PATH[3], start + BigInt(Math.round((lookup + infer + 4) * 1e6)), post));
  }
  const resource = (name: string, spans: unknown[]): unknown => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: name } }] },
    scopeSpans: [{ scope: { name: 'opentelemetry-instrumentation' }, spans }],
  });
  return JSON.stringify({ resourceSpans: [resource('api-gateway', gateway), resource('churn-scorer', scorer)] }, null, 1) + '\n';
}

/** metrics.txt: every metric the card lists under planes, plus a few more the service exports. */
const METRICS = [
  'container_cpu_usage_seconds_total', 'container_memory_working_set_bytes', 'http_requests_total', 'http_request_duration_seconds_bucket',
  'churn_score_bucket', 'feature_drift_score', 'churn_positive_rate', 'retention_offer_accepted_total', 'retention_offer_escalated_total',
  'subscription_cancelled_total', 'inference_cost_usd_total', 'cost_per_useful_result',
];

/** The burn-rate condition for one window pair, written as the SRE Workbook does. */
function pair(factor: string, long: string, short: string): string {
  const t = `(${factor} * (1 - 0.999))`;
  return `(churn_scorer:slo_errors_per_request:ratio_rate${long} > ${t} and churn_scorer:slo_errors_per_request:ratio_rate${short} > ${t})`;
}

/** alerts.rules.yaml. */
function rules(c: DemoConfig): string {
  const rec = ['5m', '30m', '1h', '6h', '3d'].map((w) => `      - record: churn_scorer:slo_errors_per_request:ratio_rate${w}
        expr: sum(rate(http_requests_total{service="churn-scorer",code=~"5.."}[${w}])) / sum(rate(http_requests_total{service="churn-scorer"}[${w}]))`);
  const alert = (name: string, expr: string, severity: string, runbook: string | undefined, team: string | undefined, forDur: string): string => `      - alert: ${name}
        expr: ${expr}
        for: ${forDur}
        labels:
          severity: ${severity}${team ? `\n          team: ${team}` : ''}
        annotations:
          summary: ${name} on churn-scorer${runbook ? `\n          runbook_url: ${runbook}` : ''}`;
  const alerts = [
    alert('ChurnScorerErrorBudgetBurnFast', `${pair('14.4', '1h', '5m')} or ${pair('6', '6h', '30m')}`, 'page', 'runbooks/churn-scorer.md#burn-rate', 'team-churn-platform', '2m'),
    alert('ChurnScorerErrorBudgetBurnSlow', pair('1', '3d', '6h'), 'ticket', 'runbooks/churn-scorer.md#burn-rate', 'team-churn-platform', '1h'),
    alert('ChurnFeatureDrift', 'max(feature_drift_score{service="churn-scorer"}) > 0.1', 'ticket', 'runbooks/churn-scorer.md#drift', 'team-churn-data', '30m'),
  ];
  // The blocked example adds a latency alert someone wrote in a hurry: no owner, no runbook.
  if (c.faults.unownedAlert) alerts.push(alert('ChurnScorerLatencyHigh', 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="churn-scorer"}[5m]))) > 0.8', 'page', undefined, undefined, '10m'));
  return `# Prometheus rules for churn-scorer: SLO 99.9 % over 30 days, multiwindow burn-rate alerts.\ngroups:\n  - name: churn-scorer-slo-recordings\n    rules:\n${rec.join('\n')}\n  - name: churn-scorer-alerts\n    rules:\n${alerts.join('\n')}\n`;
}

/** traces.json, metrics.txt and alerts.rules.yaml. */
export function obsEvidence(c: DemoConfig): Map<string, string> {
  return new Map([
    ['evidence/obs/traces.json', traces(c)],
    ['evidence/obs/metrics.txt', METRICS.join('\n') + '\n'],
    ['evidence/obs/alerts.rules.yaml', rules(c)],
  ]);
}
