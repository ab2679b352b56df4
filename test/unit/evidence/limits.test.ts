import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCsv, loadDocument, loadEvidence, loadEvidenceTable, loadJsonLines, loadPromRules, loadTable, parseCsvText } from '../../../server/src/evidence';
import { problems, tempDir, value } from './helpers';

describe('size, emptiness and cancellation guards', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('reports an empty file for every format', async () => {
    for (const ext of ['csv', 'jsonl', 'json', 'parquet']) {
      const [p] = problems(await loadTable(t.write(`empty.${ext}`, '')));
      assert.equal(p?.code, 'empty', ext);
    }
    const [p] = problems(await loadDocument(t.write('blank.yaml', '\n  \n')));
    assert.equal(p?.code, 'empty');
  });

  it('reports a header-only CSV as too small when rows are required', async () => {
    const [p] = problems(await loadCsv(t.write('header.csv', 'a,b\n'), { minRows: 1, displayName: 'perf/header.csv' }));
    assert.equal(p?.code, 'too-small');
    assert.match(p?.message ?? '', /perf\/header.csv has 0 data row\(s\), fewer than the 1 required/);
  });

  it('reports too few rows', () => {
    const [p] = problems(parseCsvText('a\n1\n2\n', 'x.csv', { minRows: 3 }));
    assert.equal(p?.code, 'too-small');
  });

  it('rejects an oversize file before reading it', async () => {
    const file = t.write('big.csv', 'a\n' + '1\n'.repeat(5000));
    let progressCalls = 0;
    for (const fmt of ['csv', 'parquet', 'json'] as const) {
      const [p] = problems(await loadTable(file, { format: fmt, maxBytes: 1000, onProgress: () => progressCalls++ }));
      assert.equal(p?.code, 'too-large', fmt);
      assert.match(p?.message ?? '', /above the 1000 bytes limit/);
    }
    assert.equal(progressCalls, 0);
    problems(await loadDocument(file, { maxBytes: 1000 }));
  });

  it('reports a missing file', async () => {
    const [p] = problems(await loadJsonLines(path.join(t.dir, 'nope.jsonl')));
    assert.equal(p?.code, 'not-found');
  });

  it('reports progress per chunk and can be cancelled between chunks', async () => {
    const file = t.write('three-mib.csv', 'a\n' + '123456789\n'.repeat(300_000));
    const seen: [number, number][] = [];
    value(await loadCsv(file, { onProgress: (done, total) => seen.push([done, total]) }));
    assert.ok(seen.length >= 3);
    assert.equal(seen.at(-1)?.[0], seen.at(-1)?.[1]);
    const ac = new AbortController();
    const [p] = problems(await loadCsv(file, { signal: ac.signal, onProgress: () => ac.abort() }));
    assert.equal(p?.code, 'cancelled');
  });

  it('loads card evidence through the confined path resolver', async () => {
    mkdirSync(path.join(t.dir, 'proj', 'data'), { recursive: true });
    t.write('proj/data/ref.csv', 'x\n1\n');
    const card = path.join(t.dir, 'proj', 'release-card.yaml');
    const table = value(await loadEvidenceTable(card, 'data/ref.csv', path.join(t.dir, 'proj')));
    assert.equal(table.file, 'data/ref.csv');
    const [p] = problems(await loadEvidenceTable(card, '../big.csv', path.join(t.dir, 'proj')));
    assert.equal(p?.code, 'path');
  });

  it('confines any loader through loadEvidence, symlinks included', async () => {
    mkdirSync(path.join(t.dir, 'proj2', 'obs'), { recursive: true });
    t.write('proj2/obs/rules.yaml', 'groups: []\n');
    t.write('secret-rules.yaml', 'groups: []\n');
    symlinkSync(path.join(t.dir, 'secret-rules.yaml'), path.join(t.dir, 'proj2', 'obs', 'linked.yaml'));
    const card = path.join(t.dir, 'proj2', 'card.yaml');
    const root = path.join(t.dir, 'proj2');
    const rules = value(await loadEvidence(card, 'obs/rules.yaml', root, loadPromRules, {}));
    assert.equal(rules.file, 'obs/rules.yaml');
    const [p] = problems(await loadEvidence(card, 'obs/linked.yaml', root, loadPromRules, {}));
    assert.equal(p?.code, 'path');
  });

  it('reports an unknown extension', async () => {
    problems(await loadTable(t.write('x.xlsx', 'binary')));
  });
});
