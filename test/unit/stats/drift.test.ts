import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ks2Samp } from '../../../server/src/stats/ks';
import { wassersteinDistance } from '../../../server/src/stats/wasserstein';
import {
  chiSquareDriftTest, jensenShannonDriftTest, psiDriftTest, wassersteinDriftTest, zDriftTest,
} from '../../../server/src/stats/drift-tests';
import { chooseDriftMethod, columnDrift, datasetDrift, DriftColumn } from '../../../server/src/stats/drift';
import { CategoryCounts, countValues, fillEmptyBins, sturgesBinEdges } from '../../../server/src/stats/binning';
import { arrayOf, assertClose, JsonNumber, reference } from './reference';

function source(name: string): number[] | string[] {
  return (reference.categorical[name] as string[] | undefined) ?? arrayOf(name);
}

describe('ks2Samp (scipy.stats.ks_2samp, method auto)', () => {
  for (const c of reference.ks as { a: string; b: string; statistic: number; pValue: JsonNumber; method: string }[]) {
    it(`${c.a} vs ${c.b} (${c.method})`, () => {
      const r = ks2Samp(arrayOf(c.a), arrayOf(c.b));
      assert.ok(r);
      assert.equal(r.method, c.method);
      assertClose(r.statistic, c.statistic, 'statistic', 1e-12);
      assertClose(r.pValue, c.pValue, 'p-value', 1e-9, 1e-15);
    });
  }
  it('is undefined for an empty sample and drops NaN', () => {
    assert.equal(ks2Samp([], [1, 2]), undefined);
    assert.deepEqual(ks2Samp([1, Number.NaN, 2], [1, 2]), ks2Samp([1, 2], [1, 2]));
  });
});

describe('Wasserstein', () => {
  for (const c of reference.wasserstein as { a: string; b: string; expected: number }[]) {
    it(`scipy.stats.wasserstein_distance ${c.a} vs ${c.b}`, () => {
      assertClose(wassersteinDistance(arrayOf(c.a), arrayOf(c.b)), c.expected, 'w1');
    });
  }
  for (const c of reference.wassersteinNorm as { a: string; b: string; expected: number }[]) {
    it(`Evidently normed Wasserstein ${c.a} vs ${c.b}`, () => {
      const r = wassersteinDriftTest(arrayOf(c.a), arrayOf(c.b));
      assertClose(r.score, c.expected, 'normed');
      assert.equal(r.drifted, r.score >= 0.1);
    });
  }
});

describe('chi-squared and z-test (Evidently)', () => {
  for (const c of reference.chisquare as { a: string; b: string; statistic: JsonNumber; pValue: JsonNumber }[]) {
    it(`chisquare ${c.a} vs ${c.b}`, () => {
      const r = chiSquareDriftTest(source(c.a), source(c.b));
      assertClose(r.statistic, c.statistic, 'statistic');
      assertClose(r.pValue ?? Number.NaN, c.pValue, 'p-value', 1e-9, 1e-15);
      assert.equal(r.drifted, (r.pValue ?? 1) < 0.05);
    });
  }
  for (const c of reference.z as { a: string; b: string; statistic: JsonNumber; pValue: JsonNumber }[]) {
    it(`z ${c.a} vs ${c.b}`, () => {
      const r = zDriftTest(source(c.a), source(c.b));
      assertClose(r.statistic, c.statistic, 'z');
      assertClose(r.pValue ?? Number.NaN, c.pValue, 'p-value', 1e-9, 1e-15);
    });
  }
});

describe('categorical input as counts', () => {
  it('gives every categorical test exactly the result of one cell per row', () => {
    for (const c of reference.distances as { a: string; b: string; numeric: boolean }[]) {
      if (c.numeric) continue;
      const a = source(c.a) as string[];
      const b = source(c.b) as string[];
      const ca = new CategoryCounts(countValues(a));
      const cb = new CategoryCounts(countValues(b));
      assert.deepEqual(chiSquareDriftTest(ca, cb), chiSquareDriftTest(a, b));
      assert.deepEqual(zDriftTest(ca, cb), zDriftTest(a, b));
      assert.deepEqual(jensenShannonDriftTest(ca, cb, false), jensenShannonDriftTest(a, b, false));
      assert.deepEqual(psiDriftTest(ca, cb, false), psiDriftTest(a, b, false));
      assert.deepEqual(columnDrift({ name: 'x', kind: 'categorical', reference: ca, current: cb }), columnDrift({ name: 'x', kind: 'categorical', reference: a, current: b }));
    }
  });
});

