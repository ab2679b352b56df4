import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellText, getColumn, parseCsvText } from '../../../server/src/evidence';

describe('cellText', () => {
  it('renders each column type as a card would write it, and missing cells as undefined', () => {
    const parsed = parseCsvText('plan,senior,tenure,seen_at\npro,true,12.5,2026-11-01T00:00:00Z\n,,,\n', 'cells.csv');
    assert.ok(parsed.ok);
    const t = parsed.value;
    const col = (name: string) => {
      const c = getColumn(t, name);
      assert.ok(c, name);
      return c;
    };
    assert.deepEqual([0, 1].map((r) => cellText(col('plan'), r)), ['pro', undefined]);
    assert.deepEqual([0, 1].map((r) => cellText(col('senior'), r)), ['true', undefined]);
    assert.deepEqual([0, 1].map((r) => cellText(col('tenure'), r)), ['12.5', undefined]);
    assert.equal(cellText(col('seen_at'), 0), '2026-11-01T00:00:00.000Z');
    assert.equal(cellText(col('seen_at'), 0, true), String(Date.UTC(2026, 10, 1)));
    assert.equal(cellText(col('seen_at'), 1), undefined);
  });
});
