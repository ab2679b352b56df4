import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, describe, it } from 'node:test';
import { lineOf, startRunSession, type RunSession } from './run-session';
import type { Diagnostics } from './server';

/** The subset of CardResults the tests read. */
interface Results {
  status: string;
  stale: boolean;
  staleReason?: string;
  recordPath: string | null;
  gates: { gate: string; status: string; checks: { id: string; status: string }[] }[];
}

/** A `$/progress` notification. */
interface Progress {
  token: string | number;
  value: { kind: string; message?: string; percentage?: number };
}

const HOLD = 'RELEASE_GATES_TEST_HOLD_GATE';

/** Collects every `$/progress` notification from now on. */
function collectProgress(s: RunSession): Progress[] {
  const seen: Progress[] = [];
  void s.client.waitFor<Progress>('$/progress', (p) => {
    seen.push(p);
    return false;
  }).catch(() => undefined);
  return seen;
}

/** The id the harness will give its next request, so a test can cancel it. */
function nextRequestId(s: RunSession): number {
  return (s.client as unknown as { nextId: number }).nextId;
}

/** Sends a request and reports whether it has settled, for "not finished yet" assertions. */
function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  const p = promise.finally(() => (settled = true));
  p.catch(() => undefined);
  return { promise: p, settled: () => settled };
}

