import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startRunSession, type RunSession } from './run-session';

/** The readiness report as the server sends it. */
interface Report {
  releaseId: string | null;
  ready: boolean;
  answers: { number: number; question: string; answer: 'yes' | 'no'; reason: string }[];
}

describe('readiness over LSP', () => {
  let s: RunSession;
  after(async () => {
    await s.close();
  });

  it('answers no for the gate questions before a run and yes for all twelve after it', async () => {
    s = await startRunSession();
    await s.open();
    const before = await s.client.request<Report>('releaseGates/readiness', { uri: s.uri });
    assert.equal(before.releaseId, 'ml-2026-11-26.1');
    assert.equal(before.answers.length, 12);
    assert.equal(before.ready, false);
    assert.deepEqual(before.answers.filter((a) => a.answer === 'no').map((a) => a.number), [2, 3, 4, 5, 6, 7, 10]);
    assert.match(before.answers[1]?.reason ?? '', /no run record yet/);
    await s.client.request('releaseGates/runGates', { uri: s.uri });
    const afterRun = await s.client.request<Report>('releaseGates/readiness', { uri: s.uri });
    assert.equal(afterRun.ready, true, JSON.stringify(afterRun.answers.filter((a) => a.answer === 'no')));
    assert.equal(afterRun.answers[1]?.question, 'Data gate passed on current input slice.');
    assert.match(afterRun.answers[1]?.reason ?? '', /data gate passed \d+ of \d+ checks/);
  });

  it('says no once the bundle has changed since the run', async () => {
    const stale = s.client.waitFor('releaseGates/resultsChanged', (r: { stale: boolean }) => r.stale);
    await s.change(s.text.replace('min_rows: 2000', 'min_rows: 2500'), 2);
    await stale;
    const report = await s.client.request<Report>('releaseGates/readiness', { uri: s.uri });
    assert.equal(report.ready, false);
    assert.match(report.answers[1]?.reason ?? '', /stale \(bundle changed\)/);
  });
});
