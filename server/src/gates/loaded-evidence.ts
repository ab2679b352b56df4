/**
 * Small readers of loaded evidence shared by the robustness, cost, observability and rollback
 * gates: they turn "not loaded" into problems a gate reports as an error check, and check that a
 * loaded value has the shape its request kind promises (the engine is trusted, but not blindly).
 */
import { type EvidenceProblem, type PromRuleFile, type Table, type TraceExport, formatProblem } from '../evidence';
import type { GateContext } from './types';

/** A loaded value, or the problems that stand in for it. */
export type Loaded<T> = { ok: true; value: T; sha256?: string } | { ok: false; problems: readonly EvidenceProblem[] };

/** A loaded table (named `table` for readability at call sites), or problems. */
export type LoadedTable = { ok: true; table: Table } | { ok: false; problems: readonly EvidenceProblem[] };

/** Reads the evidence under `key`, checking its shape with `guard`. */
export function loadedValue<T>(ctx: GateContext, key: string, guard: (v: unknown) => v is T, what: string): Loaded<T> {
  const e = ctx.evidence.get(key);
  if (!e) return { ok: false, problems: [{ file: key, message: `the engine did not load this evidence (key ${key})` }] };
  if (!e.ok) return { ok: false, problems: e.problems.length > 0 ? e.problems : [{ file: e.request.path, message: 'it could not be loaded' }] };
  if (!guard(e.value)) return { ok: false, problems: [{ file: e.request.path, message: `it did not load as ${what}` }] };
  return { ok: true, value: e.value, sha256: e.sha256 };
}

/** Reads a loaded table under `key`. */
export function loadedTable(ctx: GateContext, key: string): LoadedTable {
  const r = loadedValue(ctx, key, isTable, 'a table');
  return r.ok ? { ok: true, table: r.value } : r;
}

/** True for a columnar table from the evidence loaders. */
export function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && Array.isArray((v as Table).columns) && typeof (v as Table).rowCount === 'number';
}

/** True for a loaded trace export. */
export function isTraceExport(v: unknown): v is TraceExport {
  return typeof v === 'object' && v !== null && Array.isArray((v as TraceExport).traces);
}

/** True for a loaded Prometheus rules file. */
export function isPromRuleFile(v: unknown): v is PromRuleFile {
  return typeof v === 'object' && v !== null && Array.isArray((v as PromRuleFile).rules);
}

/** One sentence naming the file and its first problems (the rest counted). */
export function describeProblems(file: string, problems: readonly EvidenceProblem[]): string {
  // Loader messages usually start with the file name already; formatProblem would repeat it.
  const first = problems.slice(0, 3).map((p) => (p.message.includes(p.file) ? p.message : formatProblem(p)).replace(/\.?$/, '.'));
  const more = problems.length > 3 ? ` (${problems.length - 3} more problems)` : '';
  return first.length > 0 ? `evidence ${file} could not be used: ${first.join(' ')}${more}` : `evidence ${file} could not be used.`;
}

/** A check-id fragment from a free-form name: lower case, runs of other characters as `_`. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'unnamed';
}
