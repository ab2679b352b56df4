// Ranking metrics over query groups. Each query's value is computed once at preparation, so the
// bootstrap resamples queries (the independent unit) and `evaluate` is a weighted mean over them.
import { CategoryValue } from './binning';
import { NumericInput, Weights } from './numeric';
import { assertSameLength, PreparedMetric, weightAt } from './prepared';

/** Rows of a ranking task: the query each row belongs to, its graded relevance (>= 0) and its score. */
export interface RankingInput {
  readonly queries: readonly CategoryValue[];
  readonly relevance: NumericInput;
  readonly scores: NumericInput;
}

/** A ranking metric prepared per query, plus how many queries were left out. */
export interface PreparedRankingMetric extends PreparedMetric {
  /** Queries that count (size) — the resampling units. */
  readonly evaluatedQueries: number;
  /** Queries without any relevant item, left out of Recall@K (always 0 for NDCG). */
  readonly skippedQueries: number;
  /** Counted queries whose score depends on the ranking (see `prepareNdcg`, `prepareRecallAtK`). */
  readonly informativeQueries: number;
}

/** Row indices of each query, queries in first-seen order, rows in input order. */
export function groupByQuery(queries: readonly CategoryValue[]): number[][] {
  const groups = new Map<CategoryValue, number[]>();
  queries.forEach((q, i) => {
    const g = groups.get(q);
    if (g) g.push(i);
    else groups.set(q, [i]);
  });
  return [...groups.values()];
}

/** K is validated by the card schema; a bad K here is a programming error. */
function assertPositiveK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`ranking metric: K must be a positive integer, got ${k}`);
}

function discount(position: number): number {
  return 1 / Math.log2(position + 2);
}

/** DCG@k with scikit-learn's tie handling: tied scores share the average gain over their positions. */
function tieAveragedDcg(rel: number[], score: number[], k: number): number {
  const idx = rel.map((_, i) => i).sort((a, b) => (score[b] as number) - (score[a] as number));
  let dcg = 0;
  let pos = 0;
  while (pos < idx.length && pos < k) {
    let end = pos;
    let gain = 0;
    while (end < idx.length && score[idx[end] as number] === score[idx[pos] as number]) gain += rel[idx[end++] as number] as number;
    let discounts = 0;
    for (let p = pos; p < Math.min(end, k); p++) discounts += discount(p);
    dcg += (gain / (end - pos)) * discounts;
    pos = end;
  }
  return dcg;
}

function idealDcg(rel: number[], k: number): number {
  const sorted = [...rel].sort((a, b) => b - a);
  let dcg = 0;
  for (let p = 0; p < Math.min(k, sorted.length); p++) dcg += (sorted[p] as number) * discount(p);
  return dcg;
}

function meanOver(values: Float64Array, skipped: number, informative: Uint8Array): PreparedRankingMetric {
  let informativeQueries = 0;
  for (const f of informative) informativeQueries += f;
  return {
    size: values.length,
    evaluatedQueries: values.length,
    skippedQueries: skipped,
    informativeQueries,
    degenerate(weights?: Weights): boolean {
      for (let q = 0; q < values.length; q++) if (informative[q] === 1 && weightAt(weights, q) > 0) return false;
      return true;
    },
    evaluate(weights?: Weights): number {
      let s = 0;
      let w = 0;
      for (let q = 0; q < values.length; q++) {
        const wq = weightAt(weights, q);
        s += wq * (values[q] as number);
        w += wq;
      }
      return w > 0 ? s / w : Number.NaN;
    },
  };
}

/**
 * NDCG@K per query as `sklearn.metrics.ndcg_score(..., k=K, ignore_ties=False)`: linear gains,
 * discount 1/log2(rank + 1), tied scores averaged; a query without relevant items scores 0
 * (scikit-learn's rule), and the result is the mean over queries. A query is informative when its
 * relevance holds at least two grades: otherwise every ranking scores the same (0, or 1).
 */
export function prepareNdcg(input: RankingInput, k: number): PreparedRankingMetric {
  assertPositiveK(k);
  assertSameLength('ndcg', input.queries, input.scores);
  assertSameLength('ndcg', input.relevance, input.scores);
  const groups = groupByQuery(input.queries);
  const values = new Float64Array(groups.length);
  const informative = new Uint8Array(groups.length);
  groups.forEach((rows, q) => {
    const rel = rows.map((i) => input.relevance[i] as number);
    const score = rows.map((i) => input.scores[i] as number);
    const ideal = idealDcg(rel, k);
    values[q] = ideal > 0 ? tieAveragedDcg(rel, score, k) / ideal : 0;
    informative[q] = rel.some((r) => r !== rel[0]) ? 1 : 0;
  });
  return meanOver(values, 0, informative);
}

/** NDCG@K over query groups (see `prepareNdcg`), optionally with per-query weights. */
export function ndcgAtK(input: RankingInput, k: number, queryWeights?: Weights): number {
  return prepareNdcg(input, k).evaluate(queryWeights);
}

/**
 * Recall@K per query: relevant items (relevance > 0) among the top K / min(K, relevant items),
 * so a perfect ranking scores 1 even when a query has more than K relevant items. Order: score
 * descending, ties broken by input order. Queries with no relevant item are skipped and counted.
 * A counted query is informative when a ranking can leave one of its relevant items out of the top
 * K: it has a non-relevant item and more than K items (otherwise every ranking scores 1).
 */
export function prepareRecallAtK(input: RankingInput, k: number): PreparedRankingMetric {
  assertPositiveK(k);
  assertSameLength('recall@k', input.queries, input.scores);
  assertSameLength('recall@k', input.relevance, input.scores);
  const values: number[] = [];
  const informative: number[] = [];
  let skipped = 0;
  for (const rows of groupByQuery(input.queries)) {
    const relevant = rows.filter((i) => (input.relevance[i] as number) > 0).length;
    if (relevant === 0) {
      skipped++;
      continue;
    }
    // Array.prototype.sort is stable, so equal scores keep input order.
    const ranked = [...rows].sort((a, b) => (input.scores[b] as number) - (input.scores[a] as number));
    const hits = ranked.slice(0, k).filter((i) => (input.relevance[i] as number) > 0).length;
    values.push(hits / Math.min(k, relevant));
    informative.push(relevant < rows.length && rows.length > k ? 1 : 0);
  }
  return meanOver(Float64Array.from(values), skipped, Uint8Array.from(informative));
}

/** Recall@K over query groups (see `prepareRecallAtK`), optionally with per-query weights. */
export function recallAtK(input: RankingInput, k: number, queryWeights?: Weights): number {
  return prepareRecallAtK(input, k).evaluate(queryWeights);
}
