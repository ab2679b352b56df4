// Mann-Whitney U against scipy.stats.mannwhitneyu (SciPy 1.10.1, values written by
// scripts/stats-reference-mannwhitney.py), plus the inputs SciPy refuses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mannWhitneyU, type MwuAlternative, type MwuMethod } from '../../../server/src/stats/mann-whitney';
import { assertClose, type JsonNumber } from './reference';

interface Case { x: string; y: string; alternative: MwuAlternative; method: MwuMethod; used: 'exact' | 'asymptotic'; continuity?: boolean; statistic: JsonNumber; pValue: JsonNumber }

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/stats/mannwhitney.json'), 'utf8')) as { arrays: Record<string, number[]>; cases: Case[] };
const array = (name: string): number[] => {
  const a = fixture.arrays[name];
  assert.ok(a, `fixture array ${name}`);
  return a;
};

describe('mannWhitneyU (scipy.stats.mannwhitneyu)', () => {
  it('covers every method and alternative', () => {
    assert.ok(fixture.cases.length >= 100);
    for (const m of ['auto', 'exact', 'asymptotic']) assert.ok(fixture.cases.some((c) => c.method === m), m);
    assert.ok(fixture.cases.some((c) => c.method === 'auto' && c.used === 'exact'));
    assert.ok(fixture.cases.some((c) => c.method === 'auto' && c.used === 'asymptotic'));
  });
  for (const c of fixture.cases) {
    it(`${c.x} vs ${c.y}, ${c.alternative}, ${c.method}${c.continuity === false ? ', no continuity' : ''}`, () => {
      const r = mannWhitneyU(array(c.x), array(c.y), c.alternative, c.method, c.continuity ?? true);
      assert.ok(r);
      assert.equal(r.method, c.used);
      assert.equal(r.n1, array(c.x).length);
      assertClose(r.statistic, c.statistic, 'U', 1e-15);
      assertClose(r.pValue, c.pValue, 'p-value', 1e-12, 1e-15);
    });
  }
});

describe('mannWhitneyU on inputs SciPy refuses or that are degenerate', () => {
  it('is undefined for an empty sample or any NaN', () => {
    assert.equal(mannWhitneyU([], [1]), undefined);
    assert.equal(mannWhitneyU([1], []), undefined);
    assert.equal(mannWhitneyU([1, Number.NaN], [1, 2]), undefined);
    assert.equal(mannWhitneyU([1, 2], [Number.NaN]), undefined);
  });
  it('ranks infinities like any value and ties them with each other', () => {
    const r = mannWhitneyU([Infinity, Infinity, 3], [1, 2, -Infinity], 'greater');
    assert.ok(r);
    assert.equal(r.statistic, 9);
    assert.equal(r.method, 'asymptotic');
  });
  it('gives p = 1 when every value is equal (no evidence of a difference)', () => {
    for (const alt of ['two-sided', 'greater', 'less'] as const) assert.equal(mannWhitneyU([2, 2, 2, 2, 2, 2, 2, 2, 2], [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], alt)?.pValue, 1);
  });
  it('falls back to the normal approximation when the exact table would be too large, and says so', () => {
    const x = Array.from({ length: 5 }, (_, i) => i + 0.5);
    const y = Array.from({ length: 2000 }, (_, i) => i * 0.01);
    assert.equal(mannWhitneyU(x, y, 'greater', 'exact')?.method, 'asymptotic');
  });
});
