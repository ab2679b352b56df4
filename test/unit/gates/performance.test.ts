import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performanceGate } from '../../../server/src/gates/performance';
import { foldStatus } from '../../../server/src/gates/engine/types';
import { card, check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('performance');

// requests.csv: 23 requests 100 ms apart (span 2.2 s). Warm latencies 10, 20, …, 200 ms (20 rows),
// cold starts 1000, 2000, 3000 ms. Row 5 answered 503, row 7 timed out.
// NumPy linear percentiles by hand: warm p95 h = 19·0.95 = 18.05 → 190 + 0.05·10 = 190.5;
// warm p99 h = 18.81 → 198.1; cold p95 h = 2·0.95 = 1.9 → 2000 + 0.9·1000 = 2900; cold p99 → 2980.
function perfCard(over: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    evidence: 'requests.csv', p95_latency_ms: '200', p99_latency_ms: '200', min_samples: '20', target_load_rps: '10',
    min_throughput_rps: '9', max_timeout_share: '0.05', max_error_share: '0.05', cold_start: '{ p95_latency_ms: 3000, p99_latency_ms: 3000 }', ...over,
  };
  const body = Object.entries(fields).filter(([, v]) => v !== '').map(([k, v]) => `  ${k}: ${v}`).join('\n');
  return card(`performance:\n${body}`);
}

describe('performance gate', () => {
  it('measures warm and cold percentiles, throughput and shares, and passes', async () => {
    const checks = await runGate(performanceGate, perfCard(), dir);
    assert.equal(foldStatus(checks), 'pass', checks.map((c) => c.message).join('\n'));
    const p95 = check(checks, 'p95_latency_ms');
    assert.equal(p95.observed, 190.5);
    assert.equal(p95.sampleSize, 20);
    assert.equal(p95.unit, 'ms');
    assert.deepEqual(p95.at, ['gates', 'performance', 'p95_latency_ms']);
    assert.ok(Math.abs((check(checks, 'p99_latency_ms').observed as number) - 198.1) < 1e-9);
    assert.ok(Math.abs((check(checks, 'cold_start.p95_latency_ms').observed as number) - 2900) < 1e-9);
    assert.ok(Math.abs((check(checks, 'cold_start.p99_latency_ms').observed as number) - 2980) < 1e-9);
    assert.deepEqual(check(checks, 'cold_start.p99_latency_ms').at, ['gates', 'performance', 'cold_start', 'p99_latency_ms']);
    assert.ok(Math.abs((check(checks, 'target_load_rps').observed as number) - 23 / 2.2) < 1e-9);
    const tput = check(checks, 'throughput_rps');
    assert.ok(Math.abs((tput.observed as number) - 21 / 2.2) < 1e-9);
    assert.deepEqual(tput.at, ['gates', 'performance', 'min_throughput_rps']);
    assert.equal(check(checks, 'timeout_share').observed, 1 / 23);
    assert.equal(check(checks, 'error_share').observed, 1 / 23);
    assert.equal(check(checks, 'min_samples').observed, 23);
  });

  it('fails when a percentile is above its threshold and says what to do', async () => {
    const checks = await runGate(performanceGate, perfCard({ p99_latency_ms: '198', max_error_share: '0.04' }), dir);
    assert.equal(foldStatus(checks), 'fail');
    const p99 = check(checks, 'p99_latency_ms');
    assert.equal(p99.status, 'fail');
    assert.equal(p99.threshold, 198);
    assert.match(p99.message, /above the limit of 198 ms/);
    assert.equal(check(checks, 'error_share').status, 'fail');
    assert.equal(check(checks, 'p95_latency_ms').status, 'pass');
  });

  it('is an error when the load test did not reach the target load or has too few samples', async () => {
    const checks = await runGate(performanceGate, perfCard({ target_load_rps: '50', min_samples: '1000' }), dir);
    assert.equal(check(checks, 'target_load_rps').status, 'error');
    assert.match(check(checks, 'target_load_rps').message, /below the 50 rps target load/);
    const min = check(checks, 'min_samples');
    assert.equal(min.status, 'error');
    assert.equal(min.observed, 23);
    assert.equal(foldStatus(checks), 'error');
  });

  it('turns a missing file into an error on every check, naming the file', async () => {
    const checks = await runGate(performanceGate, perfCard({ evidence: 'nope.csv' }), dir);
    assert.equal(checks.length, 9);
    for (const c of checks) {
      assert.equal(c.status, 'error');
      assert.match(c.message, /nope\.csv/);
    }
  });

  it('names the row and column of a mistyped latency', async () => {
    const checks = await runGate(performanceGate, perfCard({ evidence: 'bad-latency.csv', cold_start: '', target_load_rps: '', min_throughput_rps: '', max_timeout_share: '' }), dir);
    const p95 = check(checks, 'p95_latency_ms');
    assert.equal(p95.status, 'error');
    assert.match(p95.message, /bad-latency\.csv \(line 4, row 3, column latency_ms\)/);
    assert.equal(p95.evidence?.row, 3);
  });

  it('is an error when cold-start thresholds are set but no cold_start column exists', async () => {
    const checks = await runGate(performanceGate, perfCard({ evidence: 'bad-latency.csv', p95_latency_ms: '', p99_latency_ms: '', target_load_rps: '', min_throughput_rps: '', max_timeout_share: '', max_error_share: '', min_samples: '' }), dir);
    assert.ok(checks.every((c) => c.status === 'error'));
  });

  it('reports Prometheus evidence without a configured server as an error (the card never names the server)', async () => {
    const checks = await runGate(performanceGate, card('performance:\n  p99_latency_ms: 800\n  prometheus: { histogram_metric: http_request_duration_seconds_bucket, range: { start: "2026-11-25T00:00:00Z", end: "2026-11-25T01:00:00Z" } }'), dir);
    assert.equal(checks.length, 1);
    assert.equal(check(checks, 'prometheus.p99_latency_ms').status, 'error');
    assert.match(check(checks, 'prometheus.p99_latency_ms').message, /No Prometheus server is configured.*--prometheus-url/);
  });
});
