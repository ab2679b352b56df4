// Defense in depth in the gate engine: a threshold of the wrong type (or a misspelt key) inside a
// gate's definition is an error check of that gate, never a silently dropped threshold. `run`
// refuses such cards before the engine sees them; these call the engine directly.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runGates } from '../../../server/src/gates/engine/run';
import type { GateResult } from '../../../server/src/gates/engine/types';
import { cardWith, PERF_GATE, passingRequests, tempProject, type TempProject } from './engine-project';

const NOW = new Date('2026-11-26T12:00:00Z');

describe('gate definitions the engine cannot read as written', () => {
  const projects: TempProject[] = [];
  after(() => projects.forEach((p) => p.cleanup()));

  /** Runs one gate of a card over the passing request samples. */
  async function gate(gatesBody: string, id: 'performance' | 'rollback' | 'cost' = 'performance'): Promise<GateResult> {
    const p = tempProject(cardWith(gatesBody));
    projects.push(p);
    p.write('perf/requests.csv', passingRequests());
    const r = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, gates: [id], now: NOW, log: () => undefined });
    assert.ok(r.gates[0]);
    return r.gates[0];
  }

  it('leaves a valid definition as it was: no definition check, the gate passes', async () => {
    const g = await gate(PERF_GATE);
    assert.equal(g.status, 'pass');
    assert.deepEqual(g.checks.filter((c) => c.id.startsWith('definition')), []);
  });

  for (const [name, value] of [['a string', '"250"'], ['a number with its unit', '250ms'], ['empty', '']] as const) {
    it(`makes p99_latency_ms written as ${name} an error of the performance gate (it used to be dropped, and the gate passed)`, async () => {
      const g = await gate(PERF_GATE.replace('p99_latency_ms: 250', `p99_latency_ms: ${value}`));
      assert.equal(g.status, 'error');
      const c = g.checks.find((x) => x.id === 'definition.p99_latency_ms');
      assert.ok(c, g.checks.map((x) => x.id).join(', '));
      assert.equal(c.status, 'error');
      assert.deepEqual(c.at, ['gates', 'performance', 'p99_latency_ms']);
      assert.match(c.message, /gates\.performance\.p99_latency_ms must be a number.*cannot decide, which blocks the release/);
    });
  }

  it('makes a misspelt threshold key an error of its gate', async () => {
    const g = await gate(PERF_GATE.replace('p99_latency_ms: 250', 'p99_latency_msec: 250'));
    assert.equal(g.status, 'error');
    assert.match(g.checks.find((c) => c.id === 'definition.p99_latency_msec')?.message ?? '', /Unknown key "p99_latency_msec".*did you mean "p99_latency_ms"/);
  });

  it('reaches nested thresholds (cold_start) and gates that read with typeof (rollback, cost)', async () => {
    const cold = await gate(`${PERF_GATE}    cold_start: { p99_latency_ms: "2500" }\n`);
    assert.equal(cold.checks.find((c) => c.id === 'definition.cold_start.p99_latency_ms')?.status, 'error');
    const rollback = await gate('  rollback:\n    operation: deploy rollback\n    max_rto_minutes: "10m"\n', 'rollback');
    assert.equal(rollback.status, 'error');
    assert.match(rollback.checks.find((c) => c.id === 'definition.max_rto_minutes')?.message ?? '', /not the string "10m"/);
    const cost = await gate('  cost:\n    ledger: l.csv\n    outcomes: o.csv\n    traffic_share: 25\n    max_cost_per_useful_result: "0.42"\n', 'cost');
    assert.deepEqual(cost.checks.filter((c) => c.id.startsWith('definition')).map((c) => [c.id, c.status]), [
      ['definition.traffic_share', 'error'], ['definition.max_cost_per_useful_result', 'error'],
    ]);
  });
});
