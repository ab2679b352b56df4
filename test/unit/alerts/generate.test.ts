import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateAlerts } from '../../../server/src/alerts/generate';
import { ratioDenominator } from '../../../server/src/alerts/sli';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { runGates } from '../../../server/src/gates/engine/run';
import { fixtureFiles, loadCard, PROM_CASES, PROM_FIXTURES } from './fixture-suites';

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
    assert.ok(r.text.includes('expr: (svc:slo_errors_per_request:ratio_rate1h > (14.4 * (1 - 0.999)) and svc:slo_errors_per_request:ratio_rate5m > (14.4 * (1 - 0.999)) and svc:slo_requests:rate1h >= 0.0193)'
      + ' or (svc:slo_errors_per_request:ratio_rate6h > (6 * (1 - 0.999)) and svc:slo_errors_per_request:ratio_rate30m > (6 * (1 - 0.999)) and svc:slo_requests:rate6h >= 0.0193)\n'), r.text);
    for (const w of ['1h', '6h', '3d']) assert.ok(r.text.includes(`record: svc:slo_requests:rate${w}\n        expr: sum(rate(r_total[${w}]))`), w);
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

  it('regression: a 90 % SLO gets a capped profile whose alerts can fire, never 14.4 * (1 - 0.9)', () => {
    const r = generateAlerts(sloCard(`  objective_percent: 90\n${RATIO}`));
    assert.ok(r.ok);
    assert.deepEqual(r.windows.map((w) => [w.severity, w.factor, w.cappedFrom, w.longWindow]), [['page', 5, 14.4, '1h'], ['page', 5, 6, '6h'], ['ticket', 1, undefined, '3d']]);
    assert.ok(!r.text.includes('14.4 * (1 - 0.9)'), r.text);
    assert.match(r.text, /ratio_rate1h > \(5 \* \(1 - 0\.9\)\) and svc:slo_errors_per_request:ratio_rate5m > \(5 \* \(1 - 0\.9\)\)/);
    // Every threshold the rules compare with is at most half the requests failing.
    for (const [, f, o] of r.text.matchAll(/\((\d+(?:\.\d+)?) \* \(1 - (0\.\d+)\)\)/g)) assert.ok(Number(f) * (1 - Number(o)) <= 0.5 + 1e-12, `${f} * (1 - ${o})`);
    assert.match(r.notes[0] ?? '', /page 1h\/5m: the policy's 14\.4x needs an error ratio of 144 %; capped at 5x \(error ratio 50 %, half the fastest possible burn\), it detects 0\.694 % of the budget in 1h/);
    assert.match(r.text, /^# page 6h\/30m: the policy's 6x needs an error ratio of 60 %/m);
  });

  it('regression: refuses an explicit window that can never fire, at its factor', () => {
    const windows = '    burn_rate_windows:\n      - { severity: page, factor: 14.4, long_window: 1h, short_window: 5m }\n      - { severity: ticket, factor: 1, long_window: 3d, short_window: 6h }\n';
    const r = generateAlerts(sloCard(`  objective_percent: 90\n${RATIO}`, OWNED + windows));
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => p.at), [['gates', 'observability', 'burn_rate_windows', 0, 'factor']]);
    assert.match(r.problems[0]?.message ?? '', /^burn_rate_windows entry 1 \(page over 1h\/5m\): factor 14\.4 × the 10 % error budget of a 90 % SLO asks for an error ratio above 144 %.*can never fire\. Use 5 \(the derived 90 % profile's factor for 1h, capped at half the fastest possible burn\).*No rules were written\.$/);
    // Exactly at 100 % it still never fires: the rule compares with '>'.
    const exact = generateAlerts(sloCard(`  objective_percent: 90\n${RATIO}`, OWNED + windows.replace('14.4', '10')));
    assert.ok(!exact.ok);
    assert.match(exact.problems[0]?.message ?? '', /error ratio above 100 %/);
  });

  it('guard: the default is the rate below which one failed request fires; the card may set it or turn it off', () => {
    const def = generateAlerts(sloCard(`  objective_percent: 99.9\n${RATIO}`));
    assert.ok(def.ok);
    assert.deepEqual([def.guard.minRate, def.guard.source], [0.0193, 'default']);
    assert.match(def.text, /^# Minimum traffic: every pair also needs at least 0\.0193 req\/s \(69\.5 per hour\) over its long window \(the default/m);
    const set = generateAlerts(sloCard(`  objective_percent: 99.9\n  min_request_rate: 0.5\n${RATIO}`));
    assert.ok(set.ok);
    assert.deepEqual([set.guard.minRate, set.guard.source], [0.5, 'card']);
    assert.match(set.text, /svc:slo_requests:rate3d >= 0\.5\)/);
    const off = generateAlerts(sloCard(`  objective_percent: 99.9\n  min_request_rate: 0\n${RATIO}`));
    assert.ok(off.ok);
    assert.ok(!off.text.includes('slo_requests:rate'), 'no guard and no request-rate recordings');
    assert.match(off.notes.at(-1) ?? '', /No minimum-traffic guard \(slo\.min_request_rate: 0\): below 0\.0193 req\/s/);
  });

  it('guard: refuses a bad min_request_rate and an SLI it cannot read the request rate from, at the key to fix', () => {
    for (const bad of ['-1', '"fast"', '.nan', '.inf']) {
      const r = generateAlerts(sloCard(`  objective_percent: 99.9\n  min_request_rate: ${bad}\n${RATIO}`));
      assert.ok(!r.ok, bad);
      assert.deepEqual(r.problems[0]?.at, ['slo', 'min_request_rate'], bad);
      assert.match(r.problems[0]?.message ?? '', /must be a number of requests per second of 0 or more/);
    }
    const noDenominator = '  sli: { error_ratio_query: "1 - sum(rate(ok_total[5m])) / sum(rate(r_total[5m])) / 2" }\n';
    const r = generateAlerts(sloCard(`  objective_percent: 99.9\n${noDenominator}`));
    assert.ok(!r.ok);
    assert.deepEqual(r.problems[0]?.at, ['slo', 'sli', 'error_ratio_query']);
    assert.match(r.problems[0]?.message ?? '', /minimum-traffic guard \(0\.0193 req\/s \(69\.5 per hour\)\) needs the request rate.*set slo\.min_request_rate: 0/);
    assert.ok(generateAlerts(sloCard(`  objective_percent: 99.9\n  min_request_rate: 0\n${noDenominator}`)).ok);
  });

  it('reads the request rate from the denominator of an errors / requests query only', () => {
    assert.equal(ratioDenominator('sum(rate(e{path="/a/b"}[5m])) / sum(rate(r[5m]))'), 'sum(rate(r[5m]))');
    assert.equal(ratioDenominator('(sum by (svc) (rate(e[5m]))) / (sum by (svc) (rate(r[5m])))'), '(sum by (svc) (rate(r[5m])))');
    assert.equal(ratioDenominator('sum(rate(e[5m])) / on(svc) sum(rate(r[5m]))'), undefined);
    assert.equal(ratioDenominator('a / b / c'), undefined);
    assert.equal(ratioDenominator('sum(rate(e[5m])) / 60'), undefined);
    assert.equal(ratioDenominator('job:errors:ratio_rate5m'), undefined);
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
    for (const c of PROM_CASES) {
      for (const f of fixtureFiles(c)) {
        const path = join(PROM_FIXTURES, c.dir, f.file);
        if (process.env.UPDATE_FIXTURES === '1') writeFileSync(path, f.text);
        assert.equal(readFileSync(path, 'utf8'), f.text, `${c.dir}/${f.file} is stale: run UPDATE_FIXTURES=1 node --import tsx --test test/unit/alerts/generate.test.ts`);
      }
    }
  });

  it('writes rules that the observability gate accepts: every window pair, factor, owner and runbook', async () => {
    const cardFile = join(PROM_FIXTURES, 'slo-99.9', 'card.yaml');
    const result = await runGates(loadCard(cardFile), { root: join(PROM_FIXTURES, 'slo-99.9'), cardFile, gates: ['observability'], now: new Date('2026-11-26T00:00:00Z') });
    const checks = result.gates[0]?.checks ?? [];
    const alerting = checks.filter((c) => c.id.startsWith('burn_rate.') || c.id.startsWith('alert.'));
    assert.deepEqual(alerting.map((c) => [c.id, c.status, c.observed]), [
      ['burn_rate.page_1h_5m', 'pass', 14.4], ['burn_rate.page_6h_30m', 'pass', 6], ['burn_rate.ticket_3d_6h', 'pass', 1],
      ['alert.scorererrorbudgetburnfast', 'pass', 'team-scorer-oncall; runbooks/scorer.md#burn-rate'],
      ['alert.scorererrorbudgetburnslow', 'pass', 'team-scorer-platform; runbooks/scorer.md#slow-burn'],
    ]);
  });

  for (const [dir, factors] of [['slo-99', [13.44, 5.6, 0.933]], ['slo-90', [5, 5, 1]], ['low-traffic', [14.4, 6, 1]]] as const) {
    it(`writes guarded rules the observability gate accepts for the ${dir} fixture (${factors.join(', ')})`, async () => {
      const cardFile = join(PROM_FIXTURES, dir, 'card.yaml');
      const result = await runGates(loadCard(cardFile), { root: join(PROM_FIXTURES, dir), cardFile, gates: ['observability'] });
      const burn = (result.gates[0]?.checks ?? []).filter((c) => c.id.startsWith('burn_rate.'));
      assert.deepEqual(burn.map((c) => [c.id, c.status, c.observed]), [['burn_rate.page_1h_5m', 'pass', factors[0]], ['burn_rate.page_6h_30m', 'pass', factors[1]], ['burn_rate.ticket_3d_6h', 'pass', factors[2]]]);
    });
  }

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
