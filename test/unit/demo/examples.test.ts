// The committed demo examples under the real engine: churn passes every gate, churn-blocked is
// blocked by the instructive faults its README lists (one gate cannot decide). `now` is fixed as in
// `npm run demo`, so ages of drills, runbooks and freshness reproduce.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { runGates } from '../../../server/src/gates/engine/run';

const ROOT = path.resolve(__dirname, '../../..');
const NOW = new Date('2026-11-26T12:00:00Z');

/** Gate → status, and gate → ids of the checks that did not pass. */
async function run(example: string): Promise<{ status: string; gates: Record<string, string>; notPassing: Record<string, string[]> }> {
  const file = path.join(ROOT, 'examples', example, 'release-card.yaml');
  const card = new Card(file, parseCard(readFileSync(file, 'utf8')));
  const r = await runGates(card, { root: ROOT, cardFile: file, now: NOW, log: () => undefined });
  return {
    status: r.status,
    gates: Object.fromEntries(r.gates.map((g) => [g.gate, g.status])),
    notPassing: Object.fromEntries(r.gates.map((g) => [g.gate, g.checks.filter((c) => c.status !== 'pass').map((c) => c.id)])),
  };
}

describe('demo examples', () => {
  it('churn passes all seven gates', async () => {
    const r = await run('churn');
    assert.deepEqual(r.notPassing, { data: [], quality: [], robustness: [], performance: [], cost: [], observability: [], rollback: [] });
    assert.equal(r.status, 'pass');
  });

  it('churn-blocked is blocked for the reasons its README gives', async () => {
    const r = await run('churn-blocked');
    assert.deepEqual(r.gates, { data: 'fail', quality: 'fail', robustness: 'error', performance: 'fail', cost: 'fail', observability: 'fail', rollback: 'fail' });
    assert.deepEqual(r.notPassing, {
      data: ['drift.monthly_charges'],
      quality: ['slice.new customers'],
      robustness: ['suite.timeout_and_empty_features_fallback.pass_rate'],
      performance: ['p99_latency_ms'],
      cost: ['cost_per_useful_result_7d.guardrail'],
      observability: ['alert.churnscorerlatencyhigh'],
      rollback: ['drill.age', 'runbook.last_tested'],
    });
  });
});
