// The rollout in the editor, over stdio from the bundled server: lenses on `rollout:`, export
// through workspace/applyEdit, judging from the configured URL only, hover with each condition's
// PromQL, and completion of the metric catalogue.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { freePort } from '../integration/prometheus-server';
import { lineOf, startRunSession, type RunSession } from './run-session';

interface Lens {
  range: { start: { line: number } };
  command: { title: string; command: string; arguments?: unknown[] };
}

/** The lenses on the `rollout:` line. */
async function rolloutLenses(s: RunSession): Promise<Lens[]> {
  const all = await s.client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: s.uri } });
  return all.filter((l) => l.range.start.line === lineOf(s.text, 'rollout:'));
}

describe('rollout in the editor', () => {
  const sessions: RunSession[] = [];
  after(async () => {
    for (const s of sessions) await s.close();
  });

  it('offers export to both engines on rollout:, and judging only once a Prometheus URL is set', async () => {
    const s = await startRunSession();
    sessions.push(s);
    await s.open();
    const lenses = await rolloutLenses(s);
    assert.deepEqual(lenses.map((l) => [l.command.title, l.command.command, l.command.arguments]), [
      ['Export to Argo Rollouts…', 'releaseGates.server.exportRollout', [s.uri, 'argo']],
      ['Export to Flagger…', 'releaseGates.server.exportRollout', [s.uri, 'flagger']],
    ]);
    const judged = await s.client.request('workspace/executeCommand', { command: 'releaseGates.server.judgeCanary', arguments: [s.uri] }).then(() => '', (e: Error) => e.message);
    assert.match(judged, /No Prometheus URL is configured: set releaseGates\.prometheusUrl in your user settings/);
  });

  it('exports the rollout beside the card through an edit the user sees', async () => {
    const s = await startRunSession();
    sessions.push(s);
    await s.open();
    const shown = s.client.waitFor<{ type: number; message: string }>('window/showMessage');
    const r = await s.client.request<{ files: string[] }>('workspace/executeCommand', { command: 'releaseGates.server.exportRollout', arguments: [s.uri, 'argo'] });
    assert.deepEqual(r.files.map((f) => f.slice(f.indexOf('/card/'))), ['/card/rollout/argo/rollout.yaml', '/card/rollout/argo/analysis-template.yaml']);
    const edit = s.client.serverRequests.find((q) => q.method === 'workspace/applyEdit')?.params as { edit: { documentChanges: ({ kind: string; uri: string } | { edits: { newText: string }[] })[] } };
    const texts = edit.edit.documentChanges.flatMap((c) => ('edits' in c ? c.edits.map((e) => e.newText) : []));
    assert.deepEqual(texts.map((t) => (parseAllDocuments(t)[0]?.toJS() as { kind: string }).kind), ['Rollout', 'AnalysisTemplate']);
    assert.match((await shown).message, /^Wrote 2 Argo Rollouts file\(s\) to rollout\/argo\/ \(4 analysis metric\(s\)\); pass the in-cluster Prometheus address/);
    const bad = await s.client.request('workspace/executeCommand', { command: 'releaseGates.server.exportRollout', arguments: [s.uri, 'spinnaker'] }).then(() => '', (e: Error) => e.message);
    assert.match(bad, /unknown rollout target "spinnaker"/);
  });

  it('judges from the user\'s setting and shows the verdict: hold when Prometheus does not answer', async () => {
    const port = await freePort();
    const s = await startRunSession({ initializationOptions: { releaseGates: { prometheusUrl: `http://127.0.0.1:${port}` } } });
    sessions.push(s);
    await s.open();
    assert.deepEqual((await rolloutLenses(s)).map((l) => l.command.title), ['Export to Argo Rollouts…', 'Export to Flagger…', 'Judge canary now']);
    const shown = s.client.waitFor<{ type: number; message: string }>('window/showMessage');
    const r = await s.client.request<{ verdict: string }>('workspace/executeCommand', { command: 'releaseGates.server.judgeCanary', arguments: [s.uri] });
    assert.equal(r.verdict, 'hold');
    const m = await shown;
    assert.equal(m.type, 2);
    assert.match(m.message, /^Canary of churn-model: hold: the canary's request count over 1h could not be read \(Prometheus at http:\/\/127\.0\.0\.1:\d+ could not be reached/);
  });

  it('shows each condition\'s PromQL on hover, and why there is none', async () => {
    const s = await startRunSession();
    sessions.push(s);
    await s.open();
    const line = lineOf(s.text, '- error_rate > 0.8%');
    const h = await s.client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: s.uri }, position: { line, character: 8 } });
    assert.match(h.contents.value, /\*\*Auto-rollback: `error_rate > 0\.8%`\*\* — rolls back when the share of failed requests \(code=~"5\.\."\) among all requests of http_requests_total over the window, from 0 to 1 \(a condition written in % is divided by 100\) is above 0\.8 %\./);
    assert.match(h.contents.value, /Argo Rollouts \(every 5m, fails when `result\[0\] > 0\.008`\):\n\n```promql\n\(sum\(rate\(http_requests_total\{service="churn-model",role="canary",code=~"5\.\."\}\[5m\]\)\)/);
    assert.match(h.contents.value, /Flagger \(thresholdRange `\{"max":0\.008\}`\):\n\n```promql\n.*pod=~"\{\{ target \}\}-/);
    await s.change(s.text.replace('- error_rate > 0.8%', '- gpu_queue_latency_ms > 50'), 2);
    const none = await s.client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: s.uri }, position: { line, character: 8 } });
    assert.match(none.contents.value, /\*\*Auto-rollback condition: no query\*\*\n\n"gpu_queue_latency_ms > 50" cannot be expressed as a query/);
  });

  it('completes the metric catalogue where a condition\'s metric is typed, with the gate threshold', async () => {
    const s = await startRunSession();
    sessions.push(s);
    const text = s.text.replace('    - p99_latency_ms > 800\n', '    - p99_latency_ms > 800\n    - ti\n');
    await s.open();
    await s.change(text, 2);
    const line = lineOf(text, '    - ti');
    const list = await s.client.request<{ items: { label: string; textEdit?: { newText: string }; documentation?: { value: string } }[] }>('textDocument/completion', { textDocument: { uri: s.uri }, position: { line, character: 8 } });
    const timeouts = list.items.find((i) => i.label === 'timeout_share');
    assert.equal(timeouts?.textEdit?.newText, 'timeout_share > ${1:0.001}');
    assert.match(timeouts?.documentation?.value ?? '', /```promql\n\(sum\(rate\(http_requests_total\{service="churn-model",role="canary",code="504"\}/);
    assert.ok(list.items.some((i) => i.label === 'churn_positive_rate'), 'a gauge declared in a plane');
  });
});
