/**
 * The gate report and the run state over LSP (issue 16): `releaseGates/gateReport` answers the
 * card's report as self-contained HTML in VS Code's colours (every gate, charts after a run, no
 * script), the "Open gate report" lens appears for a client that names its command, and while a
 * run is in progress the lenses say "running…" instead of the previous verdict.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { lineOf, startRunSession, type RunSession } from './run-session';

interface Lens {
  range: { start: { line: number } };
  command: { title: string; command: string; arguments?: unknown[] };
}

interface Report {
  html: string;
  title: string;
  state: string;
}

const GATES = ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'];

describe('gate report over LSP', () => {
  let s: RunSession;
  after(async () => {
    await s?.close();
  });

  it('answers a report before any run (every gate "not run") and after one (charts with thresholds)', async () => {
    s = await startRunSession({ example: 'churn-blocked', initializationOptions: { clientCommands: ['releaseGates.openGateReport'] }, capabilities: { window: { workDoneProgress: true } } });
    await s.open();
    const before = await s.client.request<Report>('releaseGates/gateReport', { uri: s.uri });
    assert.equal(before.state, 'none');
    for (const gate of GATES) assert.match(before.html, new RegExp(`<section id="gate-${gate}"`));
    assert.match(before.html, /not run/);
    await s.client.request('releaseGates/runGates', { uri: s.uri });
    const after = await s.client.request<Report>('releaseGates/gateReport', { uri: s.uri });
    assert.equal(after.state, 'blocked');
    assert.match(after.html, /<body class="vscode">/);
    assert.match(after.html, /http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.doesNotMatch(after.html, /<script/i);
    assert.ok((after.html.match(/<figure class="chart"/g) ?? []).length >= 10);
    assert.ok((after.html.match(/aria-label="threshold/g) ?? []).length >= 10);
    assert.match(after.title, /^Gate report: release-card\.yaml$/);
  });

  it('offers "Open gate report" to a client that names its command', async () => {
    const lenses = await s.client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: s.uri } });
    const report = lenses.find((l) => l.command.title === '$(graph) Open gate report');
    assert.deepEqual(report?.command, { title: '$(graph) Open gate report', command: 'releaseGates.openGateReport', arguments: [s.uri] });
  });

  it('shows "running…" on the verdict and the gates being run while a run is in progress', async () => {
    // The progress begins once the run has started; the lenses asked for then see it in progress.
    const begun = s.client.waitFor<{ value: { kind: string } }>('$/progress', (p) => p.value.kind === 'begin');
    const done = s.client.request('releaseGates/runGates', { uri: s.uri, gates: ['performance'], workDoneToken: 'lens-test' });
    await begun;
    const lenses = await s.client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: s.uri } });
    const on = (line: number): string[] => lenses.filter((l) => l.range.start.line === line).map((l) => l.command.title);
    assert.ok(on(0).includes('⏳ running the performance gate…'), JSON.stringify(on(0)));
    assert.ok(on(lineOf(s.text, '  performance:')).includes('⏳ running…'));
    assert.ok(!on(lineOf(s.text, '  quality:')).includes('⏳ running…'), 'a gate not in the run keeps its result');
    await done;
    const later = await s.client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: s.uri } });
    assert.ok(!later.some((l) => l.command.title.startsWith('⏳')), 'the run is over');
  });
});
