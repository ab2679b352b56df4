// The metric catalogue: each metric to its PromQL, units made to agree with the metric's name, and
// every card-written name or matcher checked so that a card cannot inject PromQL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueNames, quantileOf, resolveMetric, type MetricQuery } from '../../../server/src/rollout/catalogue';
import { parseMatchers, readSeries } from '../../../server/src/rollout/series';
import { cardOf, rolloutCard, SEED } from './helpers';

/** The resolved query of a metric on a card, or the reason it has none. */
function resolve(card: ReturnType<typeof cardOf>, metric: string, op = '>'): MetricQuery | string {
  const r = resolveMetric(card, readSeries(card, 'argo').series, metric, op);
  return r.ok ? r.query : r.reason;
}

function query(card: ReturnType<typeof cardOf>, metric: string, op = '>'): string {
  const q = resolve(card, metric, op);
  assert.ok(typeof q !== 'string', q as string);
  return q.build('role="canary"', '5m');
}

const seed = cardOf(SEED);

describe('catalogue on the seed card (conventional series)', () => {
  it('reads p99 latency in milliseconds from a seconds histogram', () => {
    assert.equal(query(seed, 'p99_latency_ms'), 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="churn-model",role="canary"}[5m]))) * 1000');
  });
  it('keeps seconds for a _seconds metric and converts a millisecond histogram', () => {
    assert.equal(query(seed, 'p95_latency_seconds'), 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="churn-model",role="canary"}[5m])))');
    const ms = rolloutCard(['series: { latency_histogram: rpc_latency_milliseconds }']);
    assert.match(query(ms, 'p95_latency_seconds'), /rpc_latency_milliseconds_bucket.*\)\)\) \/ 1000$/);
    assert.doesNotMatch(query(ms, 'p95_latency_ms'), /1000/);
  });
  it('reads error and timeout shares as ratios of counter rates, percent names times 100', () => {
    assert.equal(query(seed, 'error_rate'), '(sum(rate(http_requests_total{service="churn-model",role="canary",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="churn-model",role="canary"}[5m])))');
    assert.match(query(seed, 'timeout_share'), /code="504"/);
    assert.match(query(seed, 'error_percent'), /\) \* 100$/);
  });
  it('reads cost per useful result as a gauge, the worst pod deciding', () => {
    assert.equal(query(seed, 'cost_per_useful_result'), 'max(avg_over_time(cost_per_useful_result{service="churn-model",role="canary"}[5m]))');
    assert.match(query(seed, 'cost_per_useful_result', '<'), /^min\(/);
  });
  it('names p50 to p9999 and refuses p100 and p0', () => {
    assert.deepEqual(['5', '50', '99', '999', '9999'].map(quantileOf), [0.05, 0.5, 0.99, 0.999, 0.9999]);
    assert.equal(quantileOf('100'), undefined);
    assert.equal(quantileOf('0'), undefined);
    assert.match(resolve(seed, 'p100_latency_ms') as string, /not a percentile/);
  });
  it('has no series for a metric that is neither built in nor declared, and says what to declare', () => {
    assert.match(resolve(seed, 'cost_per_request') as string, /no series.*rollout\.series\.gauges/);
    assert.match(resolve(seed, 'gpu_latency_ms') as string, /pNN_latency_ms/);
  });
});

