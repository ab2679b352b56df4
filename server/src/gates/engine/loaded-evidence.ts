/**
 * The one reader of loaded evidence for every gate: it turns "not loaded" into the problems a gate
 * reports as an error check, checks that a loaded value has the shape its request kind promises
 * (the engine is trusted, but not blindly), and words evidence problems the same way everywhere.
 */
import type { EvidenceProblem, PromRuleFile, Table, TraceExport } from '../../evidence';
import type { GateContext } from './types';

/** Evidence that could not be used: the file as the card names it, and why. */
export interface Unusable {
  ok: false;
  file: string;
  problems: readonly EvidenceProblem[];
}

/** A loaded value, or why there is none. */
export type Loaded<T> = { ok: true; value: T; sha256?: string } | Unusable;

/** A loaded table (named `table` for readability at call sites), or why there is none. */
export type LoadedTable = { ok: true; table: Table } | Unusable;

/** Reads the evidence under `key`, checking its shape with `guard`. */
export function loadedValue<T>(ctx: GateContext, key: string, guard: (v: unknown) => v is T, what: string): Loaded<T> {
  const e = ctx.evidence.get(key);
  if (!e) return { ok: false, file: key, problems: [{ file: key, message: `the engine did not load this evidence (key ${key})` }] };
  const file = e.request.path;
  if (!e.ok) return { ok: false, file, problems: e.problems.length > 0 ? e.problems : [{ file, message: 'it could not be loaded' }] };
  if (!guard(e.value)) return { ok: false, file, problems: [{ file, message: `it did not load as ${what}` }] };
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

/** One problem as `file (line L, row R, column C): message`, or its own message when that already names the file. */
export function describeProblem(p: EvidenceProblem): string {
  const where = [
    p.line !== undefined ? `line ${p.line}` : '',
    p.row !== undefined ? `row ${p.row}` : '',
    p.column !== undefined ? `column ${p.column}` : '',
  ].filter((s) => s !== '');
  const loc = where.length > 0 ? ` (${where.join(', ')})` : '';
  const message = p.message.replace(/\.$/, '');
  // Loader messages often start with, or quote, the file name already; do not say it twice.
  if (message.startsWith(`${p.file}:`)) {
    const rest = message.slice(p.file.length + 1).trim();
    return `${p.file}${loc}: ${p.line !== undefined && rest.startsWith(`line ${p.line}: `) ? rest.slice(`line ${p.line}: `.length) : rest}`;
  }
  if (message.includes(p.file)) return message;
  return `${p.file}${loc}: ${message}`;
}

/** One sentence naming the file and its first three problems (the rest counted). */
export function describeProblems(u: Pick<Unusable, 'file' | 'problems'>): string {
  const shown = u.problems.slice(0, 3).map(describeProblem);
  const more = u.problems.length > 3 ? ` (and ${u.problems.length - 3} more problems)` : '';
  if (shown.length === 0) return `Evidence ${u.file} could not be used.`;
  const named = shown.every((s) => s.includes(u.file));
  return `${named ? '' : `Evidence ${u.file} could not be used: `}${shown.join('; ')}${more}.`;
}

/** A check-id fragment from a free-form name: lower case, runs of other characters as `_`. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'unnamed';
}
