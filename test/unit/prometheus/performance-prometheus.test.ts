import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { runCommand } from '../../../server/src/cli/run';
import { runGates } from '../../../server/src/gates/engine/run';
import type { CheckResult } from '../../../server/src/gates/engine/types';
import { FRAGMENT_CONFIG } from '../gates/engine-project';
import { type FakeProm, fakeProm, vector } from './fake-server';

const dir = mkdtempSync(join(tmpdir(), 'rg-prom-'));

/** A performance definition reading Prometheus over 2026-11-25 00:00–01:00. */
function perfCard(extra = '', block = ''): Card {
  const text = [
    'release_id: r-1', 'gates:', '  performance:',
    '    p95_latency_ms: 350', '    p99_latency_ms: 800', '    max_error_share: 0.008', '    max_timeout_share: 0.001', '    min_samples: 1000', extra,
    '    prometheus:', '      histogram_metric: http_request_duration_seconds{service="s"}',
    '      error_ratio_query: sum(rate(errs_total[5m])) / sum(rate(reqs_total[5m]))',
    '      timeout_ratio_query: sum(rate(timeouts_total[5m])) / sum(rate(reqs_total[5m]))',
    '      range: { start: "2026-11-25T00:00:00Z", end: "2026-11-25T01:00:00Z" }', block,
  ].filter((l) => l !== '').join('\n');
  return new Card(join(dir, 'card.yaml'), parseCard(`${text}\n`));
}

/** Runs the performance gate, optionally against a Prometheus URL. */
async function run(card: Card, url?: string): Promise<CheckResult[]> {
  const r = await runGates(card, { root: dir, cardFile: join(dir, 'card.yaml'), gates: ['performance'], ...(url ? { prometheus: { url } } : {}) });
  return r.gates[0]?.checks ?? [];
}

