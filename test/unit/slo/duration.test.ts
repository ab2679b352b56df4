// Durations are read in one pass without a regular expression (an unanchored `(\d+)([smhdw])`
// backtracked quadratically on a long run of digits: 100,000 digits took 30 s).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDurationSeconds } from '../../../server/src/slo';

describe('parseDurationSeconds', () => {
  it('reads single and compound durations', () => {
    assert.equal(parseDurationSeconds('90s'), 90);
    assert.equal(parseDurationSeconds('5m'), 300);
    assert.equal(parseDurationSeconds('1h30m'), 5400);
    assert.equal(parseDurationSeconds('2w'), 1_209_600);
    assert.equal(parseDurationSeconds('007m'), 420);
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', 'm', '5', '5x', '5 m', ' 5m', '5m ', '1h30', 'h1', '-5m', '1.5h', '5M', '５m']) {
      assert.equal(parseDurationSeconds(bad), undefined, JSON.stringify(bad));
    }
  });

  it('refuses 100,000 digits and a stray letter, and values beyond exact arithmetic', () => {
    assert.equal(parseDurationSeconds(`${'1'.repeat(100_000)}x`), undefined);
    assert.equal(parseDurationSeconds(`${'1'.repeat(100_000)}s`), undefined);
    assert.equal(parseDurationSeconds('99999999999999999999s'), undefined);
    assert.equal(parseDurationSeconds('9007199254740991s'), Number.MAX_SAFE_INTEGER);
  });
});
