import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CellAuditBuilder, cellsError, invalidCount } from '../../../server/src/gates/engine/cells';

describe('gates/engine/cells: fail-closed cell audits', () => {
  it('is silent when every cell was valid', () => {
    const a = new CellAuditBuilder('perf.csv', 'latency_ms').done(10);
    assert.equal(invalidCount(a), 0);
    assert.equal(cellsError('p99_latency_ms', ['gates', 'performance'], [a], 'The p99 latency'), undefined);
  });

  it('turns any invalid cell into an error that names file, column, counts and the first row', () => {
    const b = new CellAuditBuilder('perf.csv', 'latency_ms');
    b.reject(41, 'blank');
    b.reject(7, 'not finite');
    b.reject(50, 'blank');
    const check = cellsError('p99_latency_ms', ['gates', 'performance', 'p99_latency_ms'], [b.done(100)], 'The p99 latency', 'map the column in columns:');
    assert.ok(check);
    assert.equal(check.status, 'error');
    assert.equal(check.observed, 3);
    assert.deepEqual(check.evidence, { file: 'perf.csv', column: 'latency_ms', row: 8 });
    assert.match(check.message, /column latency_ms of perf\.csv: 2 blank, 1 not finite of 100 cells, first at data row 8/);
    assert.match(check.message, /or map the column in columns:/);
  });
});
