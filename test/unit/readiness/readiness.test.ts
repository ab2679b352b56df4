import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUESTIONS, readiness, readinessText } from '../../../server/src/readiness';
import { allPassing, card, CHURN, NOW, passing, record } from './helpers';

/** The answers as "n:yes|no" for compact assertions. */
function verdicts(r: ReturnType<typeof readiness>): string[] {
  return r.answers.map((a) => `${a.number}:${a.answer}`);
}

describe('readiness: the twelve pre-rollout questions', () => {
  it('asks the seed\'s twelve questions in order', () => {
    assert.equal(QUESTIONS.length, 12);
    assert.equal(QUESTIONS[1], 'Data gate passed on current input slice.');
    assert.equal(QUESTIONS[11], 'A 24-hour post-release verification is assigned.');
  });

  it('is ready when the card is complete and a fresh record passed every gate', () => {
    const r = readiness({ card: card(), record: record(), stale: false, now: NOW });
    assert.equal(r.ready, true, JSON.stringify(r.answers.filter((a) => a.answer === 'no')));
    assert.equal(r.releaseId, 'ml-2026-11-26.1');
    assert.match(r.answers[6]?.reason ?? '', /complete traces/);
  });

  it('answers every gate question no without a record, with the reason', () => {
    const r = readiness({ card: card(), recordProblem: 'no run record yet', stale: false, now: NOW });
    assert.deepEqual(verdicts(r), ['1:yes', '2:no', '3:no', '4:no', '5:no', '6:no', '7:no', '8:yes', '9:yes', '10:no', '11:yes', '12:yes']);
    assert.equal(r.answers[1]?.reason, 'no run record yet; run "release-gates run" on the card');
    assert.equal(r.ready, false);
  });

  it('does not trust a stale record', () => {
    const r = readiness({ card: card(), record: record(), stale: true, staleReason: 'evidence changed: evidence/data/current.csv', now: NOW });
    assert.equal(r.answers[1]?.answer, 'no');
    assert.match(r.answers[1]?.reason ?? '', /stale \(evidence changed: evidence\/data\/current\.csv\)/);
  });

  it('says why a failed gate is a no, quoting the deciding check', () => {
    const gates = allPassing().map((g) => (g.gate !== 'performance' ? g : {
      gate: 'performance', status: 'fail' as const,
      checks: [{ id: 'p99_latency_ms', status: 'fail' as const, observed: 912, threshold: 800, unit: 'ms', message: 'slow', at: ['gates', 'performance', 'p99_latency_ms'] }],
    }));
    const r = readiness({ card: card(), record: record(gates), stale: false, now: NOW });
    assert.equal(r.answers[4]?.reason, 'the performance gate failed: warm p99 latency: 912 ms > 800 ms threshold');
  });

  it('treats an asserted gate as not computed, and a deferral as allowed', () => {
    const gates = allPassing().filter((g) => g.gate !== 'cost').map((g) => (g.gate === 'data' ? { ...g, asserted: true } : g));
    const rec = { ...record(gates), deferred: [{ gate: 'cost', owner: 'team-finops', deadline: '2026-12-31' }] };
    const r = readiness({ card: card(), record: rec, stale: false, now: NOW });
    assert.match(r.answers[1]?.reason ?? '', /only asserted/);
    assert.deepEqual([r.answers[5]?.answer, r.answers[5]?.reason], ['yes', 'deferred to team-finops until 2026-12-31, as the card\'s profile allows']);
  });

  it('answers the alert question no when the computed gate finds a deployed alert without owner and runbook', () => {
    const alert = { id: 'alert.churnscorerlatencyhigh', status: 'fail' as const, label: "alert 'ChurnScorerLatencyHigh'", summary: 'no owner and no runbook', message: 'm', at: ['gates', 'observability', 'alerts'] };
    const gates = allPassing().map((g) => (g.gate !== 'observability' ? g : { ...g, status: 'fail' as const, checks: [...g.checks, alert] }));
    const r = readiness({ card: card(), record: record(gates), stale: false, now: NOW });
    assert.equal(r.answers[7]?.answer, 'no');
    assert.match(r.answers[7]?.reason ?? '', /deployed alerts short of the card: alert 'ChurnScorerLatencyHigh'/);
  });

  it('needs a trace check for observability and a measured RTO for rollback', () => {
    const gates = allPassing().map((g) => (g.gate === 'observability' || g.gate === 'rollback' ? passing(g.gate, 'other') : g));
    const r = readiness({ card: card(), record: record(gates), stale: false, now: NOW });
    assert.equal(r.answers[6]?.answer, 'no');
    assert.match(r.answers[9]?.reason ?? '', /no measured RTO/);
  });

  it('answers the card questions from the rules', () => {
    const text = CHURN.replace(/\npost_release:\n(  .*\n|    .*\n)+/, '\n').replace('steps: [5, 25, 50, 100]', 'steps: [5, 25, 50]');
    const r = readiness({ card: card(text), record: record(), stale: false, now: NOW });
    assert.equal(r.answers[11]?.answer, 'no');
    assert.match(r.answers[11]?.reason ?? '', /\[require-post-release-owner\]$/);
    assert.equal(r.answers[8]?.answer, 'no');
    assert.match(r.answers[8]?.reason ?? '', /\[canary-steps-rise-to-full\]$/);
  });

  it('says no to the bundle question when the feature pipeline is not pinned', () => {
    const r = readiness({ card: card(CHURN.replace('feature-pipeline:v19', 'feature-pipeline:latest')), record: record(), stale: false, now: NOW });
    assert.equal(r.answers[0]?.answer, 'no');
    assert.match(r.answers[0]?.reason ?? '', /^line \d+: /);
  });

  it('prints one line per question and the verdict', () => {
    const text = readinessText(readiness({ card: card(), record: record(), stale: false, now: NOW }));
    assert.match(text, /^Readiness of ml-2026-11-26\.1/);
    assert.match(text, /✔ yes   2\. Data gate passed on current input slice\./);
    assert.match(text, /Verdict: PASS: 7 of 7 gates passed\. The release may take traffic\.\nREADY: every answer is yes and the verdict passes\.\n$/);
  });

  it('is not ready when every answer is yes but an error-level rule finding no question asks about is open', () => {
    // require-statistical-contract is no question's rule: readiness used to say READY here while run blocked.
    const text = CHURN.replace('    min_samples: 5000\n', '');
    const r = readiness({ card: card(text), record: record(), stale: false, now: NOW });
    assert.ok(r.answers.every((a) => a.answer === 'yes'), JSON.stringify(r.answers.filter((a) => a.answer === 'no')));
    assert.equal(r.verdict.state, 'blocked');
    assert.match(r.verdict.summary, /require-statistical-contract.*must not take traffic/);
    assert.equal(r.ready, false);
    assert.match(readinessText(r), /NOT READY: 0 answer\(s\) are no and the verdict does not pass/);
  });

  it('is not ready when the card does not match the schema, whatever its record says', () => {
    const text = CHURN.replace(/^ {4}max_rto_minutes: 15$/m, '    max_rto_minutes: "10m"');
    const r = readiness({ card: card(text), record: record(), stale: false, now: NOW });
    assert.equal(r.ready, false);
    assert.equal(r.verdict.state, 'blocked');
    assert.match(r.verdict.summary, /does not match the schema \(1 error\); first, line \d+: gates\.rollback\.max_rto_minutes must be a number, not the string "10m"/);
  });
});
