import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chi2Sf, erfc, logGamma, normalQuantile } from '../../../server/src/stats/special';
import { percentileSorted } from '../../../server/src/stats/numeric';
import { percentile } from '../../../server/src/stats/select';
import { kstwoSf } from '../../../server/src/stats/kstwo';
import { arrayOf, assertClose, JsonNumber, reference } from './reference';

describe('percentile (numpy linear, bit for bit)', () => {
  for (const c of reference.percentile as { array: string; q: number[]; expected: JsonNumber[] }[]) {
    it(`matches numpy.percentile on ${c.array}`, () => {
      const values = arrayOf(c.array);
      const sorted = Float64Array.from(values).sort();
      c.q.forEach((q, i) => {
        assert.equal(percentile(values, q), c.expected[i], `${c.array} q=${q}`);
        assert.equal(percentileSorted(sorted, q), c.expected[i], `${c.array} sorted q=${q}`);
      });
    });
  }
  it('ignores NaN and returns NaN for empty input', () => {
    assertClose(percentile([Number.NaN, 1, 3], 50), 2, 'nan dropped');
    assertClose(percentile([], 50), 'NaN', 'empty');
  });
});

describe('special functions', () => {
  it('chi2Sf matches scipy.stats.chi2.sf', () => {
    for (const [x, df, p] of reference.special.chi2sf as [number, number, JsonNumber][]) {
      assertClose(chi2Sf(x, df), p, `chi2.sf(${x}, ${df})`, 1e-11, 1e-300);
    }
  });
  it('erfc matches scipy.special.erfc, including the far tail', () => {
    for (const [x, v] of reference.special.erfc as [number, JsonNumber][]) assertClose(erfc(x), v, `erfc(${x})`, 1e-12, 1e-300);
  });
  it('normalQuantile matches scipy.special.ndtri', () => {
    for (const [p, v] of reference.special.ndtri as [number, JsonNumber][]) assertClose(normalQuantile(p), v, `ndtri(${p})`, 1e-12);
  });
  it('logGamma matches scipy.special.gammaln', () => {
    for (const [x, v] of reference.special.gammaln as [number, JsonNumber][]) assertClose(logGamma(x), v, `gammaln(${x})`, 1e-13, 1e-14);
  });
  it('kstwoSf matches scipy.stats.kstwo.sf across all regions', () => {
    for (const [x, n, v] of reference.kstwo as [number, number, JsonNumber][]) {
      assertClose(kstwoSf(x, n), v, `kstwo.sf(${x}, ${n})`, 1e-9, 1e-15);
    }
  });
});
