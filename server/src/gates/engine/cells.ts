/**
 * The fail-closed rule for evidence cells, shared by every gate: a cell a threshold depends on is
 * either valid or counted, and a check that lost any such cell cannot pass. Gates audit the
 * columns they read (blank, NaN, infinite, negative where a quantity cannot be, a flag that is
 * neither true nor false) and hand the audit to `cellsError`, which turns any drop into an error
 * check that names the file, the column, how many cells and the first row.
 */
import type { CardPath } from '../../card/model';
import type { CheckResult } from './types';

/** What was wrong with the cells of one column a check reads. */
export interface CellAudit {
  /** The evidence file as the card names it. */
  file: string;
  column: string;
  /** Rows the check looked at. */
  rows: number;
  /** Cells that could not be used, by reason (e.g. `blank`, `not finite`, `negative`). */
  invalid: ReadonlyMap<string, number>;
  /** 1-based data row (header excluded) of the first invalid cell. */
  firstRow?: number;
}

/** An audit being filled in row by row. */
export class CellAuditBuilder {
  private readonly counts = new Map<string, number>();
  private first: number | undefined;

  constructor(private readonly file: string, private readonly column: string) {}

  /** Counts one invalid cell at 0-based row `row`. */
  reject(row: number, reason: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    if (this.first === undefined || row + 1 < this.first) this.first = row + 1;
  }

  /** The finished audit over `rows` rows. */
  done(rows: number): CellAudit {
    return { file: this.file, column: this.column, rows, invalid: new Map(this.counts), ...(this.first !== undefined ? { firstRow: this.first } : {}) };
  }
}

/** Number of invalid cells of an audit. */
export function invalidCount(a: CellAudit): number {
  let n = 0;
  for (const c of a.invalid.values()) n += c;
  return n;
}

/** `12 blank, 3 not finite` for an audit's reasons. */
function reasons(a: CellAudit): string {
  return [...a.invalid].map(([why, n]) => `${n.toLocaleString('en-US')} ${why}`).join(', ');
}

/**
 * An error check when any audited column lost a cell, else undefined. `purpose` says what the
 * cells were for ("the p99 latency"), `fix` what the user can do besides cleaning the file.
 */
export function cellsError(id: string, at: CardPath, audits: readonly CellAudit[], purpose: string, fix = ''): CheckResult | undefined {
  const bad = audits.filter((a) => invalidCount(a) > 0);
  const first = bad[0];
  if (first === undefined) return undefined;
  const parts = bad.map((a) => `column ${a.column} of ${a.file}: ${reasons(a)} of ${a.rows.toLocaleString('en-US')} cells${a.firstRow !== undefined ? `, first at data row ${a.firstRow}` : ''}`);
  const total = bad.reduce((n, a) => n + invalidCount(a), 0);
  return {
    id, status: 'error', at, observed: total, unit: 'invalid cells',
    evidence: { file: first.file, column: first.column, ...(first.firstRow !== undefined ? { row: first.firstRow } : {}) },
    details: Object.fromEntries(bad.map((a) => [`invalid.${a.column}`, invalidCount(a)])),
    message: `${purpose} depends on cells that are not valid values (${parts.join('; ')}). Leaving them out could hide exactly the requests or rows that break the threshold, so the gate cannot decide and blocks the release. Fix or remove those rows in the evidence${fix ? `, or ${fix}` : ''}.`,
  };
}
