// The editor's verdict says what `release-gates run` says: the top lens and the status bar's data
// (CardResults.verdict) never read "all gates passed" while an error-level finding is open or the
// card does not match the schema, and the editor's run refuses a schema-invalid card with the reason.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startRunSession, type RunSession } from './run-session';

/** The subset of CardResults the tests read. */
interface Results {
  status: string;
  verdict: { state: string; title: string; detail: string };
}

/** A code lens as the server sends it. */
interface Lens {
  range: { start: { line: number } };
  command: { title: string };
}

/** The titles of the lenses on the card's first line. */
async function topLenses(s: RunSession): Promise<string[]> {
  const lenses = await s.client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: s.uri } });
  return lenses.filter((l) => l.range.start.line === 0).map((l) => l.command.title);
}

describe('the editor verdict', () => {
  const sessions: RunSession[] = [];
  const start = async (): Promise<RunSession> => {
    const s = await startRunSession({ example: 'churn' });
    sessions.push(s);
    await s.open();
    return s;
  };
  after(async () => {
    for (const s of sessions) await s.close();
  });

  it('is blocked, not "all gates passed", while an error-level rule finding is open, and passes once it is suppressed with a reason', async () => {
    const s = await start();
    const unpinned = s.text.replace('feature_pipeline: feature-pipeline:v19 ', 'feature_pipeline: feature-pipeline:latest');
    await s.change(unpinned, 2);
    const r = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri });
    assert.equal(r.verdict.state, 'blocked', JSON.stringify(r.verdict));
    assert.notEqual(r.status, 'pass');
    assert.match(r.verdict.title, /rule error.*no-unpinned-feature-pipeline/);
    assert.match(r.verdict.detail, /must not take traffic/);
    const lens = (await topLenses(s))[1] ?? '';
    assert.match(lens, /^✖ blocked: .*rule error/);
    assert.doesNotMatch(lens, /passed/);

    // A suppression with a reason closes the finding: the verdict follows the edit without a new run.
    const pushed = s.client.waitFor<Results>('releaseGates/resultsChanged', (p) => p.verdict.state !== 'blocked');
    const suppressed = unpinned.replace('  feature_pipeline: feature-pipeline:latest', '  # release-gates-disable-next-line no-unpinned-feature-pipeline -- test of the verdict: the pipeline is pinned at deploy\n  feature_pipeline: feature-pipeline:latest');
    await s.change(suppressed, 3);
    const after = await pushed;
    // Whatever the clock does to other rules, the suppressed finding no longer blocks.
    assert.doesNotMatch(after.verdict.title, /no-unpinned-feature-pipeline/);
  });

  it('refuses to run a card that does not match the schema, says why, and records the refusal', async () => {
    const s = await start();
    const invalid = s.text.replace(/^ {4}p99_latency_ms: 800 .*$/m, '    p99_latency_ms: "800"');
    await s.change(invalid, 2);
    const pushed = s.client.waitFor<Results>('releaseGates/resultsChanged', (p) => p.status !== 'none');
    await assert.rejects(s.client.request('releaseGates/runGates', { uri: s.uri }), /does not match the schema \(1 error\), so no gate was computed and the release must not take traffic\. line \d+: gates\.performance\.p99_latency_ms must be a number, not the string "800"/);
    const r = await pushed;
    assert.equal(r.verdict.state, 'blocked');
    assert.equal(r.status, 'error');
    assert.match(r.verdict.title, /does not match the schema \(1 error\)/);
    assert.match((await topLenses(s))[1] ?? '', /^! blocked: the card does not match the schema \(1 error\)/);
    const file = join(s.root, 'card', 'release-card.run.json');
    assert.ok(existsSync(file));
    const record = JSON.parse(readFileSync(file, 'utf8')) as { status: string; gates: unknown[]; blocked?: { schema_invalid: boolean } };
    assert.deepEqual([record.status, record.gates.length, record.blocked?.schema_invalid], ['error', 0, true]);
  });
});
