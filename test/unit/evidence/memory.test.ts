import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type NumericColumn, loadCsv } from '../../../server/src/evidence';
import { tempDir, value } from './helpers';

describe('columnar memory footprint', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('stores a 100k x 20 numeric CSV in at most twice its raw column bytes', async () => {
    const rows = 100_000;
    const cols = 20;
    const header = Array.from({ length: cols }, (_, c) => `c${c}`).join(',');
    const line = Array.from({ length: cols }, (_, c) => `${c}.5`).join(',');
    const file = t.write('wide.csv', `${header}\n${`${line}\n`.repeat(rows)}`);
    const table = value(await loadCsv(file));
    assert.equal(table.rowCount, rows);
    let held = 0;
    for (const c of table.columns) {
      assert.equal(c.type, 'numeric');
      // Every column is a Float64Array view; what it keeps alive is its whole backing buffer.
      held += (c as NumericColumn).values.buffer.byteLength;
    }
    const raw = 8 * rows * cols;
    assert.ok(held <= 2 * raw, `columns hold ${held} bytes for ${raw} raw bytes`);
    assert.equal((table.columns[19] as NumericColumn).values[rows - 1], 19.5);
  });
});