describe('running gates over LSP', () => {
  const sessions: RunSession[] = [];
  const start = async (...args: Parameters<typeof startRunSession>): Promise<RunSession> => {
    const s = await startRunSession(...args);
    sessions.push(s);
    return s;
  };
  afterEach(() => {
    delete process.env[HOLD];
  });
  after(async () => {
    for (const s of sessions) await s.close();
  });

  it('runs every gate of the churn example, reports progress per gate and writes the record', async () => {
    const s = await start();
    await s.open();
    const progress = collectProgress(s);
    const changed = s.client.waitFor<Results>('releaseGates/resultsChanged', (r) => r.status !== 'none');
    const results = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri, workDoneToken: 'run-1' });
    assert.equal(results.status, 'pass');
    assert.deepEqual(results.gates.map((g) => [g.gate, g.status]), [
      ['data', 'pass'], ['quality', 'pass'], ['robustness', 'pass'], ['performance', 'pass'], ['cost', 'pass'], ['observability', 'pass'], ['rollback', 'pass'],
    ]);
    assert.equal(results.stale, false);
    assert.ok(results.recordPath && existsSync(results.recordPath));
    assert.equal((await changed).status, 'pass');
    const mine = progress.filter((p) => p.token === 'run-1');
    assert.equal(mine[0]?.value.kind, 'begin');
    assert.equal(mine.filter((p) => /gate: pass$/.test(p.value.message ?? '')).length, 7);
    assert.equal(mine.at(-1)?.value.kind, 'end');
  });

  it('parses large evidence in worker threads under the run worker, with the same verdict and per-file progress', async () => {
    const s = await start();
    await s.open();
    const before = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri, gates: ['data'] });
    // The same rows 24 times over (about 9.5 MB per file): over the 8 MiB at which tables load in
    // a worker thread, with the same distributions, so the verdict must not change.
    for (const name of ['current.csv', 'reference.csv']) {
      const file = join(s.root, 'card', 'evidence', 'data', name);
      const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
      writeFileSync(file, [header, ...Array.from({ length: 24 }, () => rows).flat()].join('\n') + '\n');
    }
    const progress = collectProgress(s);
    const after = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri, gates: ['data'], workDoneToken: 'big' });
    assert.equal(after.gates[0]?.status, before.gates[0]?.status, JSON.stringify(after.gates[0]?.checks.filter((c) => c.status !== 'pass')));
    assert.ok(progress.some((p) => /reading evidence\/data\/current\.csv: 100 %/.test(p.value.message ?? '')), 'per-file progress from the worker');
  });

  it('runs one gate from the server command with server-created progress, keeping the other results', async () => {
    const s = await start({ capabilities: { window: { workDoneProgress: true } } });
    await s.open();
    await s.client.request('releaseGates/runGates', { uri: s.uri });
    const progress = collectProgress(s);
    const results = await s.client.request<Results>('workspace/executeCommand', { command: 'releaseGates.server.runGates', arguments: [s.uri, 'performance'] });
    assert.equal(results.gates.length, 7, 'a one-gate run keeps the other gates of the same bundle');
    assert.ok(progress.some((p) => p.value.kind === 'begin'), 'the server created a progress token');
    assert.ok(progress.some((p) => p.value.message === 'performance gate: pass'));
  });

  it('cancels a run through $/cancelRequest; an edit during the run is validated before the run ends', async () => {
    process.env[HOLD] = 'quality';
    const s = await start();
    await s.open();
    const holding = s.client.waitFor<Progress>('$/progress', (p) => p.value.message === 'quality gate…');
    const id = nextRequestId(s);
    const run = tracked(s.client.request<Results>('releaseGates/runGates', { uri: s.uri, workDoneToken: 'held' }));
    await holding;
    const broken = s.text.replace('strategy: canary', 'strategy: canery');
    const diagnostics = await s.change(broken, 2);
    assert.ok(diagnostics.diagnostics.some((d) => d.code === 'schema-enum'));
    assert.equal(run.settled(), false, 'the run is still in flight while the edit was validated');
    s.client.notify('$/cancelRequest', { id });
    await assert.rejects(run.promise, /cancelled/);
    assert.equal(existsSync(join(s.root, 'card', 'release-card.run.json')), false, 'a cancelled run writes no record');
  });

  it('terminates a worker whose gate ignores the abort signal (window/workDoneProgress/cancel)', async () => {
    process.env[HOLD] = 'quality:stuck';
    const s = await start({ capabilities: { window: { workDoneProgress: true } } });
    await s.open();
    const holding = s.client.waitFor<Progress>('$/progress', (p) => p.value.message === 'quality gate…');
    const run = s.client.request<Results>('workspace/executeCommand', { command: 'releaseGates.server.runGates', arguments: [s.uri] });
    const { token } = await holding;
    s.client.notify('window/workDoneProgress/cancel', { token });
    await assert.rejects(run, /cancelled/);
    // The server is still healthy: a later request is answered.
    const results = await s.client.request<Results>('releaseGates/cardResults', { uri: s.uri });
    assert.equal(results.status, 'none');
  });

  it('puts a diagnostic on each failed threshold of churn-blocked, and states its stale runbook once', async () => {
    const s = await start({ example: 'churn-blocked' });
    await s.open();
    const published = s.client.waitFor<Diagnostics>('textDocument/publishDiagnostics', (p) => p.uri === s.uri && p.diagnostics.some((d) => String(d.code).startsWith('gate.')));
    const results = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri });
    assert.equal(results.status, 'error');
    const { diagnostics } = await published;
    const p99 = diagnostics.find((d) => d.code === 'gate.performance.p99_latency_ms');
    assert.ok(p99, JSON.stringify(diagnostics.map((d) => d.code)));
    assert.equal(p99.severity, 1);
    assert.equal(p99.range.start.line, lineOf(s.text, 'p99_latency_ms: 800'));
    assert.match(p99.message, /performance gate failed: warm p99 latency: 1075 ms > 800 ms allowed \(n = [\d,]+\)/);
    // One fact, one finding: the rollback gate's failed runbook check, not also the rule that says the same.
    assert.equal(diagnostics.filter((d) => d.code === 'gate.rollback.runbook.last_tested').length, 1);
    assert.equal(diagnostics.filter((d) => d.code === 'require-tested-runbook').length, 0);
    assert.ok(diagnostics.some((d) => d.code === 'gate.robustness.suite.timeout_and_empty_features_fallback.pass_rate'), 'errored checks too');
  });

  it('downgrades run diagnostics to information once the bundle changes', async () => {
    const s = await start({ example: 'churn-blocked' });
    await s.open();
    await s.client.request('releaseGates/runGates', { uri: s.uri });
    const stale = s.client.waitFor<Results>('releaseGates/resultsChanged', (r) => r.stale);
    const edited = s.text.replace('p99_latency_ms: 800', 'p99_latency_ms: 1200');
    await s.change(edited, 2);
    assert.equal((await stale).staleReason, 'bundle changed');
    const republished = await s.client.waitFor<Diagnostics>('textDocument/publishDiagnostics', (p) => p.uri === s.uri && p.diagnostics.some((d) => d.code === 'gate.performance.p99_latency_ms' && d.severity === 3));
    assert.match(republished.diagnostics.find((d) => d.code === 'gate.performance.p99_latency_ms')?.message ?? '', /^stale \(bundle changed\)/);
  });

  it('refuses to run in restricted mode and runs once the workspace is trusted', async () => {
    const s = await start({ initializationOptions: { releaseGates: { trusted: false } } });
    await s.open();
    await assert.rejects(s.client.request('releaseGates/runGates', { uri: s.uri }), /restricted mode/);
    await assert.rejects(s.client.request('workspace/executeCommand', { command: 'releaseGates.server.runGates', arguments: [s.uri] }), /restricted mode/);
    s.client.notify('workspace/didChangeConfiguration', { settings: { releaseGates: { trusted: true } } });
    const results = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri, gates: ['rollback'] });
    assert.equal(results.gates[0]?.status, 'pass');
  });

  it('follows trust pulled through workspace/configuration, as the VS Code client answers it', async () => {
    let trusted = false;
    // As the VS Code client does, trust rides with the initialization options too, so no pull can race the first run.
    const s = await start({ capabilities: { workspace: { configuration: true } }, initializationOptions: { releaseGates: { trusted } } });
    s.client.configuration = (section) => (section === 'releaseGates' ? { trusted } : null);
    await s.open();
    await assert.rejects(s.client.request('releaseGates/runGates', { uri: s.uri }), /restricted mode/);
    trusted = true;
    const revalidated = s.client.waitFor<Diagnostics>('textDocument/publishDiagnostics', (p) => p.uri === s.uri);
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
    await revalidated;
    const results = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri, gates: ['cost'] });
    assert.equal(results.gates[0]?.status, 'pass');
  });

  it('reports a threshold loosened after a failed run, from the record the run wrote', async () => {
    const s = await start();
    await s.open();
    const strict = s.text.replace('p99_latency_ms: 800 ', 'p99_latency_ms: 100 ');
    await s.change(strict, 2);
    const failed = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri, gates: ['performance'] });
    assert.equal(failed.status, 'fail');
    const loosened = s.change(s.text, 3);
    const diags = await loosened;
    const found = diags.diagnostics.filter((d) => d.code === 'no-loosened-threshold');
    assert.equal(found.length, 1, JSON.stringify(diags.diagnostics.map((d) => d.code)));
    assert.equal(found[0]?.range.start.line, lineOf(s.text, 'p99_latency_ms: 800 '));
    assert.match(found[0]?.message ?? '', /was 100 when check p99_latency_ms failed/);
  });

  it('follows files changed outside the editor: evidence makes results stale, a record written elsewhere replaces them', async () => {
    const s = await start({ capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    await s.open();
    const registration = s.client.serverRequests.find((r) => r.method === 'client/registerCapability');
    assert.match(JSON.stringify(registration?.params), /workspace\/didChangeWatchedFiles.*\*\*\/\*/);
    const ran = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri, gates: ['performance'] });
    assert.equal(ran.stale, false);
    const csv = join(s.root, 'card', 'evidence', 'perf', 'requests.csv');
    const toStale = s.client.waitFor<Results>('releaseGates/resultsChanged', (r) => r.stale);
    appendFileSync(csv, readFileSync(csv, 'utf8').split('\n')[1] + '\n');
    s.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(csv).href, type: 2 }] });
    const stale = await toStale;
    assert.equal(stale.staleReason, 'evidence changed: evidence/perf/requests.csv');

    // A run in a terminal writes a new record: the editor shows it without a run of its own.
    const recordFile = join(s.root, 'card', 'release-card.run.json');
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { finished_at: string };
    record.finished_at = '2026-11-26T23:59:00.000Z';
    writeFileSync(recordFile, JSON.stringify(record));
    const replaced = s.client.waitFor<Results & { finishedAt: string | null }>('releaseGates/resultsChanged', (r) => (r as { finishedAt?: string }).finishedAt === record.finished_at);
    s.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(recordFile).href, type: 2 }] });
    assert.equal((await replaced).finishedAt, record.finished_at);
  });

  it('brings results back after a restart from the run record', async () => {
    const first = await startRunSession();
    await first.open();
    await first.client.request('releaseGates/runGates', { uri: first.uri });
    await first.close(true);
    const s = await start({ root: first.root });
    const loaded = s.client.waitFor<Results>('releaseGates/resultsChanged', (r) => r.status !== 'none');
    await s.open();
    const fromRecord = await loaded;
    assert.equal(fromRecord.status, 'pass');
    assert.equal(fromRecord.stale, false);
    const asked = await s.client.request<Results>('releaseGates/cardResults', { uri: s.uri });
    assert.equal(asked.gates.length, 7);
  });

  it('answers an unknown gate and a non-card with errors, not crashes', async () => {
    const s = await start();
    await s.open();
    await assert.rejects(s.client.request('releaseGates/runGates', { uri: s.uri, gates: ['speed'] }), /unknown gate "speed"/);
    await assert.rejects(s.client.request('releaseGates/runGates', { uri: 'untitled:Untitled-1' }), /not a release card on disk/);
    assert.ok(s.client.alive);
  });
});
