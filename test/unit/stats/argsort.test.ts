// The radix argsort behind AP and ROC AUC gives exactly the permutation of the stable comparison
// sort it replaced (descending score, ties in row order), so no ranking metric changes a bit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { descendingOrder } from '../../../server/src/stats/argsort';
import { Xoshiro128 } from '../../../server/src/stats/random';

/** The comparison sort the radix passes replace. */
function reference(s: Float64Array): Uint32Array {
  const order = new Uint32Array(s.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (s[b] as number) - (s[a] as number));
}

/** Scores of `n` rows drawn from `pick`. */
function scores(n: number, seed: number, pick: (u: number, rng: Xoshiro128) => number): Float64Array {
  const rng = new Xoshiro128(seed);
  return Float64Array.from({ length: n }, () => pick(rng.nextFloat(), rng));
}

describe('descendingOrder', () => {
  const cases: [string, Float64Array][] = [
    ['distinct doubles', scores(50_000, 1, (u) => u * 2 - 1)],
    ['heavy ties (4 decimals)', scores(60_000, 2, (u) => Math.round(u * 1e4) / 1e4)],
    ['few values', scores(30_000, 3, (u) => Math.floor(u * 5))],
    ['zeros of both signs, infinities, negatives, subnormals', scores(40_000, 4, (u, r) => [0, -0, Infinity, -Infinity, -u, u * 1e-310, -5e-324, r.nextFloat()][Math.floor(u * 8)] as number)],
    ['one value', new Float64Array(10_000).fill(0.5)],
    ['small (comparison sort)', scores(100, 5, (u) => Math.round(u * 10))],
  ];
  for (const [name, s] of cases) {
    it(`equals the stable comparison sort: ${name}`, () => {
      assert.deepEqual(descendingOrder(s), reference(s));
    });
  }

  it('keeps the comparison sort when a score is NaN', () => {
    const s = scores(10_000, 6, (u) => (u < 0.01 ? Number.NaN : u));
    assert.deepEqual(descendingOrder(s), reference(s));
  });
});
