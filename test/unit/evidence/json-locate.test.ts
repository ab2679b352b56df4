import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonErrorOffset } from '../../../server/src/evidence/json-locate';

describe('jsonErrorOffset', () => {
  it('accepts valid JSON', () => {
    for (const t of ['{}', '[]', ' [ ] ', '{"a": [1, -2.5e3, true, null, "x\\"y"], "b": {}}', '"s"', '0']) {
      assert.equal(jsonErrorOffset(t), undefined, t);
      JSON.parse(t);
    }
  });

  it('points at the first error', () => {
    const cases: [string, number][] = [
      ['{"a": }', 6],
      ['[1 2]', 3],
      ['[1,]', 3],
      ['{"a" 1}', 5],
      ['{a: 1}', 1],
      ['[1]]', 3],
      ['[01]', 2],
      ['[', 1],
      ['{"a": tru}', 6],
    ];
    for (const [t, at] of cases) {
      assert.equal(jsonErrorOffset(t), at, t);
      assert.throws(() => JSON.parse(t));
    }
  });

  it('does not overflow on deep nesting', () => {
    assert.equal(jsonErrorOffset('['.repeat(200_000)), 200_000);
  });
});
