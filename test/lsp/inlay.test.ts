import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { lineOf, startRunSession, type RunSession } from './run-session';

/** An inlay hint as the server sends it. */
interface Hint {
  position: { line: number; character: number };
  label: string;
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

describe('inlay hints and threshold hover after a run', () => {
  let s: RunSession;
  after(async () => {
    await s.close();
  });

  it('show no hints before a run, then the measured value beside each threshold', async () => {
    s = await startRunSession({ example: 'churn-blocked', capabilities: { workspace: { inlayHint: { refreshSupport: true } } } });
    await s.open();
    const none = await s.client.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: s.uri }, range: WHOLE });
    assert.deepEqual(none, []);
    await s.client.request('releaseGates/runGates', { uri: s.uri });
    const hints = await s.client.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: s.uri }, range: WHOLE });
    const line = lineOf(s.text, 'p99_latency_ms: 800');
    const p99 = hints.find((h) => h.position.line === line);
    assert.ok(p99, JSON.stringify(hints.slice(0, 5)));
    assert.equal(p99.label, '1075 ms > 800 ms allowed ✖');
    assert.equal(p99.position.character, (s.text.split('\n')[line] ?? '').indexOf('800') + 3);
    const p95 = hints.find((h) => h.position.line === lineOf(s.text, 'p95_latency_ms: 350'));
    assert.match(p95?.label ?? '', /^\d+(\.\d+)? ms ≤ 350 ms allowed ✔$/);
    // Issue 16: a statistical margin reads as the bound it is compared with, not "0.01 = -0.002403".
    const delta = hints.find((h) => h.position.line === lineOf(s.text, 'non_inferiority_delta: 0.01'));
    assert.equal(delta?.label, 'lower 95 % bound −0.002403 > −0.01 ✔');
    const method = hints.find((h) => h.position.line === lineOf(s.text, 'method: auto'));
    // Several columns share `method: auto`: each is named, and a drifted column that does not block is ⚠, not ✔.
    assert.equal(method?.label, 'tenure_months 0.0189 ✔ · total_charges 0.4653 ⚠ · payment_method 0.0125 ✔ · +2 more');
  });

  it('honour the requested range', async () => {
    const line = lineOf(s.text, 'p99_latency_ms: 800');
    const range = { start: { line, character: 0 }, end: { line, character: 200 } };
    const hints = await s.client.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: s.uri }, range });
    assert.deepEqual(hints.map((h) => h.label), ['1075 ms > 800 ms allowed ✖']);
  });

  it('hover on a threshold tells the last measured value and when', async () => {
    const line = lineOf(s.text, 'p99_latency_ms: 800');
    const character = (s.text.split('\n')[line] ?? '').indexOf('p99') + 2;
    const hover = await s.client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: s.uri }, position: { line, character } });
    assert.match(hover.contents.value, /\*\*Last run\*\* just now/);
    assert.match(hover.contents.value, /✖ warm p99 latency \(`performance.p99_latency_ms`\): \*\*1075 ms > 800 ms allowed\*\* · exact: observed 1075\.\d+, threshold 800 · n = [\d,]+/);
  });

  it('mark hints stale once the bundle changes', async () => {
    const stale = s.client.waitFor('releaseGates/resultsChanged', (r: { stale: boolean }) => r.stale);
    await s.change(s.text.replace('max_rto_minutes: 15', 'max_rto_minutes: 16'), 2);
    await stale;
    const line = lineOf(s.text, 'p99_latency_ms: 800');
    const hints = await s.client.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: s.uri }, range: WHOLE });
    assert.equal(hints.find((h) => h.position.line === line)?.label, '1075 ms > 800 ms allowed ✖ (stale)');
  });
});
