import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateAlerts } from '../../../server/src/alerts/generate';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { runGates } from '../../../server/src/gates/engine/run';
import { fixtureFiles, loadCard, PROM_FIXTURES } from './fixture-suites';

/** A card from text. */
function cardOf(text: string): Card {
  return new Card('card.yaml', parseCard(text));
}

const OWNED = `
owner: team-a
gates:
  observability:
    alerts:
      - { name: SvcErrorBudgetBurnFast, runbook: rb.md#fast, severity: page }
      - { name: SvcErrorBudgetBurnSlow, runbook: rb.md#slow, severity: ticket, owner: team-b }
`;

/** A card with an SLO and owned burn-rate alerts. */
function sloCard(slo: string, extra = OWNED): Card {
  return cardOf(`release_id: r-1\nlabels: { service: svc }\nslo:\n${slo}${extra}`);
}

const RATIO = '  sli: { error_ratio_query: "sum(rate(e_total[5m])) / sum(rate(r_total[5m]))" }\n';

describe('alerts generator', () => {
  it('writes the Workbook profile for 99.9 % over 30 days with one recording rule per window', () => {
    const r = generateAlerts(sloCard(`  objective_percent: 99.9\n${RATIO}`));
    assert.ok(r.ok);
    assert.deepEqual(r.windows.map((w) => [w.severity, w.factor, w.longWindow, w.shortWindow]), [['page', 14.4, '1h', '5m'], ['page', 6, '6h', '30m'], ['ticket', 1, '3d', '6h']]);
    for (const w of ['5m', '30m', '1h', '6h', '3d']) assert.ok(r.text.includes(`record: svc:slo_errors_per_request:ratio_rate${w}\n        expr: sum(rate(e_total[${w}])) / sum(rate(r_total[${w}]))`), w);
    assert.match(r.text, /\(svc:slo_errors_per_request:ratio_rate1h > \(14\.4 \* \(1 - 0\.999\)\) and svc:slo_errors_per_request:ratio_rate5m > \(14\.4 \* \(1 - 0\.999\)\)\) or \(svc:slo_errors_per_request:ratio_rate6h > \(6 \* /);
    assert.deepEqual(r.alerts.map((a) => [a.name, a.severity, a.owner, a.runbook]), [['SvcErrorBudgetBurnFast', 'page', 'team-a', 'rb.md#fast'], ['SvcErrorBudgetBurnSlow', 'ticket', 'team-b', 'rb.md#slow']]);
  });

  it('derives 13.44, 5.6 and 0.933 for 99 % over 28 days and reads good/total counters', () => {
    const r = generateAlerts(sloCard('  objective_percent: 99\n  period_days: 28\n  sli: { good_query: \'ok_total{svc="a"}\', total_query: \'all_total{svc="a"}\' }\n'));
    assert.ok(r.ok);
    assert.deepEqual(r.windows.map((w) => w.factor), [13.44, 5.6, 0.933]);
    assert.match(r.text, /\(13\.44 \* \(1 - 0\.99\)\)/);
    assert.match(r.text, /\(0\.933 \* \(1 - 0\.99\)\)/);
    assert.ok(r.text.includes('expr: 1 - ((sum(rate(ok_total{svc="a"}[1h]))) / (sum(rate(all_total{svc="a"}[1h]))))'));
  });

  it('refuses to write ownerless or runbook-less alerts, at the card path to fix', () => {
    const r = generateAlerts(sloCard(`  objective_percent: 99.9\n${RATIO}`, '\ngates:\n  observability:\n    alerts:\n      - { name: SvcErrorBudgetBurnFast, owner: team-a, severity: page }\n'));
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => p.at), [['gates', 'observability', 'alerts', 0, 'runbook'], ['owner'], ['gates', 'observability', 'alerts']]);
    assert.match(r.problems[0]?.message ?? '', /'SvcErrorBudgetBurnFast' has no runbook/);
    assert.match(r.problems[1]?.message ?? '', /'SvcErrorBudgetBurnSlow' has no owner/);
  });

  it('says where the SLI is unusable', () => {
    const r = generateAlerts(sloCard('  objective_percent: 99.9\n  sli: { error_ratio_query: job:errors:ratio }\n'));
    assert.ok(!r.ok);
    assert.deepEqual(r.problems[0]?.at, ['slo', 'sli', 'error_ratio_query']);
    assert.match(r.problems[0]?.message ?? '', /no range selector/);
    const none = generateAlerts(cardOf('release_id: r\n'));
    assert.ok(!none.ok);
    assert.deepEqual(none.problems[0]?.at, ['slo']);
  });

  it('keeps the committed promtool fixtures in step with the generator', () => {
    for (const f of fixtureFiles()) {
      const path = join(PROM_FIXTURES, f.file);
      if (process.env.UPDATE_FIXTURES === '1') writeFileSync(path, f.text);
      assert.equal(readFileSync(path, 'utf8'), f.text, `${f.file} is stale: run UPDATE_FIXTURES=1 node --import tsx --test test/unit/alerts/generate.test.ts`);
    }
  });

  it('writes rules that the observability gate accepts: every window pair, factor, owner and runbook', async () => {
    const cardFile = join(PROM_FIXTURES, 'slo-card.yaml');
    const result = await runGates(loadCard(cardFile), { root: PROM_FIXTURES, cardFile, gates: ['observability'], now: new Date('2026-11-26T00:00:00Z') });
    const checks = result.gates[0]?.checks ?? [];
    const alerting = checks.filter((c) => c.id.startsWith('burn_rate.') || c.id.startsWith('alert.'));
    assert.deepEqual(alerting.map((c) => [c.id, c.status, c.observed]), [
      ['burn_rate.page_1h_5m', 'pass', 14.4], ['burn_rate.page_6h_30m', 'pass', 6], ['burn_rate.ticket_3d_6h', 'pass', 1],
      ['alert.scorererrorbudgetburnfast', 'pass', 'team-scorer-oncall; runbooks/scorer.md#burn-rate'],
      ['alert.scorererrorbudgetburnslow', 'pass', 'team-scorer-platform; runbooks/scorer.md#slow-burn'],
    ]);
  });

  it('writes rules the gate accepts for 99 % over 28 days too (13.44, 5.6, 0.933)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-alerts-gate-'));
    const text = `release_id: r-1\nlabels: { service: svc }\nslo:\n  objective_percent: 99\n  period_days: 28\n${RATIO}${OWNED}    alert_rules: rules.yaml\n`;
    const cardFile = join(dir, 'card.yaml');
    writeFileSync(cardFile, text);
    const rules = generateAlerts(cardOf(text));
    assert.ok(rules.ok);
    writeFileSync(join(dir, 'rules.yaml'), rules.text);
    const result = await runGates(loadCard(cardFile), { root: dir, cardFile, gates: ['observability'] });
    const burn = (result.gates[0]?.checks ?? []).filter((c) => c.id.startsWith('burn_rate.'));
    assert.deepEqual(burn.map((c) => [c.id, c.status, c.observed]), [['burn_rate.page_1h_5m', 'pass', 13.44], ['burn_rate.page_6h_30m', 'pass', 5.6], ['burn_rate.ticket_3d_6h', 'pass', 0.933]]);
  });
});