describe('Jensen–Shannon and PSI on Evidently bins', () => {
  for (const c of reference.distances as { a: string; b: string; numeric: boolean; jensenshannon: number; psi: number }[]) {
    it(`${c.a} vs ${c.b} (${c.numeric ? 'numeric' : 'categorical'})`, () => {
      const a = source(c.a);
      const b = source(c.b);
      const ref = c.numeric ? Float64Array.from(a as number[]) : (a as string[]);
      const cur = c.numeric ? Float64Array.from(b as number[]) : (b as string[]);
      assertClose(jensenShannonDriftTest(ref, cur, c.numeric).score, c.jensenshannon, 'js');
      assertClose(psiDriftTest(ref, cur, c.numeric).score, c.psi, 'psi');
    });
  }
  it('builds Sturges edges like numpy and fills empty bins with 0.0001', () => {
    const edges = sturgesBinEdges(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7]));
    assert.deepEqual([...edges], [0, 1.75, 3.5, 5.25, 7]);
    assert.deepEqual([...fillEmptyBins(Float64Array.from([0, 0.5, 0.5]))], [0.0001, 0.5, 0.5]);
    assert.deepEqual([...fillEmptyBins(Float64Array.from([0, 0.00005, 0.99995]))], [0.00005 / 1e6, 0.00005, 0.99995]);
  });
});

describe('automatic test choice and dataset drift', () => {
  it('follows Evidently: size, kind and number of distinct values', () => {
    assert.equal(chooseDriftMethod('numeric', 1000, 6), 'ks');
    assert.equal(chooseDriftMethod('numeric', 1000, 5), 'chisquare');
    assert.equal(chooseDriftMethod('numeric', 1000, 2), 'z');
    assert.equal(chooseDriftMethod('categorical', 500, 3), 'chisquare');
    assert.equal(chooseDriftMethod('categorical', 500, 2), 'z');
    assert.equal(chooseDriftMethod('numeric', 1001, 6), 'wasserstein');
    assert.equal(chooseDriftMethod('numeric', 1001, 5), 'jensenshannon');
    assert.equal(chooseDriftMethod('categorical', 5000, 2), 'jensenshannon');
  });
  it('excludes missing values, reports empty samples, and applies the share rule', () => {
    const withNaN = [...arrayOf('norm50'), Number.NaN, Number.NaN];
    const ks = columnDrift({ name: 'x', kind: 'numeric', reference: withNaN, current: arrayOf('norm45') });
    assert.ok(ks.ok);
    assert.equal(ks.test.method, 'ks');
    assert.equal(ks.referenceSize, 50);
    const empty = columnDrift({ name: 'e', kind: 'categorical', reference: [null, undefined], current: ['a'] });
    assert.equal(empty.ok, false);
    const columns: DriftColumn[] = [
      { name: 'shifted', kind: 'numeric', reference: arrayOf('norm800'), current: arrayOf('norm800').map((v) => v + 2) },
      { name: 'same', kind: 'numeric', reference: arrayOf('norm800'), current: arrayOf('norm800') },
      { name: 'cat', kind: 'categorical', reference: source('catA') as string[], current: source('catC') as string[] },
      { name: 'bin', kind: 'categorical', reference: source('binC') as string[], current: source('binD') as string[] },
    ];
    const d = datasetDrift(columns);
    assert.deepEqual(d.columns.map((c) => c.ok && c.test.method), ['ks', 'ks', 'chisquare', 'z']);
    assert.equal(d.driftedColumns, 2); // shifted, and cat (category 'e' never seen in reference)
    assert.equal(d.driftedShare, 0.5);
    assert.equal(d.drifted, true);
    assert.equal(datasetDrift(columns, { shareThreshold: 0.75 }).drifted, false);
    const psi = columnDrift(columns[0] as DriftColumn, { method: 'psi' });
    assert.ok(psi.ok && psi.test.method === 'psi' && psi.test.threshold === 0.1);
  });
});
