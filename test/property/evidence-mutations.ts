/**
 * Mutations of the example evidence that make an input implausible or a check undecidable: a cell
 * a threshold depends on set to blank, NaN, ±Inf, an overflowing number, a negative quantity or
 * text; rows duplicated; a file cut in the middle of a line; labels of one class. Each mutation
 * names the gate whose verdict it must block. The example files hold no quoted fields (checked),
 * so a line splits on commas.
 */
import fc from 'fast-check';
import type { GateId } from '../../server/src/gates/engine/types';

/** One column a gate's thresholds depend on, and the values that make its cells implausible. */
interface CellTarget {
  gate: GateId;
  file: string;
  column: string;
  values: readonly string[];
}

/** Non-finite and non-numeric spellings every numeric cell rejects. */
const NOT_FINITE = ['', 'NaN', 'nan', 'n/a', 'inf', '-inf', 'Infinity', '-Infinity', '1e999', '-1e999', 'abc'];
/** Spellings that are neither true nor false. */
const NOT_A_FLAG = ['', 'NaN', 'maybe', '2', 'n/a'];

/** The columns of the churn example whose cells decide a gate (relative to the example folder). */
export const CELL_TARGETS: readonly CellTarget[] = [
  { gate: 'performance', file: 'evidence/perf/requests.csv', column: 'latency_ms', values: [...NOT_FINITE, '-47', '-0.5'] },
  { gate: 'performance', file: 'evidence/perf/requests.csv', column: 'status', values: ['', 'NaN', 'n/a', 'abc', '-1'] },
  { gate: 'performance', file: 'evidence/perf/requests.csv', column: 'timed_out', values: NOT_A_FLAG },
  { gate: 'performance', file: 'evidence/perf/requests.csv', column: 'cold_start', values: NOT_A_FLAG },
  { gate: 'performance', file: 'evidence/perf/requests.csv', column: 'timestamp', values: ['', 'NaN', 'not-a-date'] },
  { gate: 'cost', file: 'evidence/cost/ledger.csv', column: 'amount', values: [...NOT_FINITE, '-5000'] },
  { gate: 'cost', file: 'evidence/cost/ledger.csv', column: 'category', values: [''] },
  { gate: 'cost', file: 'evidence/cost/ledger.csv', column: 'date', values: ['', 'not-a-date'] },
  { gate: 'cost', file: 'evidence/cost/outcomes.csv', column: 'successful_outcomes', values: [...NOT_FINITE, '-480'] },
  { gate: 'cost', file: 'evidence/cost/outcomes.csv', column: 'date', values: ['', 'not-a-date'] },
  { gate: 'quality', file: 'evidence/quality/predictions.csv', column: 'churned_90d', values: ['', 'NaN', 'n/a', 'inf', 'abc'] },
  { gate: 'quality', file: 'evidence/quality/predictions.csv', column: 'candidate_score', values: NOT_FINITE },
  { gate: 'quality', file: 'evidence/quality/predictions.csv', column: 'baseline_score', values: NOT_FINITE },
  { gate: 'data', file: 'evidence/data/current.csv', column: 'tenure_months', values: ['inf', '-inf', 'Infinity', '1e999', '-1e999', 'abc'] },
  { gate: 'data', file: 'evidence/data/reference.csv', column: 'monthly_charges', values: ['inf', '-Infinity', '1e999', 'abc'] },
  { gate: 'data', file: 'evidence/data/freshness.csv', column: 'last_updated', values: ['', 'not-a-date'] },
  { gate: 'robustness', file: 'evidence/robustness/fallback.csv', column: 'passed', values: NOT_A_FLAG },
  { gate: 'rollback', file: 'evidence/rollback/drills.csv', column: 'rto_seconds', values: [...NOT_FINITE, '-600'] },
];

/**
 * Files whose rows must not repeat: a copy of a row counts one request, day or case twice. `rows`
 * limits the pick to rows the gate reads (the drill log's estimates are not measured, so unused).
 */
const DUPLICATE_TARGETS: readonly { gate: GateId; file: string; rows?: (line: string) => boolean }[] = [
  { gate: 'performance', file: 'evidence/perf/requests.csv' },
  { gate: 'cost', file: 'evidence/cost/outcomes.csv' },
  { gate: 'robustness', file: 'evidence/robustness/fallback.csv' },
  { gate: 'robustness', file: 'evidence/robustness/policy.csv' },
  { gate: 'rollback', file: 'evidence/rollback/drills.csv', rows: (line) => line.includes(',true,') },
];

