/**
 * Every part of the formula is in the ledger: cost per useful outcome is inference + infra +
 * storage + retraining + human ops over successful outcomes, so a category with no row at all in
 * the days the horizons cover is a part of the cost left out, and the release looks cheaper than
 * it is. A service that truly has no cost in a category declares it under
 * `not_applicable_categories`; a category so declared must then carry no cost in the ledger.
 */
import type { CardPath } from '../../card/model';
import type { CheckResult } from '../engine/types';
import { COST_CATEGORIES, type DayCost, dateOf } from './ledger';

/** What the category check needs from the cost definition. */
export interface CategorySpec {
  horizons: readonly number[];
  notApplicable: readonly string[];
  currency: string;
}

/** Rows present and total amount of each category over days `first..last`. */
function categoryTotals(ledger: Map<number, DayCost>, first: number, last: number): Map<string, { days: number; total: number }> {
  const out = new Map<string, { days: number; total: number }>();
  for (let d = first; d <= last; d++) {
    for (const [cat, v] of Object.entries(ledger.get(d)?.byCategory ?? {})) {
      const t = out.get(cat) ?? { days: 0, total: 0 };
      out.set(cat, { days: t.days + 1, total: t.total + v });
    }
  }
  return out;
}

/** The `categories` check over the longest horizon ending at `lastDay`. */
export function categoryCheck(base: CardPath, spec: CategorySpec, ledger: Map<number, DayCost>, lastDay: number): CheckResult {
  const first = lastDay - Math.max(...spec.horizons) + 1;
  const span = `${dateOf(first)}..${dateOf(lastDay)}`;
  const totals = categoryTotals(ledger, first, lastDay);
  const missing = COST_CATEGORIES.filter((c) => !totals.has(c) && !spec.notApplicable.includes(c));
  const id = 'categories';
  if (missing.length > 0) {
    return {
      id, status: 'error', observed: missing.join(', '), threshold: COST_CATEGORIES.join(', '), at: [...base, 'ledger'],
      message: `The ledger has no ${missing.join(', ')} row in ${span} (the days the horizons cover), so cost per useful outcome would leave ${missing.length > 1 ? 'those parts' : 'that part'} of the formula (inference + infra + storage + retraining + human ops) out and the release would look cheaper than it is. Add the costs to the ledger (a row of 0 states a zero cost), or, if this service truly has none, list ${missing.length > 1 ? 'them' : 'it'} under not_applicable_categories.`,
    };
  }
  const charged = spec.notApplicable.filter((c) => (totals.get(c)?.total ?? 0) !== 0);
  const c = charged[0];
  if (c !== undefined) {
    const t = totals.get(c) as { days: number; total: number };
    return {
      id, status: 'error', observed: charged.join(', '), at: [...base, 'not_applicable_categories'],
      message: `${c} is declared not applicable but the ledger charges ${t.total.toFixed(4)} ${spec.currency} to it on ${t.days} day(s) of ${span}${charged.length > 1 ? ` (also: ${charged.slice(1).join(', ')})` : ''}. One of the two is wrong, so the cost cannot be trusted; remove it from not_applicable_categories or correct the ledger.`,
    };
  }
  const na = spec.notApplicable.length > 0 ? `; declared not applicable: ${spec.notApplicable.join(', ')}` : '';
  return {
    id, status: 'pass', observed: COST_CATEGORIES.filter((x) => totals.has(x)).join(', '), threshold: COST_CATEGORIES.join(', '), at: [...base, 'ledger'],
    message: `Every cost category of the formula has ledger rows in ${span}${na}.`,
  };
}
