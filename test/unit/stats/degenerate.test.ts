// Degenerate samples in the quality statistics (issue 12): a comparison whose labels hold one class
// scores both models alike (AP 0 vs 0, NDCG 1 vs 1) and used to pass inside any margin. The guards
// must refuse those samples and leave out such resamples, and change nothing on sound input:
// bootstrap-golden.json holds results computed before the guards existed, compared bit for bit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  averagePrecision, jackknifeAcceleration, pairedBootstrap, percentileSorted, prepareAveragePrecision, prepareF1, prepareNdcg, prepareRecallAtK,
  prepareRocAuc, Xoshiro128,
} from '../../../server/src/stats';

/** Labels at `rate` positives and two correlated score columns, from a seeded generator. */
function data(n: number, seed: number, rate: number): { y: Uint8Array; s1: Float64Array; s2: Float64Array } {
  const rng = new Xoshiro128(seed);
  const y = new Uint8Array(n);
  const s1 = new Float64Array(n);
  const s2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.nextFloat() < rate ? 1 : 0;
    const shared = rng.nextFloat();
    s1[i] = (y[i] as number) * 0.6 + shared + 0.3 * rng.nextFloat();
    s2[i] = (y[i] as number) * 0.5 + shared + 0.3 * rng.nextFloat();
  }
  return { y, s1, s2 };
}

/** 150 queries of 6 items with graded relevance 0..3. */
function rankingData(): { queries: string[]; relevance: number[]; a: number[]; b: number[] } {
  const rng = new Xoshiro128(11);
  const out = { queries: [] as string[], relevance: [] as number[], a: [] as number[], b: [] as number[] };
  for (let q = 0; q < 150; q++) {
    for (let j = 0; j < 6; j++) {
      const r = Math.floor(rng.nextFloat() * 4);
      out.queries.push(`q${q}`);
      out.relevance.push(r);
      out.a.push(r + rng.nextFloat() * 2);
      out.b.push(r + rng.nextFloat() * 2.6);
    }
  }
  return out;
}

/** The cases of bootstrap-golden.json, computed the way they were when it was written. */
function goldenCases(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, n, seed, rate] of [['common', 2000, 1, 0.3], ['rare', 400, 2, 0.05], ['large', 3000, 4, 0.2]] as const) {
    const { y, s1, s2 } = data(n, seed, rate);
    for (const method of ['percentile', 'bca'] as const) {
      const opts = { delta: 0.01, seed: 7, resamples: 300, method };
      out[`${name}.ap.${method}`] = pairedBootstrap(prepareAveragePrecision(y, s1), prepareAveragePrecision(y, s2), opts);
      out[`${name}.f1.${method}`] = pairedBootstrap(prepareF1(y, s1, 0.9), prepareF1(y, s2, 0.9), opts);
      out[`${name}.roc.${method}`] = pairedBootstrap(prepareRocAuc(y, s1), prepareRocAuc(y, s2), opts);
    }
  }
  const r = rankingData();
  for (const method of ['percentile', 'bca'] as const) {
    const opts = { delta: 0.01, seed: 3, resamples: 300, method };
    out[`ndcg.${method}`] = pairedBootstrap(prepareNdcg({ queries: r.queries, relevance: r.relevance, scores: r.a }, 5), prepareNdcg({ queries: r.queries, relevance: r.relevance, scores: r.b }, 5), opts);
    out[`recall.${method}`] = pairedBootstrap(prepareRecallAtK({ queries: r.queries, relevance: r.relevance, scores: r.a }, 3), prepareRecallAtK({ queries: r.queries, relevance: r.relevance, scores: r.b }, 3), opts);
  }
  return out;
}

describe('degenerate-sample guards change nothing on sound input', () => {
  it('gives the intervals computed before the guards, bit for bit (AP, F1, ROC AUC, NDCG, Recall@K; percentile and BCa)', () => {
    const golden = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/stats/bootstrap-golden.json'), 'utf8')) as Record<string, unknown>;
    assert.deepStrictEqual(JSON.parse(JSON.stringify(goldenCases())), golden);
  });
});

