import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BOOLEAN_MISSING,
  type BooleanColumn,
  type CategoricalColumn,
  type NumericColumn,
  categoryAt,
  getColumn,
  parseCsvText,
  parseNumber,
  parseTimestamp,
} from '../../../server/src/evidence';
import { problems, value } from './helpers';

describe('type detection', () => {
  it('detects numeric, boolean, timestamp and categorical columns', () => {
    const t = value(parseCsvText('n,b,t,c\n1,true,2025-01-01,x\n-2.5e3,FALSE,2025-01-01 10:00:00,y\n', 'd.csv'));
    assert.deepEqual(t.columns.map((c) => c.type), ['numeric', 'boolean', 'timestamp', 'categorical']);
    assert.deepEqual([...(getColumn(t, 'n') as NumericColumn).values], [1, -2500]);
    assert.deepEqual([...(getColumn(t, 'b') as BooleanColumn).values], [1, 0]);
    // A date-time without a zone is read as UTC, whatever the machine's zone.
    assert.equal((getColumn(t, 't') as NumericColumn).values[1], Date.UTC(2025, 0, 1, 10));
  });

  it('promotes numeric to categorical when a later value contradicts', () => {
    const t = value(parseCsvText('v\n1.50\n2\nNA\nabc\n2\n', 'p.csv'));
    const col = getColumn(t, 'v') as CategoricalColumn;
    assert.equal(col.type, 'categorical');
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => categoryAt(col, i)), ['1.5', '2', undefined, 'abc', '2']);
    assert.equal(col.nullCount, 1);
  });

  it('promotes boolean and timestamp columns too', () => {
    const t = value(parseCsvText('b,t\ntrue,2025-01-01\n1,soon\n', 'p.csv'));
    assert.deepEqual(t.columns.map((c) => c.type), ['categorical', 'categorical']);
    assert.equal(categoryAt(getColumn(t, 't') as CategoricalColumn, 0), '2025-01-01T00:00:00.000Z');
  });

  it('fills leading missing cells when the type is found late', () => {
    const t = value(parseCsvText('b\nnull\nNA\ntrue\n', 'm.csv'));
    const col = getColumn(t, 'b') as BooleanColumn;
    assert.deepEqual([...col.values], [BOOLEAN_MISSING, BOOLEAN_MISSING, 1]);
    assert.equal(col.nullCount, 2);
  });

  it('treats an all-missing column as empty categorical', () => {
    const t = value(parseCsvText('a,b\n1,\n2,\n', 'e.csv'));
    const col = getColumn(t, 'b') as CategoricalColumn;
    assert.equal(col.type, 'categorical');
    assert.equal(col.nullCount, 2);
    assert.deepEqual([...col.codes], [-1, -1]);
  });

  it('locates a declared-type mismatch at row and column', () => {
    const rows = ['request_id,latency_ms'];
    for (let i = 1; i <= 20; i++) rows.push(`${i},${i === 17 ? 'abc' : i * 10}`);
    const ps = problems(parseCsvText(rows.join('\n'), 'perf/requests.csv', { types: { latency_ms: 'numeric' } }));
    assert.equal(ps.length, 1);
    assert.deepEqual({ row: ps[0]?.row, line: ps[0]?.line, column: ps[0]?.column, code: ps[0]?.code }, { row: 17, line: 18, column: 'latency_ms', code: 'type' });
    assert.match(ps[0]?.message ?? '', /perf\/requests.csv: row 17 \(line 18\), column latency_ms: 'abc' is not a number/);
  });

  it('accepts 0/1 as declared booleans and numbers as declared epoch-ms timestamps', () => {
    const t = value(parseCsvText('b,t,c\n1,1735689600000,12\n0,2025-01-01,x\n', 'x.csv', { types: { b: 'boolean', t: 'timestamp', c: 'categorical' } }));
    assert.deepEqual([...(getColumn(t, 'b') as BooleanColumn).values], [1, 0]);
    assert.deepEqual([...(getColumn(t, 't') as NumericColumn).values], [1735689600000, 1735689600000]);
    assert.deepEqual((getColumn(t, 'c') as CategoricalColumn).dictionary, ['12', 'x']);
  });

  it('reports a declared column that is absent', () => {
    const [p] = problems(parseCsvText('a\n1\n', 'x.csv', { types: { latency_ms: 'numeric' } }));
    assert.equal(p?.column, 'latency_ms');
  });

  it('caps the number of problems and says how many more there are', () => {
    const rows = ['v'];
    for (let i = 0; i < 500; i++) rows.push('bad');
    const ps = problems(parseCsvText(rows.join('\n'), 'x.csv', { types: { v: 'numeric' }, maxProblems: 10 }));
    assert.equal(ps.length, 11);
    assert.match(ps[10]?.message ?? '', /490 more problem/);
  });

  it('parses numbers strictly', () => {
    assert.equal(parseNumber('0x1F'), undefined);
    assert.equal(parseNumber('Infinity'), undefined);
    assert.equal(parseNumber(' 1'), undefined);
    assert.equal(parseNumber('1e'), undefined);
    assert.equal(parseNumber('.5'), 0.5);
    assert.equal(parseNumber('-3E2'), -300);
    assert.equal(parseTimestamp('2025-13-45'), undefined);
    assert.equal(parseTimestamp('2025-01-01T00:00:00.123456789+02:00'), Date.UTC(2024, 11, 31, 22, 0, 0, 123));
  });

  it('honours custom missing tokens', () => {
    const t = value(parseCsvText('v\n-\n3\n', 'x.csv', { missingTokens: ['-'] }));
    assert.equal(getColumn(t, 'v')?.type, 'numeric');
    assert.equal(getColumn(t, 'v')?.nullCount, 1);
  });
});
