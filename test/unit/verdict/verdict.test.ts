// The one verdict, as a pure composition: schema errors refuse, open rule errors block, gates
// decide the rest; the standing verdict (editor, readiness) composes current findings with a
// record and never says pass while the card or a finding blocks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../server/src/card/findings';
import { checkCard } from '../../../server/src/check';
import { mergeRecords, toCardResults } from '../../../server/src/features/run/results-store';
import { verdictText } from '../../../server/src/features/lenses';
import { cardBlockers, standingVerdict, verdictOf, verdictStatus } from '../../../server/src/verdict';
import { card, CHURN, NOW, record } from '../readiness/helpers';

/** A finding with a code and severity at line 1. */
function finding(code: string, severity: Finding['severity'] = 'error'): Finding {
  return { code, severity, message: `${code} message`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
}

const SEVEN = ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'].map((gate) => ({ gate, status: 'pass' as const }));

/** The churn card's findings after a textual mutation, at the records' time. */
function findingsOf(text: string): Finding[] {
  return checkCard(card(text), { now: NOW }).findings;
}

describe('verdictOf', () => {
  it('splits blockers: schema and YAML codes refuse, rule errors block, warnings never do', () => {
    const b = cardBlockers([finding('schema-type'), finding('yaml-duplicate-key'), finding('require-canary'), finding('require-owner', 'warning'), finding('suppression-missing-reason')]);
    assert.deepEqual(b.schema.map((f) => f.code), ['schema-type', 'yaml-duplicate-key']);
    assert.deepEqual(b.rules.map((f) => f.code), ['require-canary', 'suppression-missing-reason']);
  });

  it('passes only with no blocker and every gate passing', () => {
    const v = verdictOf({ blockers: cardBlockers([finding('require-owner', 'warning')]), gates: SEVEN });
    assert.deepEqual([v.pass, v.status, v.summary], [true, 'pass', 'PASS: 7 of 7 gates passed. The release may take traffic.']);
  });

  it('blocks on an open rule error although every gate passed', () => {
    const v = verdictOf({ blockers: cardBlockers([finding('no-unpinned-feature-pipeline')]), gates: SEVEN });
    assert.deepEqual([v.pass, v.status], [false, 'fail']);
    assert.equal(v.summary, 'BLOCKED: 1 error-level rule finding is open (no-unpinned-feature-pipeline); 7 of 7 gates passed. The release must not take traffic.');
  });

  it('refuses a schema-invalid card whatever gates it is given', () => {
    const v = verdictOf({ blockers: cardBlockers([finding('schema-type')]), gates: SEVEN });
    assert.deepEqual([v.pass, v.status, v.computed], [false, 'error', false]);
    assert.match(v.summary, /^BLOCKED: the card does not match the schema \(1 error\), so no gate was computed;.*must not take traffic\.$/);
  });

  it('names failing gates and open rules together, and keeps error above fail', () => {
    const gates = SEVEN.map((g) => (g.gate === 'cost' ? { ...g, status: 'error' as const } : g.gate === 'data' ? { ...g, status: 'fail' as const } : g));
    const v = verdictOf({ blockers: cardBlockers([finding('require-canary'), finding('require-canary')]), gates });
    assert.equal(v.status, 'error');
    assert.equal(v.summary, 'BLOCKED: 1 gate(s) failed, 1 could not decide, 5 passed; 2 error-level rule findings are open (require-canary). The release must not take traffic.');
    assert.equal(verdictStatus('pass', { schema: 0, rules: 1 }), 'fail');
    assert.equal(verdictStatus(undefined, { schema: 0, rules: 0 }), 'error');
  });
});

describe('standing verdict (editor lens, status bar, readiness)', () => {
  it('passes the churn card with a complete passing record', () => {
    const s = standingVerdict({ findings: findingsOf(CHURN), record: record() });
    assert.deepEqual([s.state, s.title], ['pass', 'all gates passed']);
  });

  it('is blocked by an error-level finding opened after the run, without a new run', () => {
    const s = standingVerdict({ findings: findingsOf(CHURN.replace('strategy: canary', 'strategy: all_at_once')), record: record() });
    assert.equal(s.state, 'blocked');
    assert.match(s.title, /^blocked: \d+ rule errors? \(.*require-canary.*\)$/);
    assert.match(s.detail, /must not take traffic/);
  });

  it('is blocked by a schema error, whatever the record says', () => {
    const s = standingVerdict({ findings: findingsOf(CHURN.replace(/^ {4}p99_latency_ms: 800 .*$/m, '    p99_latency_ms: 800ms')), record: record() });
    assert.deepEqual([s.state, s.title], ['blocked', 'blocked: the card does not match the schema (1 error)']);
    assert.match(s.detail, /first, line \d+: gates\.performance\.p99_latency_ms must be a number/);
  });

  it('is not a pass when some gates have no result, nor when the results are stale', () => {
    const partial = { ...record(), gates: record().gates.slice(0, 3) };
    assert.equal(standingVerdict({ findings: [], record: partial }).state, 'none');
    assert.equal(standingVerdict({ findings: [], record: record(), stale: true, staleReason: 'bundle changed' }).title, 'stale: bundle changed');
    assert.equal(standingVerdict({ findings: [] }).state, 'none');
  });
});

describe('the editor faces of the verdict', () => {
  const stored = { record: record(), recordPath: null, stale: false };

  it('the top lens never says "all gates passed" while an error-level finding is open', () => {
    const now = new Date('2026-11-26T10:00:05.000Z');
    assert.equal(verdictText(stored, now, findingsOf(CHURN)), '✔ all gates passed just now');
    const open = findingsOf(CHURN.replace('feature_pipeline: feature-pipeline:v19 ', 'feature_pipeline: feature-pipeline:latest'));
    assert.equal(verdictText(stored, now, open), '✖ blocked: 1 rule error (no-unpinned-feature-pipeline) · just now');
  });

  it('CardResults carry the verdict and a status that is never pass while the verdict blocks', () => {
    const open = findingsOf(CHURN.replace('feature_pipeline: feature-pipeline:v19 ', 'feature_pipeline: feature-pipeline:latest'));
    const r = toCardResults('u', card(), stored, open);
    assert.deepEqual([r.status, r.verdict.state], ['fail', 'blocked']);
    assert.deepEqual([toCardResults('u', card(), stored, findingsOf(CHURN)).status, toCardResults('u', card(), stored, findingsOf(CHURN)).verdict.state], ['pass', 'pass']);
    assert.equal(toCardResults('u', card(), undefined, []).verdict.state, 'none');
  });

  it('a one-gate run merged into a passing record keeps the card blockers of the new run', () => {
    const next = { ...record(record().gates.filter((g) => g.gate === 'performance')), selected: ['performance'], status: 'fail' as const, blocked: { schema_invalid: false, findings: [{ code: 'require-canary', message: 'm', line: 1, column: 1 }] } };
    assert.equal(mergeRecords(record(), next).status, 'fail');
    const { blocked: _, ...clean } = next;
    assert.equal(mergeRecords(record(), { ...clean, status: 'pass' }).status, 'pass');
  });
});

describe('verdict: a run of some gates is not a verdict on the release', () => {
  it('does not let a --gate run that passed say the release may take traffic', () => {
    const v = verdictOf({ blockers: { schema: [], rules: [] }, gates: [{ gate: 'performance', status: 'pass' }], notRun: ['data', 'quality'] });
    assert.equal(v.status, 'pass');
    assert.equal(v.pass, false);
    assert.match(v.summary, /^PARTIAL: .* data, quality were not run/);
    assert.doesNotMatch(v.summary, /may take traffic\./);
  });
});
