import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentileSorted, percentiles, sortedCopy, Xoshiro128 } from '../../../server/src/stats';

/** Inputs of many shapes: ties, signed zeros, infinities, NaN, sorted and reversed runs. */
function samples(): Float64Array[] {
  const rng = new Xoshiro128(11);
  const out: Float64Array[] = [new Float64Array(0), Float64Array.of(5), Float64Array.of(-0, 0), Float64Array.of(0, -0, -0, 0)];
  const specials = [0, -0, Infinity, -Infinity, Number.NaN, 1, -1];
  for (const n of [2, 3, 31, 32, 33, 100, 1000, 5000, 65_535, 65_536, 200_001]) {
    for (const shape of ['random', 'ties', 'zeros', 'sorted', 'reversed', 'organ', 'mostly-nan', 'outliers']) {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = rng.nextFloat();
        if (shape === 'random') a[i] = r < 0.05 ? (specials[i % specials.length] as number) : (r - 0.5) * 1e3;
        else if (shape === 'ties') a[i] = Math.round(r * 4);
        else if (shape === 'zeros') a[i] = r < 0.5 ? -0 : r < 0.8 ? 0 : r - 0.9;
        else if (shape === 'sorted') a[i] = i;
        else if (shape === 'reversed') a[i] = n - i;
        else if (shape === 'mostly-nan') a[i] = r < 0.97 ? Number.NaN : r;
        else if (shape === 'outliers') a[i] = r < 0.3 ? -1e300 : r > 0.7 ? 1e300 : r;
        else a[i] = Math.min(i, n - i);
      }
      out.push(a);
    }
  }
  return out;
}

describe('percentiles by selection', () => {
  it('equals the sorted linear method bit for bit (signed zeros included) at every q', () => {
    const qs = [0, 1, 5, 25, 50, 75, 95, 99, 99.9, 100, 33.3, -1, 101, Number.NaN];
    for (const a of samples()) {
      const sorted = sortedCopy(a);
      const got = percentiles(a, qs);
      qs.forEach((q, i) => assert.ok(Object.is(got[i], percentileSorted(sorted, q)), `n=${a.length} q=${q}: ${got[i]} vs ${percentileSorted(sorted, q)}`));
    }
  });

  it('leaves the input untouched', () => {
    const a = Float64Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 10_007);
    const copy = a.slice();
    percentiles(a, [25, 75]);
    assert.deepEqual(a, copy);
  });

  it('stays exact when the sample cannot separate values (all equal, two values)', () => {
    const same = new Float64Array(100_000).fill(3);
    assert.deepEqual(percentiles(same, [25, 75]), [3, 3]);
    const two = Float64Array.from({ length: 100_001 }, (_, i) => i % 2);
    assert.deepEqual(percentiles(two, [25, 50, 75]), [percentileSorted(sortedCopy(two), 25), percentileSorted(sortedCopy(two), 50), percentileSorted(sortedCopy(two), 75)]);
  });
});
