import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardInlayHints, distinctNames } from '../../../server/src/features/inlay-hints';
import { cardLenses, gateResultText } from '../../../server/src/features/lenses';
import { mergeRecords, ResultsStore, toCardResults, type StoredResults } from '../../../server/src/features/run/results-store';
import { runDiagnostics } from '../../../server/src/features/run/diagnostics';
import { ageText, comparisonText, shorten } from '../../../server/src/features/run/format';
import type { RecordGate } from '../../../server/src/records';
import { allPassing, card, CHURN, passing, record } from '../readiness/helpers';

const NOW = new Date('2026-11-26T10:04:02.000Z');
const P99 = ['gates', 'performance', 'p99_latency_ms'];

/** The performance gate failing on p99 with 912 ms. */
function slowGate(): RecordGate {
  return {
    gate: 'performance', status: 'fail',
    checks: [
      { id: 'p99_latency_ms', status: 'fail', observed: 912.3279999999, threshold: 800, unit: 'ms', sample_size: 20000, message: 'p99 is over the SLO.', at: P99, comparison: 'at_most' },
      { id: 'p95_latency_ms', status: 'pass', observed: 301.25, threshold: 350, unit: 'ms', message: 'ok', at: ['gates', 'performance', 'p95_latency_ms'], comparison: 'at_most' },
    ],
  };
}

/** Stored results where performance failed. */
function failing(stale = false): StoredResults {
  const gates = allPassing().map((g) => (g.gate === 'performance' ? slowGate() : g));
  return { record: { ...record(gates), status: 'fail' }, recordPath: '/x/release-card.run.json', stale, ...(stale ? { staleReason: 'bundle changed' } : {}) };
}

/** The line of a needle in the churn card. */
const lineOf = (needle: string): number => CHURN.split('\n').findIndex((l) => l.includes(needle));

describe('run result texts', () => {
  it('formats ages, comparisons and shortened messages', () => {
    assert.equal(ageText('2026-11-26T10:04:00.000Z', NOW), 'just now');
    assert.equal(ageText('2026-11-26T10:00:00.000Z', NOW), '4 min ago');
    assert.equal(ageText('2026-11-26T07:00:00.000Z', NOW), '3 h ago');
    assert.equal(ageText(null, NOW), 'at an unknown time');
    // Issue 16: rounded for people, and the failed comparison named ("> … allowed"), not "912.3279999 > 800".
    assert.equal(comparisonText(slowGate().checks[0]!), 'warm p99 latency: 912.3 ms > 800 ms allowed');
    assert.equal(comparisonText({ id: 'min_rows.current', status: 'error', observed: 10, threshold: 2000, unit: 'rows', comparison: 'at_least', message: '', at: [] }), 'rows in the current slice: 10 < 2000 rows required');
    assert.equal(comparisonText({ id: 'alert.x', label: 'alert ChurnScorerLatencyHigh', status: 'fail', observed: 'no owner and no runbook', threshold: 'an owner and a runbook', message: '', at: [] }), 'alert ChurnScorerLatencyHigh: no owner and no runbook; needs an owner and a runbook');
    assert.equal(shorten('one two three four five', 12), 'one two…');
  });

  it('says what a gate did, with its age', () => {
    assert.equal(gateResultText(allPassing()[0]!, '2026-11-26T10:00:00.000Z', NOW), '✔ passed 4 min ago');
    assert.equal(gateResultText(slowGate(), '2026-11-26T10:00:00.000Z', NOW), '✖ failed: warm p99 latency: 912.3 ms > 800 ms allowed · 4 min ago');
    const error: RecordGate = { gate: 'data', status: 'error', checks: [{ id: 'load', status: 'error', message: 'Evidence file evidence/data/current.csv is missing. The gate cannot decide.', at: ['gates', 'data'] }] };
    assert.equal(gateResultText(error, '2026-11-26T10:00:00.000Z', NOW), '! could not decide: Evidence file evidence/data/current.csv is missing · 4 min ago');
  });

  it('keeps the key fact of an error in the lens: the file that is missing, not a suite name cut short', () => {
    const message = "Suite 'timeout and empty features fallback': Evidence file 'evidence/robustness/fallback.csv' does not exist (looked for /x/evidence/robustness/fallback.csv). The gate cannot be computed without it.";
    const gate: RecordGate = { gate: 'robustness', status: 'error', checks: [{ id: 'suite.timeout_and_empty_features_fallback.pass_rate', status: 'error', message, threshold: 1, unit: 'share', summary: 'evidence/robustness/fallback.csv does not exist', at: ['gates', 'robustness'] }] };
    assert.equal(gateResultText(gate, '2026-11-26T10:00:00.000Z', NOW), '! could not decide: evidence/robustness/fallback.csv does not exist · 4 min ago');
  });
});

