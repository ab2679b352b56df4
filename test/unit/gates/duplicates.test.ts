// engine/duplicates: rows equal in the compared columns are found exactly (a hash collision can
// never merge two different rows), missing cells equal each other, 0 equals -0, and the error check
// names the count and the first copy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BOOLEAN_MISSING, type Column, type Table } from '../../../server/src/evidence';
import { duplicatesError, findDuplicates, missingIds } from '../../../server/src/gates/engine/duplicates';

/** A table of `cols` (every column the same length). */
function table(cols: Column[]): Table {
  return { file: 't.csv', rowCount: cols[0]?.type === 'categorical' ? cols[0].codes.length : (cols[0]?.values.length ?? 0), columns: cols };
}
const num = (name: string, v: number[]): Column => ({ type: 'numeric', name, nullCount: 0, values: Float64Array.from(v) });
const cat = (name: string, codes: number[], dictionary: string[]): Column => ({ type: 'categorical', name, nullCount: 0, codes: Int32Array.from(codes), dictionary });
const bool = (name: string, v: number[]): Column => ({ type: 'boolean', name, nullCount: 0, values: Uint8Array.from(v) });

describe('findDuplicates', () => {
  it('finds whole-row copies and which row each repeats', () => {
    const t = table([num('a', [1, 2, 1, 1, Number.NaN, Number.NaN, 0]), cat('b', [0, 0, 0, 1, -1, -1, 0], ['x', 'y']), num('c', [0, 0, -0, 0, 5, 5, 0])]);
    const d = findDuplicates(t);
    assert.equal(d.count, 2); // row 2 repeats row 0 (−0 = 0); row 5 repeats row 4 (missing = missing)
    assert.deepEqual([...d.firstOf], [0, 1, 0, 3, 4, 4, 6]);
    assert.deepEqual(d.first, { row: 2, of: 0 });
  });

  it('compares only the named columns', () => {
    const t = table([cat('id', [0, 1, 0], ['r1', 'r2']), num('latency', [10, 20, 30])]);
    assert.equal(findDuplicates(t).count, 0);
    assert.equal(findDuplicates(t, ['id']).count, 1);
  });

  it('keeps distinct rows apart on large inputs (a hash collision is checked cell by cell)', () => {
    const n = 200_000;
    const t = table([num('a', Array.from({ length: n }, (_, i) => i % 1000)), num('b', Array.from({ length: n }, (_, i) => Math.floor(i / 1000)))]);
    assert.equal(findDuplicates(t).count, 0);
  });

  it('words the error with the count and the first copy, and says nothing without duplicates', () => {
    const t = table([cat('id', [0, 1, 1, 1], ['a', 'b'])]);
    const c = duplicatesError('x', ['gates'], findDuplicates(t, ['id']), 'The offered load', 'Why.', 'do this');
    assert.equal(c?.status, 'error');
    assert.equal(c?.observed, 2);
    assert.match(c?.message ?? '', /2 rows of t\.csv repeat the id of an earlier row \(of 4 rows; first: data row 3 repeats row 2\)\. Why\. Remove the copies from the evidence, or do this\./);
    assert.deepEqual(c?.evidence, { file: 't.csv', column: 'id', row: 3 });
    assert.equal(duplicatesError('x', ['gates'], findDuplicates(table([cat('id', [0, 1], ['a', 'b'])]), ['id']), 'p', 'w', 'f'), undefined);
  });
});

describe('missingIds', () => {
  it('counts missing ids of every column type', () => {
    assert.equal(missingIds(table([cat('id', [0, -1, -1], ['a'])]), cat('id', [0, -1, -1], ['a'])).invalid.get('missing'), 2);
    const b = bool('id', [1, BOOLEAN_MISSING]);
    assert.equal(missingIds(table([b]), b).firstRow, 2);
  });
});
