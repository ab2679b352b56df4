import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { runGates } from '../../../server/src/gates/engine/run';
import {
  buildRecord, canonicalJson, isStale, NOT_RESOLVED, readRecord, recordPathFor, writeFileAtomic, writeRecord,
} from '../../../server/src/records';
import { cardWith, PERF_GATE, passingRequests, tempProject } from '../gates/engine-project';

const ROOT = path.resolve(__dirname, '../../..');
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas/run-record.schema.json'), 'utf8')));
const NOW = new Date('2026-11-26T12:00:00Z');

async function runAndRecord(p: ReturnType<typeof tempProject>): Promise<string> {
  const result = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, now: NOW });
  return writeRecord(p.cardFile, buildRecord(result, p.cardFile));
}

function project(): ReturnType<typeof tempProject> {
  const p = tempProject(cardWith(PERF_GATE + '  data_gate: pass\n') + 'description: first\n');
  p.write('perf/requests.csv', passingRequests());
  return p;
}

describe('run records', () => {
  it('writes a schema-valid record next to the card as <card>.run.json', async () => {
    const p = project();
    const file = await runAndRecord(p);
    assert.equal(file, path.join(p.root, 'release-card.run.json'));
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.ok(validate(data), JSON.stringify(validate.errors));
    assert.equal(data.card, 'release-card.yaml');
    assert.equal(data.schema_version, 1);
    assert.deepEqual((data.tool as Record<string, unknown>).name, 'release-gates');
    assert.equal((data.gates as unknown[]).length, 7);
    assert.deepEqual(data.evidence, [{ path: 'perf/requests.csv', sha256: (data.evidence as { sha256: string }[])[0]?.sha256, bytes: Buffer.byteLength(passingRequests()) }]);
    const back = await readRecord(p.cardFile);
    assert.ok(back.ok);
    assert.equal(back.ok && back.record.fingerprint, data.fingerprint);
    assert.deepEqual(readdirSync(p.root).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
    p.cleanup();
  });

  it('names the record after the card file', () => {
    assert.equal(recordPathFor('/x/y/churn.release.yml'), path.join('/x/y', 'churn.release.run.json'));
  });

  it('is not stale right after the run, nor when only descriptive keys change', async () => {
    const p = project();
    await runAndRecord(p);
    const rec = await readRecord(p.cardFile);
    assert.ok(rec.ok);
    if (!rec.ok) return;
    assert.equal((await isStale(p.card(), rec.record, p)).stale, false);
    writeFileSync(p.cardFile, readFileSync(p.cardFile, 'utf8').replace('description: first', 'description: second'));
    assert.equal((await isStale(p.card(), rec.record, p)).stale, false, 'description is not part of the bundle');
    p.cleanup();
  });

  it('is stale after one evidence byte changes', async () => {
    const p = project();
    await runAndRecord(p);
    const rec = await readRecord(p.cardFile);
    if (!rec.ok) throw new Error(rec.reason);
    p.write('perf/requests.csv', passingRequests().replace(/,200\n$/, ',201\n'));
    const s = await isStale(p.card(), rec.record, p);
    assert.equal(s.stale, true);
    assert.deepEqual(s.changedEvidence, ['perf/requests.csv']);
    assert.notEqual(s.current, s.recorded);
    p.cleanup();
  });

  it('is stale after a threshold changes', async () => {
    const p = project();
    await runAndRecord(p);
    const rec = await readRecord(p.cardFile);
    if (!rec.ok) throw new Error(rec.reason);
    writeFileSync(p.cardFile, readFileSync(p.cardFile, 'utf8').replace('p99_latency_ms: 250', 'p99_latency_ms: 300'));
    const s = await isStale(p.card(), rec.record, p);
    assert.equal(s.stale, true);
    assert.deepEqual(s.changedEvidence, []);
    p.cleanup();
  });

  it('replaces a record atomically: a failed write leaves the old record and no temporary file', async () => {
    const p = project();
    const file = p.write('old.run.json', '{"old":true}\n');
    mkdirSync(path.join(p.root, 'dir.run.json'));
    await assert.rejects(writeFileAtomic(path.join(p.root, 'dir.run.json'), '{}'));
    assert.deepEqual(readdirSync(p.root).filter((f) => f.endsWith('.tmp')), []);
    await writeFileAtomic(file, '{"new":true}\n');
    assert.equal(readFileSync(file, 'utf8'), '{"new":true}\n');
    p.cleanup();
  });

  it('never lets a reader see half a record while writes race', async () => {
    const p = project();
    const file = path.join(p.root, 'race.run.json');
    const big = (n: number): string => JSON.stringify({ n, pad: 'x'.repeat(200_000) });
    await writeFileAtomic(file, big(0));
    const writes = Array.from({ length: 20 }, (_, i) => writeFileAtomic(file, big(i + 1)));
    let reads = 0;
    const reader = (async () => {
      for (let i = 0; i < 50; i++) {
        JSON.parse(readFileSync(file, 'utf8'));
        reads++;
        await new Promise<void>((r) => setImmediate(r));
      }
    })();
    await Promise.all([...writes, reader]);
    assert.equal(reads, 50);
    p.cleanup();
  });

  it('reads a record written before the verdict was stored (no "blocked"), and refuses a malformed one', async () => {
    const p = project();
    const file = await runAndRecord(p);
    const old = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.equal(old.blocked, undefined, 'a card-clean run stores no blockers');
    const back = await readRecord(p.cardFile);
    assert.ok(back.ok && back.record.blocked === undefined);
    writeFileSync(file, JSON.stringify({ ...old, blocked: { schema_invalid: 'yes', findings: [{ code: 1 }] } }));
    const bad = await readRecord(p.cardFile);
    assert.match(!bad.ok ? bad.reason : '', /"blocked" entry is malformed/);
    const blocked = { ...old, status: 'error', gates: [], blocked: { schema_invalid: true, findings: [{ code: 'schema-type', message: 'm', line: 7, column: 21 }] } };
    assert.ok(validate(blocked), JSON.stringify(validate.errors));
    writeFileSync(file, JSON.stringify(blocked));
    const good = await readRecord(p.cardFile);
    assert.ok(good.ok && good.record.blocked?.schema_invalid === true);
    p.cleanup();
  });

  it('says of every model alias that it was not resolved, and refuses a malformed alias entry', async () => {
    const p = tempProject(cardWith(PERF_GATE + '  data_gate: pass\n').replace('models:/m/3', 'models:/m@candidate') + 'baseline:\n  model_uri: models:/m/2\n');
    p.write('perf/requests.csv', passingRequests());
    const result = await runGates(p.card(), { root: p.root, cardFile: p.cardFile, now: NOW });
    const file = await writeRecord(p.cardFile, buildRecord(result, p.cardFile, { card: p.card() }));
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.ok(validate(data), JSON.stringify(validate.errors));
    assert.deepEqual(data.model_aliases, [{ at: ['artifacts', 'model_uri'], uri: 'models:/m@candidate', alias: 'candidate', resolved_version: null, resolution: NOT_RESOLVED }]);
    // Without the card, or with no alias in it, the record has no entry at all.
    assert.equal(buildRecord(result, p.cardFile).model_aliases, undefined);
    writeFileSync(file, JSON.stringify({ ...data, model_aliases: [{ at: 'artifacts', uri: 1 }] }));
    const bad = await readRecord(p.cardFile);
    assert.match(!bad.ok ? bad.reason : '', /"model_aliases" entry is malformed/);
    writeFileSync(file, JSON.stringify({ ...data, model_aliases: [{ at: ['artifacts', 'model_uri'], uri: 'models:/m@candidate', alias: 'candidate', resolved_version: 'latest', resolution: 'x' }] }));
    assert.equal((await readRecord(p.cardFile)).ok, false, 'a resolved version is a registry version number');
    p.cleanup();
  });

  it('reads back a missing, corrupt or foreign record as a reason, never an exception', async () => {
    const p = project();
    const missing = await readRecord(p.cardFile);
    assert.equal(!missing.ok && missing.missing, true);
    p.write('release-card.run.json', '{ not json');
    const corrupt = await readRecord(p.cardFile);
    assert.match(!corrupt.ok ? corrupt.reason : '', /not valid JSON/);
    p.write('release-card.run.json', '{"schema_version": 9}');
    const foreign = await readRecord(p.cardFile);
    assert.match(!foreign.ok ? foreign.reason : '', /schema_version 9/);
    p.cleanup();
  });

  it('canonical JSON sorts keys at every level and drops undefined members', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"z":1}]},"b":1}');
    assert.equal(canonicalJson(Number.NaN), 'null');
  });
});