/** Files a truncation can cut (mid-line, so the last row is incomplete). */
const TRUNCATE_TARGETS: readonly { gate: GateId; file: string }[] = [
  { gate: 'performance', file: 'evidence/perf/requests.csv' },
  { gate: 'quality', file: 'evidence/quality/predictions.csv' },
  { gate: 'cost', file: 'evidence/cost/ledger.csv' },
  { gate: 'rollback', file: 'evidence/rollback/drills.csv' },
];

/** A mutation of one evidence file, with the gate it must block. */
export interface EvidenceMutation {
  gate: GateId;
  file: string;
  /** Human-readable, shown when the property fails. */
  label: string;
  apply(text: string): string;
}

/** Gives a mutation its label as the text fast-check prints for a counterexample. */
function labelled(m: EvidenceMutation): EvidenceMutation {
  return Object.assign(m, { [fc.toStringMethod]: () => m.label });
}

/** Lines of a CSV text without the trailing empty line. */
function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** Sets one cell (`pick` chooses the data row among `rows`). */
function setCell(target: CellTarget, value: string, pick: number): EvidenceMutation {
  return {
    gate: target.gate, file: target.file, label: `${target.file} ${target.column}[row pick ${pick}] = ${JSON.stringify(value)}`,
    apply(text) {
      const ls = lines(text);
      const header = (ls[0] ?? '').split(',');
      const col = header.indexOf(target.column);
      if (col < 0) throw new Error(`${target.file} has no column ${target.column}`);
      const row = 1 + (pick % (ls.length - 1));
      const cells = (ls[row] ?? '').split(',');
      cells[col] = value;
      ls[row] = cells.join(',');
      return `${ls.join('\n')}\n`;
    },
  };
}

/** Repeats one data row (among those `rows` accepts) `copies` more times, right after itself. */
function duplicateRow(gate: GateId, file: string, pick: number, copies: number, rows: (line: string) => boolean = () => true): EvidenceMutation {
  return {
    gate, file, label: `${file}: row pick ${pick} duplicated ${copies}×`,
    apply(text) {
      const ls = lines(text);
      const eligible = ls.map((l, i) => (i > 0 && rows(l) ? i : -1)).filter((i) => i > 0);
      const row = eligible[pick % eligible.length] ?? 1;
      ls.splice(row + 1, 0, ...Array.from({ length: copies }, () => ls[row] ?? ''));
      return `${ls.join('\n')}\n`;
    },
  };
}

/**
 * Cuts the file inside a data line, before its last delimiter, so the last row lacks at least one
 * field (a cut inside the last field can leave a plausible value, which no reader can tell apart).
 */
function truncate(gate: GateId, file: string, fraction: number): EvidenceMutation {
  return {
    gate, file, label: `${file}: cut inside the line at ${(fraction * 100).toFixed(1)} %`,
    apply(text) {
      const ls = lines(text);
      const row = 1 + Math.floor(fraction * (ls.length - 1));
      const line = ls[row] ?? '';
      const cut = Math.max(1, Math.floor(line.lastIndexOf(',') * fraction));
      return `${ls.slice(0, row).join('\n')}\n${line.slice(0, cut)}`;
    },
  };
}

/** Every label of the quality evidence set to one class. */
function oneClass(label: '0' | '1'): EvidenceMutation {
  const file = 'evidence/quality/predictions.csv';
  return {
    gate: 'quality', file, label: `${file}: every churned_90d = ${label}`,
    apply(text) {
      const ls = lines(text);
      const col = (ls[0] ?? '').split(',').indexOf('churned_90d');
      return `${ls.map((l, i) => (i === 0 ? l : l.split(',').map((c, j) => (j === col ? label : c)).join(','))).join('\n')}\n`;
    },
  };
}

/** Any implausible mutation of the churn example's evidence. */
export const evidenceMutation: fc.Arbitrary<EvidenceMutation> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CELL_TARGETS).chain((t) => fc.tuple(fc.constant(t), fc.constantFrom(...t.values), fc.nat())).map(([t, v, p]) => labelled(setCell(t, v, p))) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...DUPLICATE_TARGETS), fc.nat(), fc.integer({ min: 1, max: 600 })).map(([t, p, k]) => labelled(duplicateRow(t.gate, t.file, p, k, t.rows))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TRUNCATE_TARGETS), fc.double({ min: 0.05, max: 0.95, noNaN: true })).map(([t, f]) => labelled(truncate(t.gate, t.file, f))) },
  { weight: 1, arbitrary: fc.constantFrom<'0' | '1'>('0', '1').map((l) => labelled(oneClass(l))) },
);