/** The check with an id. */
function check(checks: CheckResult[], id: string): CheckResult {
  const c = checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id} in ${checks.map((x) => x.id).join(', ')}`);
  return c;
}

describe('performance gate on Prometheus evidence', () => {
  let prom: FakeProm;
  let answers: Record<string, string>;
  before(async () => {
    prom = await fakeProm((q) => {
      const key = Object.keys(answers).find((k) => q.startsWith(k));
      return key ? vector(answers[key] as string) : vector();
    });
  });
  after(() => prom.close());

  it('measures p95/p99 from the histogram over the fixed range, and the ratios, recording query and range', async () => {
    answers = { 'histogram_quantile(0.95': '0.3', 'histogram_quantile(0.99': '0.9', 'sum(increase(': '5000', 'sum(rate(errs': '0.002', 'sum(rate(timeouts': '0.0005' };
    const checks = await run(perfCard(), prom.url);
    const p99 = check(checks, 'prometheus.p99_latency_ms');
    assert.deepEqual([p99.status, p99.observed, p99.threshold, p99.unit], ['fail', 900, 800, 'ms']);
    assert.deepEqual(p99.at, ['gates', 'performance', 'p99_latency_ms']);
    assert.equal(p99.details?.query, 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="s"}[1h])))');
    assert.deepEqual([p99.details?.range_start, p99.details?.range_end, p99.details?.prometheus_url], ['2026-11-25T00:00:00.000Z', '2026-11-25T01:00:00.000Z', prom.url]);
    assert.deepEqual([check(checks, 'prometheus.p95_latency_ms').status, check(checks, 'prometheus.p95_latency_ms').observed], ['pass', 300]);
    assert.equal(check(checks, 'prometheus.error_share').details?.query, 'sum(rate(errs_total[1h])) / sum(rate(reqs_total[1h]))');
    assert.deepEqual([check(checks, 'prometheus.error_share').status, check(checks, 'prometheus.timeout_share').status], ['pass', 'pass']);
    assert.deepEqual([check(checks, 'prometheus.min_samples').status, check(checks, 'prometheus.min_samples').observed], ['pass', 5000]);
    // Every query is evaluated at the range's end.
    assert.ok(prom.queries.every((q) => q.form.get('time') === String(Date.parse('2026-11-25T01:00:00Z') / 1000)));
  });

  it('turns empty results and NaN into error checks naming the query', async () => {
    answers = { 'histogram_quantile(0.95': 'NaN', 'sum(increase(': '5000', 'sum(rate(errs': '0', 'sum(rate(timeouts': '0' };
    const checks = await run(perfCard(), prom.url);
    const p95 = check(checks, 'prometheus.p95_latency_ms');
    assert.equal(p95.status, 'error');
    assert.match(p95.message, /could not be read: the query returned NaN.*Query: histogram_quantile\(0\.95/);
    assert.match(check(checks, 'prometheus.p99_latency_ms').message, /no series \(empty result\)/);
  });

  it('a negative value (a wrong query) is an error, not a share below every limit (issue 12)', async () => {
    answers = { 'histogram_quantile(': '0.3', 'sum(increase(': '5000', 'sum(rate(errs': '-0.5', 'sum(rate(timeouts': '0' };
    const checks = await run(perfCard(), prom.url);
    const errors = check(checks, 'prometheus.error_share');
    assert.equal(errors.status, 'error');
    assert.match(errors.message, /returned -0\.5 for error_share, and it cannot be negative/);
    assert.equal(check(checks, 'prometheus.timeout_share').status, 'pass');
  });

  it('needs a configured server and never takes one from the card', async () => {
    const checks = await run(perfCard());
    assert.ok(checks.every((c) => c.status === 'error'));
    assert.match(check(checks, 'prometheus.p99_latency_ms').message, /No Prometheus server is configured/);
  });

  it('reports what Prometheus cannot measure', async () => {
    answers = {};
    const checks = await run(perfCard('    min_throughput_rps: 100\n    cold_start: { p99_latency_ms: 2000 }'), prom.url);
    assert.equal(check(checks, 'throughput_rps').status, 'error');
    assert.match(check(checks, 'cold_start.p99_latency_ms').message, /Prometheus evidence alone cannot measure it/);
  });

  it('refuses to guess the unit of a histogram without a unit suffix', async () => {
    const card = new Card(join(dir, 'card.yaml'), parseCard('release_id: r\ngates:\n  performance:\n    p99_latency_ms: 800\n    prometheus: { histogram_metric: latency, range: { start: "2026-11-25T00:00:00Z", end: "2026-11-25T01:00:00Z" } }\n'));
    const checks = await run(card, prom.url);
    assert.deepEqual(checks.map((c) => [c.id, c.status]), [['prometheus.p99_latency_ms', 'error']]);
    assert.match(check(checks, 'prometheus.p99_latency_ms').message, /no unit suffix \(_seconds or _milliseconds\)/);
    assert.deepEqual(check(checks, 'prometheus.p99_latency_ms').at, ['gates', 'performance', 'prometheus', 'histogram_metric']);
  });

  it('rejects a range that ends before it starts, at the range', async () => {
    const card = new Card(join(dir, 'card.yaml'), parseCard('release_id: r\ngates:\n  performance:\n    p99_latency_ms: 800\n    prometheus: { histogram_metric: h_seconds, range: { start: "2026-11-25T01:00:00Z", end: "2026-11-25T00:00:00Z" } }\n'));
    const checks = await run(card, prom.url);
    assert.deepEqual(checks.map((c) => [c.id, c.status]), [['prometheus.range', 'error']]);
    assert.deepEqual(check(checks, 'prometheus.range').at, ['gates', 'performance', 'prometheus', 'range']);
  });
});

describe('release-gates run with Prometheus', () => {
  it('takes the URL from --prometheus-url, else RELEASE_GATES_PROMETHEUS_URL', async () => {
    const prom = await fakeProm(() => vector('0.5'));
    try {
      const card = join(dir, 'run-card.yaml');
      // A schema-valid fragment whose release-level rules the project turns into warnings: run
      // refuses a card that does not match the schema and blocks on open rule errors.
      writeFileSync(card, 'release_id: r-1\nartifacts:\n  model_uri: models:/m/3\ngates:\n  performance:\n    p99_latency_ms: 800\n    prometheus: { histogram_metric: h_seconds, range: { start: "2026-11-25T00:00:00Z", end: "2026-11-25T00:10:00Z" } }\nrollout:\n  strategy: canary\n  steps: [5, 100]\n');
      writeFileSync(join(dir, '.release-gates.yaml'), FRAGMENT_CONFIG);
      const go = async (args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> => {
        let out = '';
        const code = await runCommand.run([card, '--gate', 'performance', '--no-record', '--format', 'json', '--quiet', ...args], { cwd: dir, out: (t) => { out += t; }, err: () => {}, isTTY: false, env });
        return { code, out };
      };
      assert.equal((await go([], { RELEASE_GATES_PROMETHEUS_URL: prom.url })).code, 0);
      assert.equal(prom.queries.length, 1);
      assert.equal((await go(['--prometheus-url', prom.url], {})).code, 0);
      assert.equal(prom.queries.length, 2);
      const none = await go([], {});
      assert.equal(none.code, 1);
      assert.match(none.out, /No Prometheus server is configured/);
    } finally {
      await prom.close();
    }
  });
});
