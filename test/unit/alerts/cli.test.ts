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
    const printed = await run(['slo-card.yaml'], PROM_FIXTURES);
    assert.equal(printed.code, 0, printed.err);
    assert.equal(printed.out, readFileSync(join(PROM_FIXTURES, 'alerts.rules.yaml'), 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'rg-alerts-'));
    const written = await run([join(PROM_FIXTURES, 'slo-card.yaml'), '--out', 'rules.yaml'], dir);
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

  it('rejects bad usage', async () => {
    assert.equal((await run([], PROM_FIXTURES)).code, 2);
    assert.equal((await run(['a.yaml', '--bogus'], PROM_FIXTURES)).code, 2);
  });
});
