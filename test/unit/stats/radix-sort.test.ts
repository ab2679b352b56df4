import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortFloat64 } from '../../../server/src/stats/radix-sort';
import { Xoshiro128 } from '../../../server/src/stats';

/** Bit-exact comparison, so -0 and +0 are told apart. */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

describe('radix sort of doubles', () => {
  it('orders exactly as Float64Array.prototype.sort, including signed zeros, infinities, ties and subnormals', () => {
    const rng = new Xoshiro128(7);
    const specials = [0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];
    for (const n of [2047, 2048, 5000, 100_000]) {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = rng.nextFloat();
        a[i] = r < 0.05 ? (specials[i % specials.length] as number) : r < 0.3 ? Math.round((r - 0.5) * 20) : (r - 0.5) * 1e6 * rng.nextFloat();
      }
      const expected = a.slice().sort();
      assert.ok(sameBits(sortFloat64(a.slice()), expected), `n = ${n}`);
    }
  });

  it('handles inputs where whole digit passes are constant, and views into larger buffers', () => {
    const a = new Float64Array(10_000).map((_, i) => 3 + (i % 7));
    assert.ok(sameBits(sortFloat64(a.slice()), a.slice().sort()));
    const backing = new Float64Array(12_000).map((_, i) => Math.sin(i) * 1000);
    const view = backing.subarray(1000, 11_000);
    const expected = view.slice().sort();
    sortFloat64(view);
    assert.ok(sameBits(view, expected));
    assert.equal(backing[0], 0);
  });
});