describe('results store', () => {
  it('notifies on set and on a real staleness change only', () => {
    const heard: string[] = [];
    const store = new ResultsStore((uri) => heard.push(uri));
    store.set('a', failing());
    assert.equal(store.markStale('a', false), false);
    assert.equal(store.markStale('a', true, 'bundle changed'), true);
    assert.equal(store.markStale('a', true, 'bundle changed'), false);
    assert.deepEqual(heard, ['a', 'a']);
    assert.equal(store.get('a')?.staleReason, 'bundle changed');
  });

  it('merges a one-gate run into the previous record of the same bundle only', () => {
    const previous = record();
    const next = { ...record([slowGate()]), selected: ['performance'], status: 'fail' as const };
    const merged = mergeRecords(previous, next);
    assert.deepEqual(merged.gates.map((g) => `${g.gate}:${g.status}`), ['data:pass', 'quality:pass', 'robustness:pass', 'performance:fail', 'cost:pass', 'observability:pass', 'rollback:pass']);
    assert.equal(merged.status, 'fail');
    assert.equal(mergeRecords({ ...previous, fingerprint: 'sha256:other' }, next), next);
  });

  it('locates gates and checks on the current card', () => {
    const r = toCardResults('file:///c.yaml', card(), failing());
    const perf = r.gates.find((g) => g.gate === 'performance');
    assert.equal(perf?.range.start.line, lineOf('  performance:'));
    assert.equal(perf?.checks[0]?.range.start.line, lineOf('p99_latency_ms: 800'));
    assert.equal(perf?.checks[0]?.sampleSize, 20000);
    assert.equal(toCardResults('u', card(), undefined).status, 'none');
  });

  it('does not call a card passed until every gate has a result', () => {
    const partial: StoredResults = { record: { ...record([passing('performance', 'p99_latency_ms')]), status: 'pass' }, recordPath: null, stale: false };
    assert.equal(toCardResults('u', card(), partial).status, 'none');
    const full: StoredResults = { record: { ...record(allPassing()), status: 'pass' }, recordPath: null, stale: false };
    assert.equal(toCardResults('u', card(), full).status, 'pass');
  });
});

