import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fakeProm, type FakeProm, vector } from '../unit/prometheus/fake-server';
import { startSession } from './server';

// Schema-valid (artifacts and rollout are required): a run refuses a card that does not match the schema.
const CARD = 'release_id: r-1\nartifacts:\n  model_uri: models:/m/3\ngates:\n  performance:\n    p99_latency_ms: 800\n    prometheus: { histogram_metric: h_seconds, range: { start: "2026-11-25T00:00:00Z", end: "2026-11-25T00:10:00Z" } }\nrollout:\n  strategy: canary\n  steps: [5, 100]\n';

interface Results {
  gates: { gate: string; status: string; checks: { id: string; status: string; observed: unknown; message: string }[] }[];
}

describe('the releaseGates.prometheusUrl setting', () => {
  let prom: FakeProm;
  before(async () => {
    prom = await fakeProm(() => vector('0.5'));
  });
  after(() => prom.close());

  it('is where a run from the editor queries Prometheus', async () => {
    const s = await startSession({ releaseGates: { prometheusUrl: prom.url, trusted: true } });
    writeFileSync(join(s.root, 'release-card.yaml'), CARD);
    await s.open('release-card.yaml', CARD);
    const r = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri('release-card.yaml'), gates: ['performance'] });
    const p99 = r.gates[0]?.checks.find((c) => c.id === 'prometheus.p99_latency_ms');
    assert.equal(p99?.observed, 500, JSON.stringify(r.gates));
    assert.ok(prom.queries.length > 0);
    await s.close();
  });

  it('falls back to no Prometheus (an error check, not a guess) when unset or not an http(s) URL', async () => {
    const before = prom.queries.length;
    const s = await startSession({ releaseGates: { prometheusUrl: 'file:///etc/passwd', trusted: true } });
    writeFileSync(join(s.root, 'release-card.yaml'), CARD);
    await s.open('release-card.yaml', CARD);
    const r = await s.client.request<Results>('releaseGates/runGates', { uri: s.uri('release-card.yaml'), gates: ['performance'] });
    assert.equal(r.gates[0]?.status, 'error');
    assert.equal(prom.queries.length, before);
    await s.close();
  });
});