describe('catalogue with declared series', () => {
  const card = rolloutCard([
    'series:',
    '  selector: \'job="churn", env="prod"\'',
    '  canary_selector: \'track="canary"\'',
    '  stable_selector: \'track="stable"\'',
    '  requests_total: rpc_requests_total',
    '  error_selector: \'outcome="error"\'',
    '  gauges: { drift_share: feature_drift_ratio, p99_latency_ms: p99_recorded_seconds }',
  ], 'gates:\n  observability:\n    planes:\n      model: [churn_positive_rate, churn_score_bucket, predictions_total]\n');
  it('uses the declared selector, counter and error matcher', () => {
    assert.equal(query(card, 'error_rate'), '(sum(rate(rpc_requests_total{job="churn",env="prod",role="canary",outcome="error"}[5m])) / sum(rate(rpc_requests_total{job="churn",env="prod",role="canary"}[5m])))');
  });
  it('prefers a declared gauge, converting its unit to the metric\'s', () => {
    assert.equal(query(card, 'p99_latency_ms'), 'max(avg_over_time(p99_recorded_seconds{job="churn",env="prod",role="canary"}[5m])) * 1000');
    assert.match(query(card, 'drift_share'), /feature_drift_ratio/);
  });
  it('reads gauges from the observability planes, but never a counter or a histogram bucket', () => {
    assert.match(query(card, 'churn_positive_rate'), /^max\(avg_over_time\(churn_positive_rate\{/);
    assert.equal(typeof resolve(card, 'predictions_total'), 'string');
    assert.equal(typeof resolve(card, 'churn_score_bucket'), 'string');
    const names = catalogueNames(card);
    assert.ok(names.includes('churn_positive_rate') && names.includes('drift_share') && names.includes('p99_latency_ms'));
    assert.ok(!names.includes('predictions_total'));
  });
  it('refuses a gauge whose unit cannot become the metric\'s', () => {
    const bad = rolloutCard(['series: { gauges: { p99_latency_ms: error_ratio } }']);
    assert.match(resolve(bad, 'p99_latency_ms') as string, /cannot be converted/);
  });
  it('refuses a histogram whose name does not say its unit', () => {
    const bad = rolloutCard(['series: { latency_histogram: request_latency }']);
    assert.match(resolve(bad, 'p99_latency_ms') as string, /does not say its unit/);
  });
});

describe('series declarations a card may get wrong', () => {
  it('parses matchers with escaped quotes and commas inside values', () => {
    assert.deepEqual(parseMatchers('a="x,y", b=~"q\\"z"'), [{ label: 'a', op: '=', value: 'x,y' }, { label: 'b', op: '=~', value: 'q\\"z' }]);
  });
  it('refuses anything that could close the selector or add a query', () => {
    for (const bad of ['service="a"} or vector(1) or x{a="b"', 'service=a', '1abc="x"', 'a="x" b="y"', 'a="x\n"', 'a=="x"']) assert.equal(parseMatchers(bad), undefined, bad);
    const card = rolloutCard(['series: { selector: \'service="a"} or vector(1) #\', requests_total: "http_requests_total{a=\\"b\\"}" }']);
    const { problems, series } = readSeries(card, 'argo');
    assert.deepEqual(problems.map((p) => p.at.join('.')), ['rollout.series.selector', 'rollout.series.requests_total']);
    assert.equal(series.selector, 'service="churn-model"');
    assert.equal(series.requests, 'http_requests_total');
  });
  it('refuses wrong types and a canary selector equal to the stable one', () => {
    const card = rolloutCard(['series: { selector: 5, canary_selector: \'t="a"\', stable_selector: \'t="a"\', gauges: { x: [1] } }']);
    const at = readSeries(card, 'argo').problems.map((p) => p.at.join('.'));
    assert.deepEqual(at, ['rollout.series.selector', 'rollout.series.gauges.x', 'rollout.series.canary_selector']);
  });
  it('uses labels.service, else the model name, escaped as a label value', () => {
    assert.equal(readSeries(cardOf('release_id: r\nlabels: { service: "a\\"b" }\n'), 'argo').series.selector, 'service="a\\"b"');
    assert.equal(readSeries(cardOf('release_id: r\n'), 'argo').series.selector, 'service="service"');
  });
  it('gives Flagger its pod-name tracks and Argo its role labels by default', () => {
    assert.match(readSeries(seed, 'flagger').series.canary, /^pod=~"\{\{ target \}\}-\[0-9a-zA-Z\]\+-/);
    assert.match(readSeries(seed, 'flagger').series.stable, /primary/);
    assert.equal(readSeries(seed, 'argo').series.canary, 'role="canary"');
  });
  it('reuses the performance gate\'s histogram name but not its labels', () => {
    const card = cardOf('release_id: r\ngates:\n  performance:\n    prometheus: { histogram_metric: \'api_latency_seconds{env="loadtest"}\' }\n');
    const s = readSeries(card, 'argo').series;
    assert.equal(s.histogram, 'api_latency_seconds');
    assert.equal(s.from.histogram, 'gates.performance.prometheus.histogram_metric');
    assert.doesNotMatch(s.selector, /loadtest/);
  });
});
