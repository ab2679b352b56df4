/**
 * Counters of the elementary steps taken by the passes over a card that once grew quadratically
 * with its size (issue 13). Tests read them to assert that work grows linearly, which a clock on a
 * shared machine cannot show; production code only ever adds to them, which costs nothing.
 */

/** Steps of each pass, by name. */
export interface WorkCounts {
  /** Mapping items visited to find a key: while indexing a mapping, and one per indexed lookup. */
  pairSteps: number;
  /** Characters examined while parsing durations such as `5m`. */
  durationSteps: number;
  /** Lines and findings visited while finding and applying suppression comments. */
  suppressionSteps: number;
  /** Schema errors examined while ranking the alternatives of `oneOf`/`anyOf`. */
  rankingSteps: number;
  /** Nodes visited while resolving aliases. */
  aliasSteps: number;
}

/** The running counts; see resetWork. */
export const WORK: WorkCounts = { pairSteps: 0, durationSteps: 0, suppressionSteps: 0, rankingSteps: 0, aliasSteps: 0 };

/** Sets every count back to zero (a test does this before the pass it measures). */
export function resetWork(): void {
  WORK.pairSteps = 0;
  WORK.durationSteps = 0;
  WORK.suppressionSteps = 0;
  WORK.rankingSteps = 0;
  WORK.aliasSteps = 0;
}
