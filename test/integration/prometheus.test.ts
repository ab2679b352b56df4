/**
 * Integration tests against real Prometheus binaries: promtool checks and unit-tests the generated
 * burn-rate rules (99.9 %, 99 %, 90 % and a low-traffic service, with the minimum-traffic guard), and the performance gate reads p95/p99 and ratios from a real server filled with
 * backfilled data whose values are known by construction. Skipped (with the reason) when promtool or
 * prometheus is not installed, unless RELEASE_GATES_REQUIRE_PROMETHEUS=1 (npm run test:integration).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Card } from '../../server/src/card/model';
import { parseCard } from '../../server/src/card/parse';
import { alertsCommand } from '../../server/src/cli/alerts';
import { runGates } from '../../server/src/gates/engine/run';
import type { CheckResult } from '../../server/src/gates/engine/types';
import { lowTrafficSuite } from '../../server/src/alerts/promtool-tests';
import { PROM_CASES, PROM_FIXTURES, type PromCase, rulesOf, suiteInput } from '../unit/alerts/fixture-suites';
import { backfill, freePort, openMetrics, type RunningProm, startPrometheus, which } from './prometheus-server';

const missing = ['promtool', 'prometheus'].filter((b) => which(b) === undefined);
if (missing.length > 0 && process.env.RELEASE_GATES_REQUIRE_PROMETHEUS === '1') {
  throw new Error(`${missing.join(' and ')} not found on PATH; npm run test:integration installs the Debian package prometheus`);
}
const skip = missing.length > 0 ? `${missing.join(' and ')} not installed: run npm run test:integration (installs Debian's prometheus package)` : false;

/** Runs promtool and returns its exit code and output. */
function promtool(args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Runs the alerts command on a card, writing the rules to `out` in `cwd`. */
async function alertsTo(card: string, out: string, cwd: string): Promise<void> {
  let err = '';
  const code = await alertsCommand.run([card, '--out', out], { cwd, out: () => {}, err: (t) => { err += t; }, isTTY: false, env: {} });
  assert.equal(code, 0, err);
}

describe('promtool on the generated burn-rate rules', { skip }, () => {
  for (const c of PROM_CASES) {
    it(`${c.dir}: accepts the rules the alerts command writes (10 rules: 5 ratios, 3 request rates, 2 alerts)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rg-promtool-'));
      await alertsTo(join(PROM_FIXTURES, c.dir, 'card.yaml'), 'rules.yaml', dir);
      const r = promtool(['check', 'rules', 'rules.yaml'], dir);
      assert.equal(r.status, 0, r.out);
      assert.match(r.out, /SUCCESS: 10 rules found/);
    });

    it(`${c.dir}: fires each alert at its burn rate, stays silent just below, and mutes low traffic (promtool test rules)`, () => {
      const folder = join(PROM_FIXTURES, c.dir);
      const suites = readdirSync(folder).filter((f) => f.endsWith('.test.yaml')).sort();
      assert.deepEqual(suites, ['burn-page-1h-5m.test.yaml', 'burn-page-6h-30m.test.yaml', 'burn-ticket-3d-6h.test.yaml', 'guard-low-traffic.test.yaml']);
      const r = promtool(['test', 'rules', ...suites], folder);
      assert.equal(r.status, 0, r.out);
      assert.equal(r.out.match(/SUCCESS/g)?.length, 4, r.out);
    });
  }

  it('regression: without the guard one failed request on a low-traffic service pages (slo.min_request_rate: 0)', () => {
    const c = PROM_CASES[0] as PromCase;
    const dir = mkdtempSync(join(tmpdir(), 'rg-promtool-unguarded-'));
    const text = readFileSync(join(PROM_FIXTURES, c.dir, 'card.yaml'), 'utf8').replace('  period_days: 30\n', '  period_days: 30\n  min_request_rate: 0\n');
    const rules = rulesOf(new Card(join(dir, 'card.yaml'), parseCard(text)));
    assert.equal(rules.guard.minRate, 0);
    writeFileSync(join(dir, 'alerts.rules.yaml'), rules.text);
    const suite = lowTrafficSuite(suiteInput(c, rules), { rate: rules.guard.oneFailureRate, guarded: false });
    writeFileSync(join(dir, suite.file), suite.text);
    const r = promtool(['test', 'rules', suite.file], dir);
    assert.equal(r.status, 0, r.out);
    assert.match(suite.text, /one failed request among 55\.6 in 1h .*fires without a guard/);
  });
});

/** The check with an id. */
function check(checks: CheckResult[], id: string): CheckResult {
  const c = checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id} in ${checks.map((x) => `${x.id}: ${x.message}`).join('\n')}`);
  return c;
}

/** A performance card over [start, end] with the given prometheus block fields. */
function card(dir: string, start: Date, end: Date, over: Record<string, string> = {}): Card {
  const p = {
    histogram_metric: 'rg_request_duration_seconds',
    error_ratio_query: 'sum(rate(rg_requests_failed_total[5m])) / sum(rate(rg_requests_total[5m]))',
    timeout_ratio_query: 'sum(rate(rg_requests_timed_out_total[5m])) / sum(rate(rg_requests_total[5m]))', ...over,
  };
  const lines = ['release_id: r-1', 'gates:', '  performance:', '    p95_latency_ms: 350', '    p99_latency_ms: 800', '    max_error_share: 0.008',
    '    max_timeout_share: 0.002', '    min_samples: 100000', '    target_load_rps: 60', '    prometheus:',
    ...Object.entries(p).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`),
    `      range: { start: "${start.toISOString()}", end: "${end.toISOString()}" }`];
  return new Card(join(dir, 'card.yaml'), parseCard(`${lines.join('\n')}\n`));
}

describe('performance gate against a real Prometheus', { skip }, () => {
  let dir = '';
  let prom: RunningProm | undefined;
  // One hour of load test, ending at a whole minute over an hour ago; data runs 10 minutes either side.
  const end = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000);
  const start = new Date(end.getTime() - 3_600_000);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rg-prom-it-'));
    const tsdb = backfill(dir, openMetrics(start.getTime() / 1000 - 600, end.getTime() / 1000 + 600));
    prom = await startPrometheus(dir, tsdb);
  });
  after(async () => {
    await prom?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the performance gate of a card against a URL. */
  async function gate(c: Card, url: string): Promise<CheckResult[]> {
    const r = await runGates(c, { root: dir, cardFile: join(dir, 'card.yaml'), gates: ['performance'], prometheus: { url, timeoutMs: 10_000 } });
    return r.gates[0]?.checks ?? [];
  }

  it('computes p95 = 300 ms, p99 = 650 ms, error 0.5 % and timeouts 0.1 % over the fixed range', async () => {
    const checks = await gate(card(dir, start, end), prom?.url as string);
    const value = (id: string): number => check(checks, id).observed as number;
    assert.ok(Math.abs(value('prometheus.p95_latency_ms') - 300) < 1e-6, String(value('prometheus.p95_latency_ms')));
    assert.ok(Math.abs(value('prometheus.p99_latency_ms') - 650) < 1e-6, String(value('prometheus.p99_latency_ms')));
    assert.ok(Math.abs(value('prometheus.error_share') - 0.005) < 1e-12);
    assert.ok(Math.abs(value('prometheus.timeout_share') - 0.001) < 1e-12);
    assert.equal(value('prometheus.min_samples'), 240_000); // 240 scrapes of 1000 inside the hour
    assert.ok(Math.abs(value('prometheus.target_load_rps') - 240_000 / 3600) < 1e-9);
    assert.ok(checks.every((c) => c.status === 'pass'), checks.map((c) => `${c.id} ${c.status}: ${c.message}`).join('\n'));
    const p99 = check(checks, 'prometheus.p99_latency_ms');
    assert.equal(p99.details?.query, 'histogram_quantile(0.99, sum by (le) (rate(rg_request_duration_seconds_bucket[1h])))');
    assert.deepEqual([p99.details?.range_start, p99.details?.range_end], [start.toISOString(), end.toISOString()]);
  });

  it('fails a p99 objective below the measured 650 ms', async () => {
    const c = card(dir, start, end);
    const text = c.parsed.text.replace('p99_latency_ms: 800', 'p99_latency_ms: 600');
    const checks = await gate(new Card(join(dir, 'card.yaml'), parseCard(text)), prom?.url as string);
    assert.equal(check(checks, 'prometheus.p99_latency_ms').status, 'fail');
  });

  it('turns an HTTP error, an empty result and an unreachable server into error checks', async () => {
    const bad = await gate(card(dir, start, end, { error_ratio_query: 'sum(rate(rg_requests_failed_total[5m]) /' }), prom?.url as string);
    assert.equal(check(bad, 'prometheus.error_share').status, 'error');
    assert.match(check(bad, 'prometheus.error_share').message, /answered HTTP 400 \(bad_data: /);
    const empty = await gate(card(dir, start, end, { histogram_metric: 'rg_no_such_metric_seconds' }), prom?.url as string);
    assert.match(check(empty, 'prometheus.p99_latency_ms').message, /no series \(empty result\)/);
    const port = await freePort();
    const down = await gate(card(dir, start, end), `http://127.0.0.1:${port}`);
    assert.ok(down.every((c) => c.status === 'error'));
    assert.match(check(down, 'prometheus.p99_latency_ms').message, /could not be reached \(ECONNREFUSED\)/);
  });
});

