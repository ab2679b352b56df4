import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { FingerprintCache } from '../../../server/src/features/run/fingerprint';
import { currentFingerprint, staleReason } from '../../../server/src/records';
import { CHURN, record } from '../readiness/helpers';

describe('cached fingerprint for staleness after edits', () => {
  let root: string;
  let cardFile: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'rg-fp-'));
    cpSync(resolve(__dirname, '../../../examples/churn'), join(root, 'churn'), { recursive: true });
    cardFile = join(root, 'churn', 'release-card.yaml');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('equals the records module\'s fingerprint, and notices changed evidence by size or mtime', async () => {
    const card = new Card(cardFile, parseCard(CHURN));
    const cache = new FingerprintCache();
    const first = await cache.current(card, { root, cardFile });
    assert.equal(first.fingerprint, (await currentFingerprint(card, { root, cardFile })).fingerprint);
    const rec = { ...record(), fingerprint: first.fingerprint, evidence: first.evidence.map((e) => ({ ...e, bytes: null })) };
    assert.equal(staleReason(card, rec, first), undefined);
    appendFileSync(join(root, 'churn', 'evidence', 'perf', 'requests.csv'), '\n');
    const second = await cache.current(card, { root, cardFile });
    assert.notEqual(second.fingerprint, first.fingerprint);
    assert.equal(staleReason(card, rec, second), 'evidence changed: evidence/perf/requests.csv');
  });

  it('calls a threshold edit a bundle change and a new release_id by its name', async () => {
    const cache = new FingerprintCache();
    const card = new Card(cardFile, parseCard(CHURN));
    const now = await cache.current(card, { root, cardFile });
    const rec = { ...record(), fingerprint: now.fingerprint, evidence: now.evidence.map((e) => ({ ...e, bytes: null })) };
    const edited = new Card(cardFile, parseCard(CHURN.replace('p99_latency_ms: 800', 'p99_latency_ms: 900')));
    assert.equal(staleReason(edited, rec, await cache.current(edited, { root, cardFile })), 'bundle changed');
    const renamed = new Card(cardFile, parseCard(CHURN.replace('release_id: ml-2026-11-26.1', 'release_id: ml-2026-11-26.2')));
    assert.equal(staleReason(renamed, rec, await cache.current(renamed, { root, cardFile })), 'release_id changed');
    const described = new Card(cardFile, parseCard(CHURN.replace('owner: team-churn-ml\n', 'owner: team-churn\n')));
    assert.equal(staleReason(described, rec, await cache.current(described, { root, cardFile })), undefined, 'the owner is not part of the bundle');
  });
});
