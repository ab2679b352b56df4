import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RunProgress, runGates } from '../../../server/src/gates/engine/run';
import { loadRequests } from '../../../server/src/evidence/loader';
import { performanceGate } from '../../../server/src/gates/performance';
import type { GateDefinition, GateResult } from '../../../server/src/gates/engine/types';
import { cardWith, PERF_GATE, passingRequests, tempProject } from './engine-project';

const NOW = new Date('2026-11-26T12:00:00Z');

function gate(result: { gates: GateResult[] }, id: string): GateResult {
  const g = result.gates.find((x) => x.gate === id);
  if (!g) throw new Error(`no gate ${id} among ${result.gates.map((x) => x.gate).join(', ')}`);
  return g;
}

describe('gate engine', () => {
  it('computes a defined gate, and passes when every selected gate passes', async () => {
    const p = tempProject(cardWith(PERF_GATE));
    p.write('perf/requests.csv', passingRequests());
    const r = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, gates: ['performance'], now: NOW });
    assert.equal(r.status, 'pass', JSON.stringify(r.gates));
    assert.deepEqual(r.selected, ['performance']);
    assert.equal(r.releaseId, 'ml-test.1');
    assert.match(r.fingerprint, /^sha256:[0-9a-f]{64}$/);
    assert.equal(r.evidence.length, 1);
    assert.equal(r.evidence[0]?.path, 'perf/requests.csv');
    assert.match(r.evidence[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(r.now, NOW.toISOString());
    p.cleanup();
  });

  it('treats asserted statuses as not computed: pass is an error, fail is a fail', async () => {
    const p = tempProject(cardWith('  data_gate: pass\n  quality_gate: fail\n'));
    const r = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, gates: ['data', 'quality'], now: NOW });
    const data = gate(r, 'data');
    assert.equal(data.status, 'error');
    assert.equal(data.asserted, true);
    assert.match(data.checks[0]?.message ?? '', /^asserted, not computed: add a definition with evidence/);
    assert.deepEqual(data.checks[0]?.at, ['gates', 'data_gate']);
    assert.equal(gate(r, 'quality').status, 'fail');
    assert.equal(gate(r, 'quality').asserted, true);
    assert.equal(r.status, 'error');
    p.cleanup();
  });

  it('reports a gate the card neither defines nor asserts as missing', async () => {
    const p = tempProject(cardWith('  data_gate: pass\n'));
    const r = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, now: NOW });
    assert.equal(r.gates.length, 7);
    assert.deepEqual(r.gates.map((g) => g.gate), ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback']);
    const rollback = gate(r, 'rollback');
    assert.equal(rollback.status, 'error');
    assert.equal(rollback.checks[0]?.id, 'missing');
    p.cleanup();
  });

  it('accepts a valid deferral of an optional gate under the small-internal-service profile', async () => {
    const deferrals = 'deferrals:\n  - { gate: cost, owner: team-a, deadline: 2027-01-31, reason: no ledger yet }\n  - { gate: observability, owner: team-a, deadline: 2026-11-01 }\n  - { gate: robustness, deadline: 2027-01-31 }\n';
    const p = tempProject(cardWith(PERF_GATE, 'profile: small-internal-service\n') + deferrals);
    p.write('perf/requests.csv', passingRequests());
    const r = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, gates: ['performance', 'cost', 'observability', 'robustness'], now: NOW });
    assert.deepEqual(r.deferred.map((d) => [d.gate, d.owner, d.deadline, d.reason]), [['cost', 'team-a', '2027-01-31', 'no ledger yet']]);
    assert.ok(!r.gates.some((g) => g.gate === 'cost'), 'a deferred gate is not a result');
    assert.match(gate(r, 'observability').checks[0]?.message ?? '', /passed its deadline \(2026-11-01\)/);
    assert.match(gate(r, 'robustness').checks[0]?.message ?? '', /has no owner/);
    const only = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, gates: ['performance', 'cost'], now: NOW });
    assert.equal(only.status, 'pass', 'a valid deferral does not block');
    p.cleanup();
  });

  it('does not accept deferring a required gate, or any gate under the full profile', async () => {
    const p = tempProject(cardWith('  data_gate: fail\n', 'profile: small-internal-service\n') + 'deferrals:\n  - { gate: rollback, owner: a, deadline: 2027-01-01 }\n');
    const r = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, gates: ['rollback'], now: NOW });
    assert.match(gate(r, 'rollback').checks[0]?.message ?? '', /still requires data, quality, performance and rollback/);
    const full = tempProject(cardWith('  data_gate: fail\n') + 'deferrals:\n  - { gate: cost, owner: a, deadline: 2027-01-01 }\n');
    const rf = await runGates(full.card(), { root: full.root, cardFile: full.cardFile, gates: ['cost'], now: NOW });
    assert.match(gate(rf, 'cost').checks[0]?.message ?? '', /full profile requires all seven gates/);
    p.cleanup();
    full.cleanup();
  });

  it('turns an exception inside a gate into an error check and logs the stack', async () => {
    const p = tempProject(cardWith(PERF_GATE + '  quality:\n    task: classification\n    evidence: q.csv\n    metric: f1\n    non_inferiority_delta: 0\n'));
    p.write('perf/requests.csv', passingRequests());
    const boom: GateDefinition = { ...performanceGate, id: 'quality', compute: () => { throw new Error('boom'); } };
    const logs: string[] = [];
    const r = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, gates: ['quality', 'performance'], now: NOW, registry: [boom, performanceGate], log: (m) => logs.push(m) });
    const q = gate(r, 'quality');
    assert.equal(q.status, 'error');
    assert.equal(q.checks[0]?.id, 'internal_error');
    assert.match(q.checks[0]?.message ?? '', /boom.*bug in Release Gates/);
    assert.match(logs.join('\n'), /Error: boom\n\s+at /);
    assert.equal(gate(r, 'performance').status, 'pass', 'the other gate still runs');
    p.cleanup();
  });

  it('refuses evidence outside the project root', async () => {
    const p = tempProject(cardWith('  performance:\n    evidence: ../../etc/passwd\n    p99_latency_ms: 800\n'), 'cards/release-card.yaml');
    const r = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, gates: ['performance'], now: NOW });
    const c = gate(r, 'performance').checks[0];
    assert.equal(c?.status, 'error');
    assert.match(c?.message ?? '', /leaves the project root/);
    assert.deepEqual(r.evidence.map((e) => [e.sha256, e.bytes]), [[null, null]]);
    p.cleanup();
  });

  it('honours cancellation: an aborted run marks unfinished gates as cancelled', async () => {
    const p = tempProject(cardWith(PERF_GATE + '  data_gate: fail\n'));
    p.write('perf/requests.csv', passingRequests());
    const before = new AbortController();
    before.abort();
    const r = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, gates: ['data', 'performance'], now: NOW, signal: before.signal });
    assert.equal(r.cancelled, true);
    assert.equal(r.status, 'error');
    assert.ok(r.gates.every((g) => g.checks[0]?.id === 'cancelled'));
    const during = new AbortController();
    const events: RunProgress[] = [];
    const r2 = await runGates(p.card(), {
      root: p.root, cardFile: p.cardFile, gates: ['data', 'performance'], now: NOW, signal: during.signal,
      onProgress: (e) => { events.push(e); if (e.kind === 'gate' && e.phase === 'done') during.abort(); },
    });
    assert.equal(gate(r2, 'data').status, 'fail', 'finished before the abort');
    assert.equal(gate(r2, 'performance').checks[0]?.id, 'cancelled');
    assert.deepEqual(events.map((e) => (e.kind === 'gate' ? `${e.gate}:${e.phase}` : e.kind)), ['data:start', 'data:done']);
    p.cleanup();
  });

  it('loads a file named twice (different spellings) once, and hashes it once', async () => {
    const p = tempProject(cardWith(PERF_GATE));
    p.write('perf/requests.csv', passingRequests());
    const at = ['gates', 'performance'];
    const batch = await loadRequests([
      { key: 'a', path: 'perf/requests.csv', at, kind: 'table' },
      { key: 'b', path: './perf/../perf/requests.csv', at, kind: 'table' },
    ], { root: p.root, cardFile: p.cardFile });
    assert.equal(batch.files.length, 1);
    assert.ok(batch.results[0]?.ok && batch.results[1]?.ok);
    assert.equal(batch.results[0]?.ok && batch.results[1]?.ok && batch.results[0].value === batch.results[1].value, true, 'the same table object');
    p.cleanup();
  });

  it('reports progress while reading a large file, and a cancelled read as an error', async () => {
    const p = tempProject(cardWith(PERF_GATE));
    p.write('perf/requests.csv', passingRequests());
    const at = ['gates', 'performance'];
    const seen: number[] = [];
    await loadRequests([{ key: 'a', path: 'perf/requests.csv', at, kind: 'table' }], { root: p.root, cardFile: p.cardFile, largeFileBytes: 1, onProgress: (f) => seen.push(f.bytesRead / f.totalBytes) });
    assert.equal(seen[seen.length - 1], 1);
    const ac = new AbortController();
    ac.abort();
    const batch = await loadRequests([{ key: 'a', path: 'perf/requests.csv', at, kind: 'table' }], { root: p.root, cardFile: p.cardFile, signal: ac.signal });
    assert.equal(batch.results[0]?.ok, false);
    p.cleanup();
  });
});
