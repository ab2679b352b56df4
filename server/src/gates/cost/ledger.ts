/**
 * Reading the cost ledger and the outcomes table into per-day totals, and summing a horizon. Kept
 * apart from the gate so the accounting rules (fixed costs by traffic share, migration kept apart,
 * every day of a horizon present) are in one small, testable place.
 */
import type { EvidenceProblem, Table } from '../../evidence';
import { booleanAt, categoryAt, getColumn } from '../../evidence';

/** Steady-state cost categories that make up cost per useful outcome. */
export const COST_CATEGORIES = ['inference', 'infra', 'storage', 'retraining', 'human_ops'] as const;

/** The one-time category, reported apart from steady-state cost. */
export const MIGRATION = 'migration';

const DAY_MS = 86_400_000;

/** Costs of one day after allocation. */
export interface DayCost {
  byCategory: Record<string, number>;
  migration: number;
}

/** Outcomes of one day. */
export interface DayOutcome {
  successes: number;
  requests: number | undefined;
}

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
  successes: number;
  requests: number | undefined;
}

/** The UTC day number of an epoch-ms instant. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** `YYYY-MM-DD` of a UTC day number. */
export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Reads ledger rows into day costs; fixed rows count for `trafficShare` of their amount. */
export function readLedger(t: Table, trafficShare: number): { days: Map<number, DayCost> } | { problems: EvidenceProblem[] } {
  const date = getColumn(t, 'date');
  const category = getColumn(t, 'category');
  const amount = getColumn(t, 'amount');
  const fixed = getColumn(t, 'fixed');
  if (date?.type !== 'timestamp' || category?.type !== 'categorical' || amount?.type !== 'numeric' || fixed?.type !== 'boolean') {
    return { problems: [{ file: t.file, message: `${t.file} needs columns date (YYYY-MM-DD), category, amount (number) and fixed (true/false)` }] };
  }
  const days = new Map<number, DayCost>();
  const problems: EvidenceProblem[] = [];
  const allowed = new Set<string>([...COST_CATEGORIES, MIGRATION]);
  for (let r = 0; r < t.rowCount && problems.length < 10; r++) {
    const cat = categoryAt(category, r);
    const amt = amount.values[r] as number;
    const isFixed = booleanAt(fixed, r);
    const ms = date.values[r] as number;
    if (cat === undefined || !allowed.has(cat) || !Number.isFinite(amt) || isFixed === undefined || Number.isNaN(ms)) {
      const why = cat !== undefined && !allowed.has(cat) ? `category '${cat}' is not one of ${[...allowed].join(', ')}` : 'a cell of date, category, amount or fixed is empty';
      problems.push({ file: t.file, row: r + 1, message: `${t.file}: row ${r + 1}: ${why}, so the row's cost cannot be allocated` });
      continue;
    }
    const day = days.get(dayOf(ms)) ?? { byCategory: {}, migration: 0 };
    const allocated = isFixed ? amt * trafficShare : amt;
    if (cat === MIGRATION) day.migration += allocated;
    else day.byCategory[cat] = (day.byCategory[cat] ?? 0) + allocated;
    days.set(dayOf(ms), day);
  }
  return problems.length > 0 ? { problems } : { days };
}

/** Reads outcome rows (`date`, `successful_outcomes`, optional `requests`) into day outcomes. */
export function readOutcomes(t: Table): { days: Map<number, DayOutcome> } | { problems: EvidenceProblem[] } {
  const date = getColumn(t, 'date');
  const ok = getColumn(t, 'successful_outcomes');
  const req = getColumn(t, 'requests');
  if (date?.type !== 'timestamp' || ok?.type !== 'numeric') {
    return { problems: [{ file: t.file, message: `${t.file} needs columns date (YYYY-MM-DD) and successful_outcomes (number)` }] };
  }
  const days = new Map<number, DayOutcome>();
  for (let r = 0; r < t.rowCount; r++) {
    const ms = date.values[r] as number;
    const n = ok.values[r] as number;
    if (Number.isNaN(ms) || !Number.isFinite(n) || n < 0) {
      return { problems: [{ file: t.file, row: r + 1, message: `${t.file}: row ${r + 1}: date or successful_outcomes is empty or negative` }] };
    }
    const d = days.get(dayOf(ms)) ?? { successes: 0, requests: 0 };
    d.successes += n;
    const rq = req?.type === 'numeric' ? (req.values[r] as number) : NaN;
    d.requests = d.requests !== undefined && Number.isFinite(rq) ? d.requests + rq : undefined;
    days.set(dayOf(ms), d);
  }
  return { days };
}

/** Sums the `horizon` days ending at `lastDay` (inclusive), noting days without data. */
export function horizonTotals(ledger: Map<number, DayCost>, outcomes: Map<number, DayOutcome>, lastDay: number, horizon: number): HorizonTotals {
  const out: HorizonTotals = {
    firstDay: lastDay - horizon + 1, lastDay, missingLedger: [], missingOutcomes: [], cost: 0, byCategory: {}, migration: 0, successes: 0, requests: 0,
  };
  for (let d = out.firstDay; d <= lastDay; d++) {
    const cost = ledger.get(d);
    const outcome = outcomes.get(d);
    if (!cost) out.missingLedger.push(d);
    if (!outcome) out.missingOutcomes.push(d);
    if (cost) {
      out.migration += cost.migration;
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
