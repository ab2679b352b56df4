import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { lineOf, startRunSession, type RunSession } from './run-session';

/** A code lens as the server sends it. */
interface Lens {
  range: { start: { line: number } };
  command: { title: string; command: string; arguments?: unknown[] };
}

/** The lenses of the session's card. */
async function lensTitles(s: RunSession): Promise<Lens[]> {
  return s.client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: s.uri } });
}

/** The titles of the lenses on one line. */
function on(lenses: Lens[], line: number): string[] {
  return lenses.filter((l) => l.range.start.line === line).map((l) => l.command.title);
}

describe('code lenses', () => {
  const sessions: RunSession[] = [];
  after(async () => {
    for (const s of sessions) await s.close();
  });

  it('offer runs before any run, show results with their age after one, and turn stale on an edit', async () => {
    const s = await startRunSession({ example: 'churn-blocked', capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
    sessions.push(s);
    await s.open();
    const perf = lineOf(s.text, '  performance:');
    const before = await lensTitles(s);
    assert.deepEqual(on(before, 0), ['▶ Run all gates']);
    assert.deepEqual(on(before, perf), ['▶ Run gate']);
    const perfLens = before.find((l) => l.range.start.line === perf);
    assert.deepEqual(perfLens?.command, { title: '▶ Run gate', command: 'releaseGates.server.runGates', arguments: [s.uri, 'performance'] });
    assert.equal(before.filter((l) => l.command.title === '▶ Run gate').length, 7);

    await s.client.request('releaseGates/runGates', { uri: s.uri });
    const afterRun = await lensTitles(s);
    // The stale runbook is the rollback gate's failed check now; the rule saying the same steps aside.
    assert.deepEqual(on(afterRun, 0), ['▶ Run all gates', '! blocked: 6 failed, 1 could not decide · just now']);
    assert.deepEqual(on(afterRun, perf), ['▶ Run gate', '✖ failed: warm p99 latency: 1075 ms > 800 ms allowed · just now']);
    // The key fact of the error survives the lens's length: the file that is missing.
    assert.equal(on(afterRun, lineOf(s.text, '  robustness:'))[1], '! could not decide: evidence/robustness/fallback.csv does not exist · just now');
    // Issue 16: the alert keeps its name, and the failure says what is missing, not "… missing vs owner and runbook".
    assert.equal(on(afterRun, lineOf(s.text, '  observability:'))[1], '✖ failed: alert ChurnScorerLatencyHigh: no owner and no runbook; every alert needs an owner and a runbook · just now');

    const stale = s.client.waitFor('releaseGates/resultsChanged', (r: { stale: boolean }) => r.stale);
    await s.change(s.text.replace('max_rto_minutes: 15', 'max_rto_minutes: 14'), 2);
    await stale;
    const edited = await lensTitles(s);
    assert.deepEqual(on(edited, perf), ['▶ Run gate', 'stale: bundle changed']);
    assert.match(on(edited, 0)[1] ?? '', /^stale: bundle changed \(was error just now\)$/);
  });

  it('name the evidence file that changed when the card is saved after an evidence edit', async () => {
    const s = await startRunSession();
    sessions.push(s);
    await s.open();
    await s.client.request('releaseGates/runGates', { uri: s.uri, gates: ['performance'] });
    appendFileSync(join(s.root, 'card', 'evidence', 'perf', 'requests.csv'), '\n');
    const stale = s.client.waitFor<{ staleReason?: string }>('releaseGates/resultsChanged', (r) => r.staleReason !== undefined);
    s.client.notify('textDocument/didSave', { textDocument: { uri: s.uri } });
    assert.equal((await stale).staleReason, 'evidence changed: evidence/perf/requests.csv');
    const lenses = await lensTitles(s);
    assert.deepEqual(on(lenses, lineOf(s.text, '  performance:')), ['▶ Run gate', 'stale: evidence changed: evidence/perf/requests.csv']);
  });

  it('say "restricted mode" and carry no command in an untrusted workspace', async () => {
    const s = await startRunSession({ initializationOptions: { releaseGates: { trusted: false } } });
    sessions.push(s);
    await s.open();
    const lenses = await lensTitles(s);
    assert.deepEqual(on(lenses, 0), ['Run all gates (restricted mode)']);
    assert.ok(lenses.every((l) => l.command.command === '' && l.command.arguments === undefined));
    assert.equal(lenses.filter((l) => l.command.title === 'Run gate (restricted mode)').length, 7);
  });
});
