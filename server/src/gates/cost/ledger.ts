/**
 * Reading the cost ledger into per-day totals. Kept apart from the gate so
 * the accounting rules (fixed costs by traffic share, migration kept apart, every day of a horizon
 * present, no negative cost but a documented credit) are in one small, testable place.
 *
 * Every cell the totals depend on is audited: a blank date, category, amount or `fixed` cell, an
 * unknown category, an infinite amount, a negative amount on a row that is not marked as a credit
 * (optional column `credit`), or a positive amount marked as one, makes the ledger an error. A
 * negative row that slipped through would lower cost per useful outcome, the one number the gate
 * compares.
 */
import type { CardPath } from '../../card/model';
import { type BooleanColumn, type EvidenceProblem, type Table, booleanAt, categoryAt, getColumn } from '../../evidence';
import { type CellAudit, CellAuditBuilder, cellsError } from '../engine/cells';
import type { CheckResult } from '../engine/types';

/** Steady-state cost categories that make up cost per useful outcome. */
export const COST_CATEGORIES = ['inference', 'infra', 'storage', 'retraining', 'human_ops'] as const;

/** The one-time category, reported apart from steady-state cost. */
export const MIGRATION = 'migration';

const DAY_MS = 86_400_000;

/** Every category a ledger row may name. */
const ALLOWED: ReadonlySet<string> = new Set([...COST_CATEGORIES, MIGRATION]);

/** Costs of one day after allocation. */
export interface DayCost {
  byCategory: Record<string, number>;
  migration: number;
  /** Sum of the day's credit rows (≤ 0), already included in `byCategory`. */
  credits: number;
}

/** The UTC day number of an epoch-ms instant. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** `YYYY-MM-DD` of a UTC day number. */
export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The audits of one ledger read, one per column. */
class LedgerAudit {
  readonly date: CellAuditBuilder;
  readonly category: CellAuditBuilder;
  readonly amount: CellAuditBuilder;
  readonly fixed: CellAuditBuilder;
  private unknown: string | undefined;
  private bad = 0;

  constructor(file: string) {
    this.date = new CellAuditBuilder(file, 'date');
    this.category = new CellAuditBuilder(file, 'category');
    this.amount = new CellAuditBuilder(file, 'amount');
    this.fixed = new CellAuditBuilder(file, 'fixed');
  }

  /** Audits the date, category and fixed cells of row `r`; true when all three are usable. */
  row(r: number, ms: number, cat: string | undefined, isFixed: boolean | undefined): boolean {
    const before = this.bad;
    if (Number.isNaN(ms)) this.reject(this.date, r, 'missing');
    if (cat === undefined) this.reject(this.category, r, 'missing');
    else if (!ALLOWED.has(cat)) {
      // The reason quotes the first unknown category met, so that one reason counts them all.
      this.unknown ??= cat;
      this.reject(this.category, r, `not a cost category (such as '${this.unknown}'; allowed: ${[...ALLOWED].join(', ')})`);
    }
    if (isFixed === undefined) this.reject(this.fixed, r, 'missing');
    return this.bad === before;
  }

  /** Audits the amount of row `r`: a credit must be ≤ 0 and any other amount ≥ 0. */
  amountOk(r: number, amt: number, credit: boolean): boolean {
    if (Number.isNaN(amt)) this.reject(this.amount, r, 'missing');
    else if (!Number.isFinite(amt)) this.reject(this.amount, r, 'not finite');
    else if (amt < 0 && !credit) this.reject(this.amount, r, 'negative');
    else if (amt > 0 && credit) this.reject(this.amount, r, 'positive although marked credit');
    else return true;
    return false;
  }

  /** The finished audits over `rows` rows. */
  done(rows: number): CellAudit[] {
    return [this.date, this.category, this.amount, this.fixed].map((a) => a.done(rows));
  }

  private reject(b: CellAuditBuilder, r: number, why: string): void {
    b.reject(r, why);
    this.bad++;
  }
}

/** The credit column, if the ledger has one; a credit column that is not true/false is a problem. */
function creditColumn(t: Table): BooleanColumn | undefined | EvidenceProblem {
  const c = getColumn(t, 'credit');
  if (!c || c.type === 'boolean') return c;
  return { file: t.file, column: 'credit', message: `${t.file}: column credit is ${c.type}; it must be true for a credit (a refund or discount, amount ≤ 0) and false or blank otherwise` };
}

/**
 * Reads ledger rows into day costs; fixed rows count for `trafficShare` of their amount. Returns
 * the error check `id` at `at` when a cell cannot be used.
 */
export function readLedger(t: Table, trafficShare: number, id: string, at: CardPath): { days: Map<number, DayCost> } | { problems: EvidenceProblem[] } | { error: CheckResult } {
  const date = getColumn(t, 'date');
  const category = getColumn(t, 'category');
  const amount = getColumn(t, 'amount');
  const fixed = getColumn(t, 'fixed');
  const credit = creditColumn(t);
  if (date?.type !== 'timestamp' || category?.type !== 'categorical' || amount?.type !== 'numeric' || fixed?.type !== 'boolean') {
    return { problems: [{ file: t.file, message: `${t.file} needs columns date (YYYY-MM-DD), category, amount (number) and fixed (true/false)` }] };
  }
  if (credit && 'message' in credit) return { problems: [credit] };
  const days = new Map<number, DayCost>();
  const audit = new LedgerAudit(t.file);
  for (let r = 0; r < t.rowCount; r++) {
    const cat = categoryAt(category, r);
    const isFixed = booleanAt(fixed, r);
    const ms = date.values[r] as number;
    const amt = amount.values[r] as number;
    const cells = audit.row(r, ms, cat, isFixed);
    if (audit.amountOk(r, amt, credit ? booleanAt(credit, r) === true : false) && cells) addRow(days, dayOf(ms), cat as string, amt * (isFixed ? trafficShare : 1));
  }
  const audits = audit.done(t.rowCount);
  const negative = audits.some((a) => a.invalid.has('negative'));
  const error = cellsError(id, at, audits, 'Cost per useful outcome', negative ? 'mark a refund or discount with credit: true (an optional ledger column; its amount must be ≤ 0)' : '');
  return error ? { error } : { days };
}

/** Adds one allocated amount to its day. */
function addRow(days: Map<number, DayCost>, day: number, cat: string, allocated: number): void {
  const d = days.get(day) ?? { byCategory: {}, migration: 0, credits: 0 };
  if (cat === MIGRATION) d.migration += allocated;
  else d.byCategory[cat] = (d.byCategory[cat] ?? 0) + allocated;
  if (allocated < 0 && cat !== MIGRATION) d.credits += allocated;
  days.set(day, d);
}
