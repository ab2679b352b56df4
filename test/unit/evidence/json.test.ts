import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type BooleanColumn, type CategoricalColumn, type NumericColumn, categoryAt, getColumn, loadJsonLines, loadJsonTable, loadTable } from '../../../server/src/evidence';
import { fixture, problems, tempDir, value } from './helpers';

describe('JSON Lines loader', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('loads objects, skipping blank lines and back-filling late columns', async () => {
    const table = value(await loadJsonLines(fixture('requests.jsonl')));
    assert.equal(table.rowCount, 3);
    assert.deepEqual(table.columns.map((c) => [c.name, c.type, c.nullCount]), [
      ['request_id', 'numeric', 0],
      ['latency_ms', 'numeric', 1],
      ['status', 'categorical', 0],
      ['region', 'categorical', 2],
    ]);
    assert.equal(categoryAt(getColumn(table, 'region') as CategoricalColumn, 1), 'eu');
  });

  it('reports each bad line with its line number', async () => {
    const ps = problems(await loadTable(fixture('bad.jsonl'), { displayName: 'bad.jsonl' }));
    assert.deepEqual(ps.map((p) => [p.line, p.code]), [[2, 'parse'], [3, 'shape']]);
    assert.match(ps[0]?.message ?? '', /bad.jsonl: line 2 is not valid JSON/);
  });

  it('locates declared-type mismatches by line', async () => {
    const file = t.write('typed.jsonl', '{"v": 1}\n{"v": "x"}\n');
    const [p] = problems(await loadJsonLines(file, { types: { v: 'numeric' } }));
    assert.deepEqual([p?.row, p?.line, p?.column], [2, 2, 'v']);
  });

  it('keeps nested values as JSON text', async () => {
    const table = value(await loadJsonLines(t.write('nested.jsonl', '{"a": {"b": 1}}\n')));
    assert.equal(categoryAt(getColumn(table, 'a') as CategoricalColumn, 0), '{"b":1}');
  });
});

describe('JSON table loader', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('loads an array of row objects', async () => {
    const table = value(await loadJsonTable(fixture('rows.json')));
    assert.equal(table.rowCount, 3);
    assert.deepEqual([...(getColumn(table, 'label') as BooleanColumn).values], [1, 0, 255]);
  });

  it('loads an object of column arrays', async () => {
    const table = value(await loadTable(fixture('columns.json')));
    assert.deepEqual([...(getColumn(table, 'score') as NumericColumn).values], [0.1, 0.2, 0.3]);
    assert.equal(getColumn(table, 'segment')?.type, 'categorical');
  });

  it('rejects column arrays of different lengths', async () => {
    const [p] = problems(await loadJsonTable(t.write('uneven.json', '{"a": [1, 2], "b": [1]}')));
    assert.match(p?.message ?? '', /different lengths/);
  });

  it('reports a syntax error with its line', async () => {
    const [p] = problems(await loadJsonTable(t.write('broken.json', '[\n{"a": 1},\n{"a": }\n]')));
    assert.equal(p?.line, 3);
  });

  it('rejects a scalar document', async () => {
    problems(await loadJsonTable(t.write('scalar.json', '42')));
  });
});
