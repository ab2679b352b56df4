// Canary against stable per interval: the direction that is worse for the release, too few
// intervals or unusable values are undecided (never a pass), and the step's minimum traffic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareTracks, median, MIN_INTERVALS, worseDirection } from '../../../server/src/rollout/compare';
import { minRequestsFor } from '../../../server/src/rollout/judge';
import { breaches, negate } from '../../../server/src/rollout/plan';

const stable = [410, 420, 405, 415, 430, 425, 418, 412];
const slower = [470, 480, 465, 490, 475, 485, 472, 478];

describe('compareTracks', () => {
  it('finds a slower canary significantly worse on a higher-is-worse condition', () => {
    const c = compareTracks('>', slower, stable);
    assert.equal(c.kind, 'compared');
    if (c.kind !== 'compared') return;
    assert.equal(c.direction, 'greater');
    assert.equal(c.worse, true);
    assert.equal(c.test.method, 'exact');
    assert.ok(c.test.pValue < 0.001);
    assert.equal(c.canaryMedian, 476.5);
  });
  it('does not call a faster canary worse, nor a slower one on a lower-is-worse condition', () => {
    const faster = compareTracks('>', stable, slower);
    assert.equal(faster.kind === 'compared' && faster.worse, false);
    const lower = compareTracks('<', slower, stable);
    assert.equal(lower.kind === 'compared' && lower.direction === 'less' && lower.worse, false);
  });
  it('is undecided with too few intervals, after dropping NaN and infinities', () => {
    const c = compareTracks('>', [1, Number.NaN, Infinity, 2, 3, 4], stable);
    assert.equal(c.kind, 'undecided');
    assert.match(c.kind === 'undecided' ? c.reason : '', /4 canary and 8 stable intervals/);
    assert.equal(compareTracks('>', slower, []).kind, 'undecided');
    assert.equal(MIN_INTERVALS, 5);
  });
  it('skips conditions with no worse direction', () => {
    assert.equal(compareTracks('==', slower, stable).kind, 'skipped');
    assert.equal(worseDirection('!='), undefined);
    assert.equal(worseDirection('<='), 'less');
  });
  it('never calls identical tracks different', () => {
    const c = compareTracks('>', [5, 5, 5, 5, 5], [5, 5, 5, 5, 5]);
    assert.equal(c.kind === 'compared' && c.worse, false);
    assert.equal(median([3, 1, 2, 4]), 2.5);
  });
});

describe('conditions on measured values', () => {
  it('breaches exactly as the operator says, and NaN never counts as measured', () => {
    assert.deepEqual([799, 800, 801].map((v) => breaches('>', v, 800)), [false, false, true]);
    assert.deepEqual([799, 800, 801].map((v) => breaches('>=', v, 800)), [false, true, true]);
    for (const op of ['>', '>=', '<', '<=', '==', '!='] as const) {
      assert.equal(breaches(op, Number.NaN, 1), false, op);
      for (const v of [0, 1, 2]) assert.equal(breaches(negate(op), v, 1), !breaches(op, v, 1), `${op} ${v}`);
    }
  });
});

describe('minimum requests per step', () => {
  it('reads one number or one per step; without a step the strictest applies', () => {
    assert.equal(minRequestsFor(500, 2, 1000), 500);
    assert.equal(minRequestsFor([200, 1000, 4000], 2, 1000), 1000);
    assert.equal(minRequestsFor([200, 1000, 4000], undefined, 1000), 4000);
    assert.equal(minRequestsFor([200, 1000], 4, 1000), 1000);
  });
  it('falls back to the default on values the schema rejects', () => {
    for (const bad of [-1, Number.NaN, '500', [], ['a'], null, undefined]) assert.equal(minRequestsFor(bad, 1, 1000), 1000, String(bad));
  });
});
