/**
 * Summing one horizon of the ledger and the outcomes: the days it covers, the days it lacks, cost by
 * category (credits included and also totalled apart), migration kept apart, and outcomes.
 */
import { type DayCost } from './ledger';
import type { DayOutcome } from './outcomes';

/** Sums over one horizon. */
export interface HorizonTotals {
  /** First and last day (UTC day numbers) of the horizon. */
  firstDay: number;
  lastDay: number;
  /** Days of the horizon without any ledger row or without an outcomes row. */
  missingLedger: number[];
  missingOutcomes: number[];
  cost: number;
  byCategory: Record<string, number>;
  migration: number;
  credits: number;
  successes: number;
  requests: number | undefined;
}

/** Sums the `horizon` days ending at `lastDay` (inclusive), noting days without data. */
export function horizonTotals(ledger: Map<number, DayCost>, outcomes: Map<number, DayOutcome>, lastDay: number, horizon: number): HorizonTotals {
  const out: HorizonTotals = {
    firstDay: lastDay - horizon + 1, lastDay, missingLedger: [], missingOutcomes: [], cost: 0, byCategory: {}, migration: 0, credits: 0, successes: 0, requests: 0,
  };
  for (let d = out.firstDay; d <= lastDay; d++) {
    const cost = ledger.get(d);
    const outcome = outcomes.get(d);
    if (!cost) out.missingLedger.push(d);
    if (!outcome) out.missingOutcomes.push(d);
    if (cost) {
      out.migration += cost.migration;
      out.credits += cost.credits;
      for (const [cat, v] of Object.entries(cost.byCategory)) {
        out.byCategory[cat] = (out.byCategory[cat] ?? 0) + v;
        out.cost += v;
      }
    }
    if (outcome) {
      out.successes += outcome.successes;
      out.requests = out.requests !== undefined && outcome.requests !== undefined ? out.requests + outcome.requests : undefined;
    }
  }
  return out;
}
