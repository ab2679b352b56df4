/**
 * Telling the cases of a suite apart. A pass rate is a share of *cases*, so a case counted twice
 * weighs twice: 600 copies of one passing case would lift a failing suite over any rate. Cases are
 * told apart by the case id column when the file has one, else by the whole row. A repeated case is
 * an error unless the suite says how to count it (`duplicate_cases: count_once`: each case once,
 * failing when any of its rows failed, for reruns of flaky cases).
 */
import type { CardPath } from '../../card/model';
import { getColumn, type Table } from '../../evidence';
import { type CellAudit, cellsError } from '../engine/cells';
import { type Duplicates, duplicatesError, findDuplicates, missingIds } from '../engine/duplicates';
import type { CheckResult } from '../engine/types';

/** How a suite names and counts its cases. */
export interface CaseSpec {
  name: string;
  evidence: string;
  caseIdColumn: string;
  /** True when the card names the case id column (then it must exist). */
  caseIdExplicit: boolean;
  duplicateCases: 'error' | 'count_once';
}

/** The cases of a loaded suite: which row each row repeats, and missing ids. */
export interface CaseIdentity {
  dups: Duplicates;
  ids?: CellAudit;
}

/** Reads the cases' identity, or says why the named case id column cannot be used. */
export function caseIdentity(table: Table, s: CaseSpec): CaseIdentity | string {
  const col = getColumn(table, s.caseIdColumn);
  if (!col) {
    if (s.caseIdExplicit) return `Suite '${s.name}': case_id_column ${s.caseIdColumn} is not a column of ${s.evidence} (columns: ${table.columns.map((c) => c.name).join(', ')}), so its cases cannot be told apart or named. Fix case_id_column or the results file.`;
    return { dups: findDuplicates(table) };
  }
  return { dups: findDuplicates(table, [col.name]), ids: missingIds(table, col) };
}

/** The error check `id` at `at` when the cases cannot be counted as the suite says, else undefined. */
export function identityError(id: string, at: CardPath, s: CaseSpec, c: CaseIdentity): CheckResult | undefined {
  const cells = cellsError(id, at, c.ids ? [c.ids] : [], `Suite '${s.name}'`, 'set case_id_column to a column that names every case');
  if (cells || s.duplicateCases === 'count_once') return cells;
  return duplicatesError(id, at, c.dups, `Suite '${s.name}'`,
    'A case counted twice weighs twice in the pass rate, so copies of a passing case can hide failing ones.',
    `give every case its own id, or set duplicate_cases: count_once to count each case once (failing when any of its runs failed)`);
}

/** Distinct cases, and the first row of each failing case (a case fails when any of its rows failed). */
export function countOnce(c: CaseIdentity, failedRows: readonly number[]): { cases: number; failed: number[] } {
  const failedCase = new Set(failedRows.map((r) => c.dups.firstOf[r] as number));
  return { cases: c.dups.firstOf.length - c.dups.count, failed: [...failedCase].sort((a, b) => a - b) };
}
