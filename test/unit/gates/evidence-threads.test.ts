import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadRequests } from '../../../server/src/evidence/loader';
import type { EvidenceRequest } from '../../../server/src/gates/engine/types';
import { cardWith, PERF_GATE, tempProject } from './engine-project';

const at = ['gates', 'data'];
const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** A table with every column type, a declared type that one cell breaks, and missing cells. */
function mixedCsv(rows: number): string {
  const lines = ['id,score,plan,active,seen'];
  for (let i = 0; i < rows; i++) {
    const score = i === 7 ? 'oops' : i % 13 === 0 ? 'NA' : (i * 0.37).toFixed(2);
    lines.push(`${i},${score},${['basic', 'plus', 'pro'][i % 3]},${i % 2 === 0},2026-11-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`);
  }
  return lines.join('\n') + '\n';
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('loading large tables in worker threads', () => {
  it('gives exactly the tables, problems and hashes of loading on the main thread', async () => {
    const p = tempProject(cardWith(PERF_GATE));
    const ok = p.write('data/ok.csv', mixedCsv(3000).replace('oops', '1.5'));
    const bad = p.write('data/bad.csv', mixedCsv(3000));
    copyFileSync(path.join(FIXTURES, 'evidence/requests.parquet'), path.join(p.root, 'data/requests.parquet'));
    const requests: EvidenceRequest[] = [
      { key: 'ok', path: 'data/ok.csv', at, kind: 'table' },
      { key: 'bad', path: 'data/bad.csv', at, kind: 'table', table: { types: { score: 'numeric' } } },
      { key: 'pq', path: 'data/requests.parquet', at, kind: 'table' },
      { key: 'missing', path: 'data/none.csv', at, kind: 'table' },
    ];
    const base = { root: p.root, cardFile: p.cardFile };
    const inThread = await loadRequests(requests, { ...base, threads: false });
    const threaded = await loadRequests(requests, { ...base, largeFileBytes: 0 });
    assert.deepEqual(threaded, inThread);
    assert.equal(threaded.results[0]?.ok, true);
    assert.equal(threaded.results[1]?.ok, false);
    assert.match(threaded.results[1]?.ok === false ? threaded.results[1].problems[0]?.message ?? '' : '', /row 8.*column score: 'oops' is not a number/);
    assert.equal(threaded.results[2]?.ok, true);
    assert.equal(threaded.results[3]?.ok, false);
    // Hashes are of the bytes on disk, whether taken while parsing (CSV) or apart (Parquet).
    const byPath = new Map(threaded.files.map((f) => [f.path, f.sha256]));
    assert.equal(byPath.get('data/ok.csv'), sha256(ok));
    assert.equal(byPath.get('data/bad.csv'), sha256(bad));
    assert.equal(byPath.get('data/requests.parquet'), sha256(path.join(p.root, 'data/requests.parquet')));
    assert.equal(byPath.get('data/none.csv'), null);
    p.cleanup();
  });

  it('parses several files at once, in request order, and shares a file named twice', async () => {
    const p = tempProject(cardWith(PERF_GATE));
    for (const name of ['a', 'b', 'c']) p.write(`data/${name}.csv`, mixedCsv(2000).replace('oops', name === 'b' ? '2' : '3'));
    const requests: EvidenceRequest[] = ['a', 'b', 'c', 'a'].map((name, i) => ({ key: `k${i}`, path: `data/${name}.csv`, at, kind: 'table' }));
    const batch = await loadRequests(requests, { root: p.root, cardFile: p.cardFile, largeFileBytes: 0 });
    assert.deepEqual(batch.results.map((r) => r.request.key), ['k0', 'k1', 'k2', 'k3']);
    assert.ok(batch.results.every((r) => r.ok));
    assert.equal(batch.results[0]?.ok && batch.results[3]?.ok && batch.results[0].value === batch.results[3].value, true);
    assert.equal(batch.files.length, 3);
    p.cleanup();
  });

  it('stops a worker when the run is cancelled mid-file and reports the load as cancelled', async () => {
    const p = tempProject(cardWith(PERF_GATE));
    p.write('data/big.csv', mixedCsv(120_000));
    const ac = new AbortController();
    const batch = await loadRequests([{ key: 'a', path: 'data/big.csv', at, kind: 'table' }], {
      root: p.root, cardFile: p.cardFile, largeFileBytes: 0, signal: ac.signal, onProgress: () => ac.abort(),
    });
    const r = batch.results[0];
    assert.equal(r?.ok, false);
    assert.equal(r?.ok === false ? r.problems[0]?.code : undefined, 'cancelled');
    p.cleanup();
  });
});