describe('labels of one class (issue 12)', () => {
  const n = 200;
  const s1 = Float64Array.from({ length: n }, (_, i) => (i % 17) / 17);
  const s2 = Float64Array.from({ length: n }, (_, i) => (i % 13) / 13);
  for (const label of [0, 1]) {
    const y = new Uint8Array(n).fill(label);
    for (const [name, prep] of [
      ['average precision', (s: Float64Array) => prepareAveragePrecision(y, s)],
      ['F1', (s: Float64Array) => prepareF1(y, s, 0.5)],
      ['ROC AUC', (s: Float64Array) => prepareRocAuc(y, s)],
    ] as const) {
      it(`${name} with every label ${label} is insufficient, not ${label} vs ${label}`, () => {
        const r = pairedBootstrap(prep(s1), prep(s2), { delta: 0.05, resamples: 50 });
        assert.equal(r.status, 'insufficient');
        assert.match(r.status === 'insufficient' ? r.reason : '', /labels of one class/);
      });
    }
  }

  it('leaves out resamples that drew one class, and counts them', () => {
    // Two positives in 150 rows: about 26 % of resamples draw neither, and AP is then 0 vs 0.
    const { s1: a, s2: b } = data(150, 5, 0.5);
    const y = new Uint8Array(150);
    y[10] = 1;
    y[90] = 1;
    const r = pairedBootstrap(prepareAveragePrecision(y, a), prepareAveragePrecision(y, b), { delta: 0.05, seed: 4, resamples: 400 });
    assert.ok(r.status === 'ok');
    // Replay the same draws independently: the interval must come from the two-class resamples only.
    const rng = new Xoshiro128(4);
    const counts = new Uint32Array(150);
    const kept: number[] = [];
    for (let k = 0; k < 400; k++) {
      rng.fillBootstrapCounts(counts);
      if ((counts[10] as number) + (counts[90] as number) === 0) continue;
      kept.push(averagePrecision(y, a, counts) - averagePrecision(y, b, counts));
    }
    const sorted = Float64Array.from(kept).sort();
    assert.equal(r.skippedResamples, 400 - kept.length);
    assert.ok(r.skippedResamples > 50 && r.skippedResamples < 170, `${r.skippedResamples}`);
    const alpha = (1 - 0.95) / 2;
    assert.equal(r.lower, percentileSorted(sorted, 100 * alpha));
    assert.equal(r.upper, percentileSorted(sorted, 100 * (1 - alpha)));
  });

  it('leaves a jackknife group that held every positive out of the BCa acceleration', () => {
    // 1200 rows (grouped jackknife, unit i in group i mod 200), both positives in group 0.
    const { s1: a, s2: b } = data(1200, 6, 0.5);
    const y = new Uint8Array(1200);
    y[0] = 1;
    y[200] = 1;
    const acc = jackknifeAcceleration(prepareAveragePrecision(y, a), prepareAveragePrecision(y, b), 1);
    // The acceleration over groups 1..199 only; group 0's leave-out would be AP 0 vs 0.
    const estimates: number[] = [];
    const w = new Uint32Array(1200);
    for (let g = 1; g < 200; g++) {
      for (let i = 0; i < 1200; i++) w[i] = i % 200 === g ? 0 : 1;
      estimates.push(averagePrecision(y, a, w) - averagePrecision(y, b, w));
    }
    let m = 0;
    for (const e of estimates) m += e / estimates.length;
    let num = 0;
    let den = 0;
    for (const e of estimates) {
      num += (m - e) ** 3;
      den += (m - e) ** 2;
    }
    assert.ok(Math.abs(acc - num / (6 * den ** 1.5)) <= 1e-12 * Math.max(1, Math.abs(acc)), `${acc}`);
  });
});

describe('ranking samples no ranking can change (issue 12)', () => {
  const queries = Array.from({ length: 60 }, (_, i) => `q${Math.floor(i / 3)}`);
  const scoresA = queries.map((_, i) => (i * 7) % 5);
  const scoresB = queries.map((_, i) => (i * 3) % 4);
  it('counts informative queries: NDCG needs two relevance grades, Recall@K a non-relevant item beyond K', () => {
    const mixed = queries.map((_, i) => (i % 3 === 0 ? 2 : 0));
    assert.equal(prepareNdcg({ queries, relevance: mixed, scores: scoresA }, 2).informativeQueries, 20);
    assert.equal(prepareNdcg({ queries, relevance: queries.map(() => 1), scores: scoresA }, 2).informativeQueries, 0);
    assert.equal(prepareRecallAtK({ queries, relevance: mixed, scores: scoresA }, 2).informativeQueries, 20);
    assert.equal(prepareRecallAtK({ queries, relevance: mixed, scores: scoresA }, 3).informativeQueries, 0, 'three items fit in the top 3');
  });

  it('NDCG with no relevant item anywhere is insufficient, not 0 vs 0', () => {
    const zero = queries.map(() => 0);
    const r = pairedBootstrap(prepareNdcg({ queries, relevance: zero, scores: scoresA }, 2), prepareNdcg({ queries, relevance: zero, scores: scoresB }, 2), { delta: 0.05, minSampleSize: 10 });
    assert.equal(r.status, 'insufficient');
  });
});
