import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { type CategoricalColumn, type NumericColumn, categoryAt, getColumn, loadParquet, loadTable } from '../../../server/src/evidence';
import { REQUESTS_FIXTURE, writeParquet } from '../../fixtures/evidence/make-parquet';
import { fixture, problems, tempDir, value } from './helpers';

describe('Parquet loader', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('committed fixture matches its generator', () => {
    assert.deepEqual(readFileSync(fixture('requests.parquet')), writeParquet(REQUESTS_FIXTURE));
  });

  it('loads every column with types from the schema', async () => {
    const table = value(await loadTable(fixture('requests.parquet'), { displayName: 'requests.parquet' }));
    assert.equal(table.rowCount, 5);
    assert.deepEqual(table.columns.map((c) => [c.name, c.type, c.nullCount]), [
      ['request_id', 'numeric', 0],
      ['latency_ms', 'numeric', 1],
      ['status', 'categorical', 1],
      ['cold_start', 'boolean', 1],
      ['ts', 'timestamp', 1],
      ['code', 'categorical', 0],
    ]);
    assert.equal((getColumn(table, 'ts') as NumericColumn).values[0], Date.UTC(2025, 0, 1));
    // A string column stays categorical even when its values look numeric.
    assert.equal(categoryAt(getColumn(table, 'code') as CategoricalColumn, 2), '504');
  });

  it('applies declared types over the schema and locates mismatches by row', async () => {
    const [p] = problems(await loadParquet(fixture('requests.parquet'), { types: { status: 'numeric' } }));
    assert.deepEqual([p?.row, p?.column], [1, 'status']);
  });

  it('reads a file spanning several 1 MiB slices and reports progress', async () => {
    const n = 200_000;
    const file = t.write('big.parquet', writeParquet([{ name: 'x', type: 'DOUBLE', values: Array.from({ length: n }, (_, i) => i / 2) }]));
    let last = 0;
    const table = value(await loadParquet(file, { onProgress: (done) => (last = done) }));
    assert.equal(table.rowCount, n);
    assert.equal((getColumn(table, 'x') as NumericColumn).values[n - 1], (n - 1) / 2);
    assert.ok(last > 0);
  });

  it('turns a corrupt file into a problem', async () => {
    const bytes = writeParquet(REQUESTS_FIXTURE);
    bytes.fill(0xff, 100, 300);
    const ps = problems(await loadParquet(t.write('corrupt.parquet', bytes)));
    assert.equal(ps[0]?.code, 'parse');
    problems(await loadParquet(t.write('not.parquet', 'hello, world')));
  });

  it('honours an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    const [p] = problems(await loadParquet(fixture('requests.parquet'), { signal: ac.signal }));
    assert.equal(p?.code, 'cancelled');
  });
});
