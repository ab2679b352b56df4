import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { alertsCommand } from '../../../server/src/cli/alerts';
import type { CliIO } from '../../../server/src/cli/io';
import { PROM_FIXTURES } from './fixture-suites';

/** Runs the command with captured streams. */
async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { cwd, out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false, env: {} };
  const code = await alertsCommand.run(args, io);
  return { code, out, err };
}

describe('release-gates alerts', () => {
  it('prints the rules, or writes them to --out', async () => {
    const printed = await run(['slo-99.9/card.yaml'], PROM_FIXTURES);
    assert.equal(printed.code, 0, printed.err);
    assert.equal(printed.out, readFileSync(join(PROM_FIXTURES, 'slo-99.9', 'alerts.rules.yaml'), 'utf8'));
    assert.match(printed.err, /^release-gates alerts: note: Minimum traffic: every pair also needs at least 0\.0193 req\/s/m);
    const dir = mkdtempSync(join(tmpdir(), 'rg-alerts-'));
    const written = await run([join(PROM_FIXTURES, 'slo-99.9', 'card.yaml'), '--out', 'rules.yaml'], dir);
    assert.equal(written.code, 0);
    assert.equal(readFileSync(join(dir, 'rules.yaml'), 'utf8'), printed.out);
    assert.match(written.err, /wrote 2 alert\(s\) and 3 window pair\(s\) to rules\.yaml/);
  });

  it('fails with file:line:col messages and writes nothing when an alert has no runbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-alerts-'));
    writeFileSync(join(dir, 'c.yaml'), [
      'release_id: r-1', 'owner: team-a', 'slo:', '  objective_percent: 99.9', '  sli:',
      '    error_ratio_query: sum(rate(e_total[5m])) / sum(rate(r_total[5m]))', 'gates:', '  observability:', '    alerts:',
      '      - name: SloErrorBudgetBurnFast', '        severity: page', '',
    ].join('\n'));
    const r = await run(['c.yaml', '--out', 'rules.yaml'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /^c\.yaml:10:9: error The page burn-rate alert 'SloErrorBudgetBurnFast' has no runbook/m);
    assert.match(r.err, /^c\.yaml:9:5: error The ticket burn-rate alert 'SloErrorBudgetBurnSlow' has no runbook/m);
    assert.throws(() => readFileSync(join(dir, 'rules.yaml')));
  });

  it('regression: for a 90 % SLO writes factors capped at 5x, never the 14.4x that needs a 144 % error ratio', async () => {
    const r = await run(['slo-90/card.yaml'], PROM_FIXTURES);
    assert.equal(r.code, 0, r.err);
    assert.ok(!/14\.4 \* \(1 - 0\.9\)|6 \* \(1 - 0\.9\)/.test(r.out), r.out);
    assert.match(r.out, /ratio_rate1h > \(5 \* \(1 - 0\.9\)\)/);
    assert.match(r.err, /note: page 1h\/5m: the policy's 14\.4x needs an error ratio of 144 %; capped at 5x \(error ratio 50 %, half the fastest possible burn\), it detects 0\.694 % of the budget in 1h/);
  });

  it('regression: refuses a 90 % card whose explicit window can never fire, at file:line:col of its factor key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-alerts-'));
    writeFileSync(join(dir, 'c.yaml'), [
      'release_id: r-1', 'owner: team-a', 'slo:', '  objective_percent: 90', '  sli:',
      '    error_ratio_query: sum(rate(e_total[5m])) / sum(rate(r_total[5m]))', 'gates:', '  observability:', '    burn_rate_windows:',
      '      - { severity: page, factor: 14.4, long_window: 1h, short_window: 5m }', '',
    ].join('\n'));
    const r = await run(['c.yaml', '--out', 'rules.yaml'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /^c\.yaml:10:27: error burn_rate_windows entry 1 \(page over 1h\/5m\): factor 14\.4 × the 10 % error budget of a 90 % SLO asks for an error ratio above 144 %.*can never fire\. Use 5 .*\[alerts\]$/m);
    assert.throws(() => readFileSync(join(dir, 'rules.yaml')));
  });

  it('regression: refuses a minimum request rate that is not a number of requests per second, at its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-alerts-'));
    writeFileSync(join(dir, 'c.yaml'), [
      'release_id: r-1', 'owner: team-a', 'slo:', '  objective_percent: 99.9', '  min_request_rate: 3/min', '  sli:',
      '    error_ratio_query: sum(rate(e_total[5m])) / sum(rate(r_total[5m]))', '',
    ].join('\n'));
    const r = await run(['c.yaml'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /^c\.yaml:5:3: error slo\.min_request_rate is "3\/min", but it must be a number of requests per second of 0 or more/m);
  });

  it('rejects bad usage', async () => {
    assert.equal((await run([], PROM_FIXTURES)).code, 2);
    assert.equal((await run(['a.yaml', '--bogus'], PROM_FIXTURES)).code, 2);
  });
});
