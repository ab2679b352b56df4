// Regression tests of issue 12 ("Fail closed everywhere") for the performance gate: evidence that is
// not plausible (missing, infinite or negative latencies, blank status or flags, timestamps that do
// not cover the rows, duplicated requests, a span too short to show a rate) makes the checks that
// depend on it an error, never a pass. Fixtures are requests.csv (see performance.test.ts) with one
// fault each; test/fixtures/gates/performance/README.md lists them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performanceGate } from '../../../server/src/gates/performance';
import { foldStatus } from '../../../server/src/gates/engine/types';
import type { CheckResult } from '../../../server/src/gates/engine/types';
import { card, check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('performance');

/** A card on `file` with only the given thresholds (and card keys), as YAML lines. */
function perf(file: string, keys: Record<string, string>): string {
  const body = Object.entries({ evidence: file, ...keys }).map(([k, v]) => `  ${k}: ${v}`).join('\n');
  return card(`performance:\n${body}`);
}

/** Asserts `c` is an error whose message matches every pattern. */
function assertError(c: CheckResult, ...patterns: RegExp[]): void {
  assert.equal(c.status, 'error', `${c.id}: ${c.status}: ${c.message}`);
  for (const p of patterns) assert.match(c.message, p);
}

describe('performance gate: implausible evidence blocks (issue 12)', () => {
  // With rows 16–20 (the slowest warm requests, 160–200 ms) unusable, the remaining warm p99 is
  // about 150 ms and a 155 ms objective would pass although the real p99 is 198.1 ms.
  for (const [name, file] of [['blank', 'latency-blank-slow.csv'], ['NaN', 'latency-nan-slow.csv'], ['-1e999', 'latency-1e999-slow.csv']]) {
    it(`${name} latencies in the slowest rows make p99 an error naming file, column, count and first row`, async () => {
      const checks = await runGate(performanceGate, perf(file as string, { p99_latency_ms: '155' }), dir);
      const p99 = check(checks, 'p99_latency_ms');
      assertError(p99, new RegExp(`column latency_ms of ${(file as string).replace('.', '\\.')}: 5 `), /first at data row 16/);
      assert.equal(p99.observed, 5);
      assert.deepEqual(p99.evidence, { file, column: 'latency_ms', row: 16 });
      assert.equal(foldStatus(checks), 'error');
    });
  }

  it('-Infinity latencies in the slowest rows are an error naming the first bad row', async () => {
    const checks = await runGate(performanceGate, perf('latency-neg-infinity-slow.csv', { p99_latency_ms: '155' }), dir);
    assertError(check(checks, 'p99_latency_ms'), /row 16/, /latency_ms/);
  });

  it('all-negative latencies make every latency check an error instead of "p99 -47 ms"', async () => {
    const checks = await runGate(performanceGate, perf('latency-negative.csv', { p95_latency_ms: '100', p99_latency_ms: '100', cold_start: '{ p99_latency_ms: 100 }' }), dir);
    assertError(check(checks, 'p99_latency_ms'), /20 negative of 20 cells/, /first at data row 1\b/);
    assertError(check(checks, 'p95_latency_ms'), /negative/);
    assertError(check(checks, 'cold_start.p99_latency_ms'), /3 negative of 3 cells, first at data row 21/);
  });

  it('a blank status no longer counts as success: the error share is an error, and so is throughput', async () => {
    // The same rows with status 503 fail max_error_share 0.04 (1 of 23 = 4.3 %).
    const honest = await runGate(performanceGate, perf('requests.csv', { max_error_share: '0.04' }), dir);
    assert.equal(check(honest, 'error_share').status, 'fail');
    const checks = await runGate(performanceGate, perf('status-blank.csv', { max_error_share: '0.04', min_throughput_rps: '1' }), dir);
    assertError(check(checks, 'error_share'), /column status of status-blank\.csv: 1 missing of 23 cells, first at data row 5/, /blank_means/);
    assertError(check(checks, 'throughput_rps'), /column status/);
  });

  it('a status that is not an HTTP code (0, as some load generators write for a lost connection) is an error', async () => {
    const checks = await runGate(performanceGate, perf('status-zero.csv', { max_error_share: '0.04' }), dir);
    assertError(check(checks, 'error_share'), /1 not an HTTP status code \(100–599\) of 23 cells, first at data row 5/);
  });

  it('a blank status counts as the card maps it under blank_means, and only then', async () => {
    const failed = await runGate(performanceGate, perf('status-blank.csv', { max_error_share: '0.04', blank_means: '{ status: failed }' }), dir);
    assert.equal(check(failed, 'error_share').status, 'fail');
    assert.equal(check(failed, 'error_share').observed, 1 / 23);
    const ok = await runGate(performanceGate, perf('status-blank.csv', { max_error_share: '0.04', blank_means: '{ status: succeeded }' }), dir);
    assert.equal(check(ok, 'error_share').status, 'pass');
    assert.equal(check(ok, 'error_share').observed, 0);
  });

  it('a blank timed_out cell is an error for the timeout share unless mapped', async () => {
    const checks = await runGate(performanceGate, perf('timed-out-blank.csv', { max_timeout_share: '0.04' }), dir);
    assertError(check(checks, 'timeout_share'), /column timed_out of timed-out-blank\.csv: 1 missing of 23 cells, first at data row 7/);
    const mapped = await runGate(performanceGate, perf('timed-out-blank.csv', { max_timeout_share: '0.04', blank_means: '{ timed_out: true }' }), dir);
    assert.equal(check(mapped, 'timeout_share').status, 'fail');
  });

  it('a blank error flag is an error for the error share', async () => {
    const checks = await runGate(performanceGate, perf('error-flag-blank.csv', { max_error_share: '0.04' }), dir);
    assertError(check(checks, 'error_share'), /column error of error-flag-blank\.csv: 1 missing of 23 cells, first at data row 5/);
  });

  it('a blank cold_start cell is an error for both paths (the slowest cold request would move to the warm path)', async () => {
    const keys = { p99_latency_ms: '200', cold_start: '{ p99_latency_ms: 2500 }' };
    const checks = await runGate(performanceGate, perf('cold-blank.csv', keys), dir);
    assertError(check(checks, 'cold_start.p99_latency_ms'), /column cold_start of cold-blank\.csv: 1 missing of 23 cells, first at data row 23/);
    assertError(check(checks, 'p99_latency_ms'), /column cold_start/);
    const mapped = await runGate(performanceGate, perf('cold-blank.csv', { ...keys, blank_means: '{ cold_start: true }' }), dir);
    assert.equal(check(mapped, 'cold_start.p99_latency_ms').status, 'fail'); // 2980 ms > 2500 ms
  });

  it('timestamps blank except two rows 1 ms apart make the rates an error, not 23,000 rps', async () => {
    const checks = await runGate(performanceGate, perf('timestamps-sparse.csv', { target_load_rps: '10', min_throughput_rps: '9' }), dir);
    assertError(check(checks, 'target_load_rps'), /column timestamp of timestamps-sparse\.csv: 21 missing of 23 cells, first at data row 3/);
    assertError(check(checks, 'throughput_rps'), /column timestamp/);
  });

  it('a load test spanning less than one second shows no sustained rate', async () => {
    const checks = await runGate(performanceGate, perf('short-span.csv', { target_load_rps: '10', min_throughput_rps: '9' }), dir);
    assertError(check(checks, 'target_load_rps'), /0\.22 s/, /at least 1 s/);
    assertError(check(checks, 'throughput_rps'), /0\.22 s/);
  });

  it('duplicated request ids (the whole file twice) are an error on every check instead of doubling the offered load', async () => {
    const keys = { target_load_rps: '15', min_samples: '40', p99_latency_ms: '200', max_error_share: '0.05' };
    const checks = await runGate(performanceGate, perf('duplicated.csv', keys), dir);
    for (const id of ['target_load_rps', 'min_samples', 'p99_latency_ms', 'error_share']) {
      assertError(check(checks, id), /23 rows of duplicated\.csv repeat the request_id of an earlier row/, /first: data row 24 repeats row 1/, /duplicate_requests/);
    }
    assert.deepEqual(check(checks, 'target_load_rps').evidence, { file: 'duplicated.csv', column: 'request_id', row: 24 });
  });

  it('duplicate_requests: count_each counts every row as a request (retries that reuse an id)', async () => {
    const checks = await runGate(performanceGate, perf('duplicated.csv', { target_load_rps: '15', duplicate_requests: 'count_each' }), dir);
    assert.equal(check(checks, 'target_load_rps').status, 'pass');
    assert.ok(Math.abs((check(checks, 'target_load_rps').observed as number) - 46 / 2.2) < 1e-9);
  });

  it('without a request_id column, whole-row duplicates are the error', async () => {
    const dup = await runGate(performanceGate, perf('duplicated-no-id.csv', { target_load_rps: '15' }), dir);
    assertError(check(dup, 'target_load_rps'), /23 rows of duplicated-no-id\.csv repeat an earlier row in every column/);
    const sound = await runGate(performanceGate, perf('no-id.csv', { target_load_rps: '10' }), dir);
    assert.equal(check(sound, 'target_load_rps').status, 'pass');
  });

  it('a blank request id is an error, and so is a mapped request_id column that is not in the file', async () => {
    const blank = await runGate(performanceGate, perf('blank-request-id.csv', { target_load_rps: '10' }), dir);
    assertError(check(blank, 'target_load_rps'), /column request_id of blank-request-id\.csv: 1 missing of 23 cells, first at data row 10/);
    const unmapped = await runGate(performanceGate, perf('no-id.csv', { target_load_rps: '10', columns: '{ request_id: req }' }), dir);
    assertError(check(unmapped, 'target_load_rps'), /columns\.request_id names req/);
  });

  it('sound samples keep their exact figures', async () => {
    const checks = await runGate(performanceGate, perf('requests.csv', { p99_latency_ms: '200', target_load_rps: '10', max_error_share: '0.05', min_throughput_rps: '9' }), dir);
    assert.equal(foldStatus(checks), 'pass');
    assert.ok(Math.abs((check(checks, 'p99_latency_ms').observed as number) - 198.1) < 1e-9);
    assert.equal(check(checks, 'target_load_rps').observed, 23 / 2.2);
  });
});