describe('lenses, hints and diagnostics from results', () => {
  it('lenses: run all, verdict, and per gate run + result', () => {
    const lenses = cardLenses(card(), { uri: 'u', trusted: true, results: failing(), now: NOW });
    const at = (line: number): string[] => lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '');
    assert.deepEqual(at(0), ['▶ Run all gates', '✖ blocked: 1 failed, 0 could not decide · 4 min ago']);
    assert.deepEqual(at(lineOf('  performance:')), ['▶ Run gate', '✖ failed: warm p99 latency: 912.3 ms > 800 ms allowed · 4 min ago']);
    const stale = cardLenses(card(), { uri: 'u', trusted: true, results: failing(true), now: NOW });
    assert.ok(stale.some((l) => l.command?.title === 'stale: bundle changed'));
  });

  it('lenses: "running…" in place of the old verdict and results while a run is in progress', () => {
    const lenses = cardLenses(card(), { uri: 'u', trusted: true, results: failing(), now: NOW, running: { gates: ['performance'] } });
    const at = (line: number): string[] => lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '');
    assert.deepEqual(at(0), ['▶ Run all gates', '⏳ running the performance gate…']);
    assert.deepEqual(at(lineOf('  performance:')), ['▶ Run gate', '⏳ running…']);
    assert.deepEqual(at(lineOf('  quality:')), ['▶ Run gate', '✔ passed 4 min ago']);
    const all = cardLenses(card(), { uri: 'u', trusted: true, results: undefined, now: NOW, running: {} });
    assert.ok(all.some((l) => l.command?.title === '⏳ running all gates…'));
  });

  it('lenses: "Open gate report" only for a client that has the command, and not in restricted mode', () => {
    const title = '$(graph) Open gate report';
    const withCommand = cardLenses(card(), { uri: 'file:///c.yaml', trusted: true, results: failing(), now: NOW, reportCommand: 'releaseGates.openGateReport' });
    const report = withCommand.find((l) => l.command?.title === title);
    assert.deepEqual(report?.command, { title, command: 'releaseGates.openGateReport', arguments: ['file:///c.yaml'] });
    assert.equal(cardLenses(card(), { uri: 'u', trusted: true, results: failing(), now: NOW }).some((l) => l.command?.title === title), false);
    assert.equal(cardLenses(card(), { uri: 'u', trusted: false, results: failing(), now: NOW, reportCommand: 'x' }).some((l) => l.command?.title === title), false);
  });

  it('hints: the measured value at the end of the threshold, marked stale when stale', () => {
    const hints = cardInlayHints(card(), failing());
    const line = lineOf('p99_latency_ms: 800');
    const p99 = hints.find((h) => h.position.line === line);
    // A comparison, not "= 912 ms" after the card's 800, which read as an equation.
    assert.equal(p99?.label, '912.3 ms > 800 ms allowed ✖');
    assert.equal(p99?.position.character, (CHURN.split('\n')[line] ?? '').indexOf('800') + 3);
    assert.equal(cardInlayHints(card(), failing(true)).find((h) => h.position.line === line)?.label, '912.3 ms > 800 ms allowed ✖ (stale)');
    assert.deepEqual(cardInlayHints(card(), undefined), []);
  });

  it('hints: names that tell apart checks sharing a threshold', () => {
    assert.deepEqual(distinctNames(['drift.tenure_months', 'drift.region']), ['tenure_months', 'region']);
    assert.deepEqual(distinctNames(['cost_per_useful_result_7d.cap', 'cost_per_useful_result_30d.cap']), ['7d', '30d']);
    assert.deepEqual(distinctNames(['min_rows.current', 'min_rows.reference']), ['current', 'reference']);
    assert.deepEqual(distinctNames(['burn_rate.page_1h_5m', 'burn_rate.page_6h_30m']), ['1h_5m', '6h_30m']);
    assert.deepEqual(distinctNames(['a', 'a']), ['a', 'a']);
  });

  it('hints: checks that share a threshold are each named', () => {
    const at = ['gates', 'performance', 'p99_latency_ms'];
    const shared: RecordGate = { gate: 'data', status: 'pass', checks: ['tenure_months', 'total_charges', 'payment_method', 'region'].map((col, i) => ({ id: `drift.${col}`, status: 'pass' as const, observed: [0.0189, 0.4653, 0.0125, 0.006228][i], threshold: 0.1, message: '', at })) };
    const results: StoredResults = { record: { ...record([shared]), status: 'pass' }, recordPath: null, stale: false };
    const hint = cardInlayHints(card(), results).find((h) => h.position.line === lineOf('p99_latency_ms: 800'));
    assert.equal(hint?.label, 'tenure_months 0.0189 ✔ · total_charges 0.4653 ✔ · payment_method 0.0125 ✔ · +1 more');
    assert.match(String(hint?.tooltip), /drift of region: 0\.006228 < 0\.1 threshold/);
  });

  it('diagnostics: one error per failed threshold, information when stale', () => {
    const [d] = runDiagnostics(card(), failing());
    assert.equal(d?.code, 'gate.performance.p99_latency_ms');
    assert.equal(d?.severity, 1);
    assert.equal(d?.range.start.line, lineOf('p99_latency_ms: 800'));
    assert.equal(d?.message, 'performance gate failed: warm p99 latency: 912.3 ms > 800 ms allowed (n = 20,000). p99 is over the SLO.');
    const [s] = runDiagnostics(card(), failing(true));
    assert.equal(s?.severity, 3);
    assert.match(String(s?.message ?? ''), /^stale \(bundle changed\), last run: performance gate failed/);
  });

  it('diagnostics: a problem several checks share is one diagnostic with their count', () => {
    const message = "Evidence file 'perf/requests.csv' does not exist (looked for /x/perf/requests.csv). The gate cannot be computed without it, which blocks the release; produce the file or fix the path in the card.";
    const ids = ['p99_latency_ms', 'p95_latency_ms', 'max_error_share'];
    const gate: RecordGate = { gate: 'performance', status: 'error', checks: ids.map((id) => ({ id, status: 'error' as const, message, summary: 'perf/requests.csv does not exist', at: ['gates', 'performance', id] })) };
    const results: StoredResults = { record: { ...record([gate]), status: 'error' }, recordPath: null, stale: false };
    const diagnostics = runDiagnostics(card(), results);
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0]?.message ?? ''), /The same problem stops 3 checks: warm p99 latency, warm p95 latency, max error share\.$/);
    assert.equal((String(diagnostics[0]?.message ?? '').match(/blocks the release/g) ?? []).length, 1);
    assert.equal(diagnostics[0]?.relatedInformation?.length, 2);
  });
});
