import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averagePrecision, prepareAveragePrecision, prepareRocAuc, rocAuc } from '../../../server/src/stats/classification';
import { brierScore, expectedCalibrationError, f1AtThreshold } from '../../../server/src/stats/calibration';
import { errorByTargetRange, meanAbsoluteError, rootMeanSquaredError } from '../../../server/src/stats/regression';
import { ndcgAtK, prepareRecallAtK, RankingInput, recallAtK } from '../../../server/src/stats/ranking';
import { assertClose, JsonNumber, reference } from './reference';

const cls = reference.classification;
const y = cls.inputs.y as number[];

interface ClsCase {
  scores: string; weights: string | null;
  averagePrecision: number; rocAuc: number; f1At05: number; f1At03: number; brier: number; ece: number; eceQuantile: number; eceQuantile7: number;
}

describe('classification metrics (scikit-learn)', () => {
  for (const c of cls.cases as ClsCase[]) {
    it(`${c.scores}${c.weights ? ', weighted' : ''}`, () => {
      const s = cls.inputs[c.scores] as number[];
      const w = c.weights ? Float64Array.from(cls.inputs[c.weights] as number[]) : undefined;
      assertClose(averagePrecision(y, s, w), c.averagePrecision, 'average precision');
      assertClose(rocAuc(y, s, w), c.rocAuc, 'roc auc');
      assertClose(f1AtThreshold(y, s, 0.5, w), c.f1At05, 'f1@0.5');
      assertClose(f1AtThreshold(y, s, 0.3, w), c.f1At03, 'f1@0.3');
      assertClose(brierScore(y, s, w), c.brier, 'brier');
      assertClose(expectedCalibrationError(y, s, 10, w), c.ece, 'ece');
      assertClose(expectedCalibrationError(y, s, 10, w, 'quantile'), c.eceQuantile, 'ece, quantile bins');
      assertClose(expectedCalibrationError(y, s, 7, w, 'quantile'), c.eceQuantile7, 'ece, 7 quantile bins');
      if (w) {
        // Integer counts take the int32 fast path and must agree with float weights.
        const counts = Uint32Array.from(cls.inputs[c.weights as string] as number[]);
        assertClose(prepareAveragePrecision(y, s).evaluate(counts), c.averagePrecision, 'ap counts');
        assertClose(prepareRocAuc(y, s).evaluate(counts), c.rocAuc, 'auc counts');
      }
    });
  }
  it('single-class edge cases', () => {
    assertClose(averagePrecision(cls.inputs.yNone, cls.inputs.sNone), cls.apNoPositive, 'AP with no positive (sklearn: 0)');
    assertClose(averagePrecision(cls.inputs.yAll, cls.inputs.sNone), cls.apAllPositive, 'AP with all positive');
    assert.ok(Number.isNaN(rocAuc(cls.inputs.yNone, cls.inputs.sNone)));
    assert.equal(f1AtThreshold([0, 0], [0.1, 0.2], 0.5), 0);
  });
});

describe('regression metrics', () => {
  const reg = reference.regression;
  const ranges = (reg.ranges as [number, number][]).map(([lo, hi]) => ({ lo, hi }));
  for (const c of reg.cases as { weights: string | null; mae: number; rmse: number; byRange: JsonNumber[] }[]) {
    it(`MAE, RMSE, MAE by range${c.weights ? ', weighted' : ''}`, () => {
      const w = c.weights ? (cls.inputs[c.weights] as number[]) : undefined;
      assertClose(meanAbsoluteError(reg.inputs.t, reg.inputs.p, w), c.mae, 'mae');
      assertClose(rootMeanSquaredError(reg.inputs.t, reg.inputs.p, w), c.rmse, 'rmse');
      errorByTargetRange(reg.inputs.t, reg.inputs.p, ranges, w).forEach((r, i) => {
        assertClose(r.mae, c.byRange[i] as JsonNumber, `range ${i}`);
      });
    });
  }
});

function rankingInput(): RankingInput {
  const rel = reference.ranking.inputs.relevance as number[][];
  const sc = reference.ranking.inputs.scores as number[][];
  const queries: string[] = [];
  const relevance: number[] = [];
  const scores: number[] = [];
  rel.forEach((row, q) =>
    row.forEach((r, i) => {
      queries.push(`q${q}`);
      relevance.push(r);
      scores.push((sc[q] as number[])[i] as number);
    }),
  );
  return { queries, relevance, scores };
}

describe('ranking metrics', () => {
  const input = rankingInput();
  for (const c of reference.ranking.cases as { k: number; ndcg: number; recall: number; skipped: number }[]) {
    it(`NDCG@${c.k} (sklearn ndcg_score, ties averaged) and Recall@${c.k}`, () => {
      assertClose(ndcgAtK(input, c.k), c.ndcg, 'ndcg');
      assertClose(recallAtK(input, c.k), c.recall, 'recall');
      const prepared = prepareRecallAtK(input, c.k);
      assert.equal(prepared.skippedQueries, c.skipped);
      assert.equal(prepared.size, 40 - c.skipped);
    });
  }
  it('breaks Recall@K ties by input order', () => {
    const q = { queries: ['a', 'a', 'a'], relevance: [0, 1, 0], scores: [1, 1, 1] };
    assert.equal(recallAtK(q, 1), 0);
    assert.equal(recallAtK(q, 2), 1);
  });
});
