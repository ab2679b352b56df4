/**
 * The robustness gate: pass rates of case suites (edge cases, degraded dependencies, fallbacks,
 * policy checks, and for LLM/RAG systems prompt injection and unsafe tool calls). Each suite is a
 * results file with one row per case and a boolean result column.
 *
 * Beyond each suite's own pass rate, the gate checks scope: the source's minimum is edge-case sets,
 * degraded dependencies, fallback paths and policy checks, plus injection and tool-call suites for
 * LLM/RAG systems. A missing area is an error, not a pass: nothing shows the system survives it.
 */
import type { CardPath } from '../../card/model';
import { type Table, booleanAt, categoryAt, getColumn } from '../../evidence';
import { type CaseIdentity, type CaseSpec, caseIdentity, countOnce, identityError } from './cases';
import { evidenceSummary } from '../engine/checks';
import { describeProblems, loadedTable, slug } from '../engine/loaded-evidence';
import type { CheckResult, EvidenceRequest, GateContext, GateDefinition } from '../engine/types';

/** One suite as the card defines it, with defaults applied. */
interface Suite extends CaseSpec {
  index: number;
  kind: string;
  resultColumn: string;
  minPassRate: number;
  minCases: number | undefined;
}

/** Areas every system needs covered, and the suite kinds that cover each. */
const SCOPE_AREAS: readonly { area: string; kinds: readonly string[]; what: string }[] = [
  { area: 'edge_cases', kinds: ['edge_case', 'missing_values', 'rare_categories', 'extreme_ranges'], what: 'edge-case sets (missing values, rare categories, extreme ranges)' },
  { area: 'degraded_dependency', kinds: ['degraded_dependency'], what: 'behaviour under a degraded dependency' },
  { area: 'fallback', kinds: ['fallback'], what: 'fallback paths for timeouts and empty feature responses' },
  { area: 'policy', kinds: ['policy'], what: 'policy checks for sensitive actions and data' },
];

/** Suite kinds an LLM or RAG system must have on top of the common areas. */
const LLM_KINDS: readonly { kind: string; what: string }[] = [
  { kind: 'prompt_injection', what: 'resistance to prompt injection' },
  { kind: 'unsafe_tool_call', what: 'control of unsafe tool calls' },
];

/** How many failing case ids a message names before it only counts the rest. */
const MAX_LISTED_CASES = 5;

/** The evidence key of suite `i`. */
function suiteKey(i: number): string {
  return `robustness.suite.${i}`;
}

/** Reads the suites list with defaults; entries without a name, kind or evidence are skipped. */
function readSuites(definition: Record<string, unknown>): Suite[] {
  const list = Array.isArray(definition.suites) ? definition.suites : [];
  return list.flatMap((raw: unknown, index): Suite[] => {
    const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof s.name !== 'string' || typeof s.kind !== 'string' || typeof s.evidence !== 'string') return [];
    return [{
      index, name: s.name, kind: s.kind, evidence: s.evidence,
      resultColumn: typeof s.result_column === 'string' ? s.result_column : 'passed',
      caseIdColumn: typeof s.case_id_column === 'string' ? s.case_id_column : 'case_id',
      caseIdExplicit: typeof s.case_id_column === 'string',
      duplicateCases: s.duplicate_cases === 'count_once' ? 'count_once' : 'error',
      minPassRate: typeof s.min_pass_rate === 'number' ? s.min_pass_rate : 1,
      minCases: typeof s.min_cases === 'number' ? s.min_cases : undefined,
    }];
  });
}

/** Names of the failing cases (row numbers when there is no id column), in file order. */
function failingCases(table: Table, suite: Suite, failedRows: readonly number[]): string[] {
  const idCol = getColumn(table, suite.caseIdColumn);
  return failedRows.map((r) => {
    if (idCol?.type === 'categorical') return categoryAt(idCol, r) ?? `row ${r + 1}`;
    if (idCol?.type === 'numeric' && !Number.isNaN(idCol.values[r])) return String(idCol.values[r]);
    return `row ${r + 1}`;
  });
}

/** The cases check: enough cases for the pass rate to mean something. */
function casesCheck(suite: Suite, id: string, at: CardPath, n: number): CheckResult {
  const min = suite.minCases as number;
  const ok = n >= min;
  return {
    id: `${id}.cases`, status: ok ? 'pass' : 'error', observed: n, threshold: min, unit: 'cases', sampleSize: n, at: [...at, 'min_cases'],
    label: `suite '${suite.name}': cases`, comparison: 'at_least',
    message: ok
      ? `Suite '${suite.name}' has ${n} cases (at least ${min} required).`
      : `Suite '${suite.name}' has only ${n} cases, fewer than min_cases ${min}, so its pass rate does not show the ${suite.kind.replace(/_/g, ' ')} behaviour. Add cases until the suite has at least ${min}.`,
  };
}

/** The pass-rate check of one suite whose results loaded. */
function passRateCheck(suite: Suite, id: string, at: CardPath, table: Table, cases: CaseIdentity): CheckResult {
  const col = getColumn(table, suite.resultColumn);
  const base = { id: `${id}.pass_rate`, threshold: suite.minPassRate, unit: 'share', at: [...at, 'min_pass_rate'], ...suiteNames(suite) };
  if (col?.type !== 'boolean') {
    const found = col ? `is ${col.type}, not true/false` : 'is missing';
    return { ...base, status: 'error', message: `Suite '${suite.name}': result column '${suite.resultColumn}' in ${suite.evidence} ${found}, so no case can be counted as passed. Write one true/false result per case or set result_column.` };
  }
  const failed: number[] = [];
  const unknown: number[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const v = booleanAt(col, r);
    if (v === undefined) unknown.push(r);
    else if (!v) failed.push(r);
  }
  if (unknown.length > 0) {
    return { ...base, status: 'error', sampleSize: table.rowCount, evidence: { file: suite.evidence, row: (unknown[0] as number) + 1, column: suite.resultColumn }, message: `Suite '${suite.name}': ${unknown.length} case(s) in ${suite.evidence} have no result (first at row ${(unknown[0] as number) + 1}), so the pass rate cannot be decided. Re-run those cases.` };
  }
  const bad = identityError(base.id, base.at, suite, cases);
  if (bad) return { ...bad, threshold: suite.minPassRate };
  if (suite.duplicateCases === 'count_once') {
    const once = countOnce(cases, failed);
    return rateResult(suite, base, table, once.cases, once.failed);
  }
  return rateResult(suite, base, table, table.rowCount, failed);
}

/** The pass-rate result over `n` cases of which the cases starting at rows `failed` failed. */
function rateResult(suite: Suite, base: Pick<CheckResult, 'id' | 'threshold' | 'unit' | 'at' | 'label' | 'comparison'>, table: Table, n: number, failed: readonly number[]): CheckResult {
  const rate = n === 0 ? 0 : (n - failed.length) / n;
  const pass = n > 0 && rate >= suite.minPassRate - 1e-12;
  const names = failingCases(table, suite, failed.slice(0, MAX_LISTED_CASES));
  const more = failed.length > MAX_LISTED_CASES ? ` and ${failed.length - MAX_LISTED_CASES} more` : '';
  const listed = failed.length > 0 ? ` Failing: ${names.join(', ')}${more}.` : '';
  return {
    ...base, status: pass ? 'pass' : 'fail', observed: rate, sampleSize: n,
    ...(failed.length > 0 ? { evidence: { file: suite.evidence, row: (failed[0] as number) + 1, column: suite.resultColumn } } : {}),
    details: { passed: n - failed.length, failed: failed.length },
    message: pass
      ? `Suite '${suite.name}' (${suite.kind}): ${n - failed.length} of ${n} cases pass (${fmtPct(rate)}, at least ${fmtPct(suite.minPassRate)} required).${listed}`
      : `Suite '${suite.name}' (${suite.kind}): only ${n - failed.length} of ${n} cases pass (${fmtPct(rate)}, below ${fmtPct(suite.minPassRate)}); the release is fragile on exactly these boundary cases.${listed} Fix the behaviour (not the cases) and re-run the suite.`,
  };
}

/**
 * Suites whose results file has the same bytes as an earlier suite's, mapped to that suite: one
 * file of passing cases named under every kind would otherwise cover every area.
 */
function sharedResults(ctx: GateContext, suites: readonly Suite[]): Map<number, Suite> {
  const first = new Map<string, Suite>();
  const out = new Map<number, Suite>();
  for (const s of suites) {
    const e = ctx.evidence.get(suiteKey(s.index));
    if (!e?.ok) continue;
    const prev = first.get(e.sha256);
    if (prev) out.set(s.index, prev);
    else first.set(e.sha256, s);
  }
  return out;
}

/** All checks of one suite; `shared` is the earlier suite with the same results, if any. */
function suiteChecks(ctx: GateContext, suite: Suite, id: string, shared: Suite | undefined): CheckResult[] {
  const at: CardPath = [...ctx.base, 'suites', suite.index];
  const loaded = loadedTable(ctx, suiteKey(suite.index));
  if (!loaded.ok) {
    return [{ id: `${id}.pass_rate`, status: 'error', threshold: suite.minPassRate, unit: 'share', at: [...at, 'evidence'], ...suiteNames(suite), summary: evidenceSummary(loaded), message: `Suite '${suite.name}': ${describeProblems(loaded)}` }];
  }
  if (shared) {
    return [{ id: `${id}.pass_rate`, status: 'error', threshold: suite.minPassRate, unit: 'share', at: [...at, 'evidence'], evidence: { file: suite.evidence }, ...suiteNames(suite),
      summary: `same results file as suite '${shared.name}'`,
      message: `Suite '${suite.name}' (${suite.kind}) reads the same results as suite '${shared.name}' (${shared.kind}): ${suite.evidence} and ${shared.evidence} have identical content, so no case of this suite was run and its pass rate shows nothing. Point the suite at its own results file.` }];
  }
  const cases = caseIdentity(loaded.table, suite);
  if (typeof cases === 'string') {
    const ids = [...(suite.minCases !== undefined ? [{ id: `${id}.cases`, at: [...at, 'min_cases'] }] : []), { id: `${id}.pass_rate`, at: [...at, 'case_id_column'] }];
    return ids.map((c) => ({ ...c, status: 'error', message: cases }));
  }
  const checks: CheckResult[] = [];
  if (suite.minCases !== undefined) {
    const cid = `${id}.cases`;
    const n = suite.duplicateCases === 'count_once' ? countOnce(cases, []).cases : loaded.table.rowCount;
    checks.push(identityError(cid, [...at, 'min_cases'], suite, cases) ?? casesCheck(suite, id, at, n));
  }
  checks.push(passRateCheck(suite, id, at, loaded.table, cases));
  return checks;
}

/** Scope checks: each minimum area (and for LLM/RAG the two extra kinds) has at least one suite. */
function scopeChecks(ctx: GateContext, suites: readonly Suite[], systemType: string): CheckResult[] {
  const llm = systemType === 'llm' || systemType === 'rag';
  const areas = [
    ...SCOPE_AREAS.map((a) => ({ id: `scope.${a.area}`, kinds: a.kinds, what: a.what, at: [...ctx.base, 'suites'], why: '' })),
    // The LLM/RAG suites are required by the system type, so that is where a missing one is reported.
    ...(llm ? LLM_KINDS.map((k) => ({ id: `scope.${k.kind}`, kinds: [k.kind], what: k.what, at: [...ctx.base, 'system_type'], why: ` although system_type is ${systemType}` })) : []),
  ];
  return areas.map((a): CheckResult => {
    const covering = suites.filter((s) => a.kinds.includes(s.kind)).map((s) => s.name);
    return covering.length > 0
      ? { id: a.id, status: 'pass', observed: covering.join(', '), at: a.at, message: `Covered: ${a.what} by ${covering.join(', ')}.` }
      : { id: a.id, status: 'error', observed: null, at: a.at, message: `No suite covers ${a.what} (kinds: ${a.kinds.join(', ')})${a.why}, so the release's behaviour there is unknown. Add a suite of that kind with its results file.` };
  });
}

/** The robustness gate definition. */
export const robustnessGate: GateDefinition = {
  id: 'robustness',
  title: 'Robustness gate',
  summary: 'Blocks fragile behaviour on edge cases, degraded dependencies, fallbacks, policy and (LLM/RAG) injection and tool-call suites.',
  evidence(definition, base): EvidenceRequest[] {
    return readSuites(definition).map((s) => ({
      key: suiteKey(s.index), path: s.evidence, at: [...base, 'suites', s.index, 'evidence'], kind: 'table',
      // Only the result column is declared: a declared column must exist, and case ids are optional.
      table: { types: { [s.resultColumn]: 'boolean' } },
    }));
  },
  compute(ctx): CheckResult[] {
    const suites = readSuites(ctx.definition);
    if (suites.length === 0) {
      return [{ id: 'suites', status: 'error', at: [...ctx.base, 'suites'], message: 'The robustness gate lists no suite with a name, kind and evidence file, so nothing shows the system survives boundary cases. Add suites with their results files.' }];
    }
    const used = new Set<string>();
    const shared = sharedResults(ctx, suites);
    const checks = suites.flatMap((s) => {
      let id = `suite.${slug(s.name)}`;
      if (used.has(id)) id = `${id}_${s.index}`;
      used.add(id);
      return suiteChecks(ctx, s, id, shared.get(s.index));
    });
    const systemType = typeof ctx.definition.system_type === 'string' ? ctx.definition.system_type : 'tabular';
    return [...checks, ...scopeChecks(ctx, suites, systemType)];
  },
};

/** The name of a suite's pass-rate check and the comparison it makes. */
function suiteNames(suite: Suite): Pick<CheckResult, 'label' | 'comparison'> {
  return { label: `suite '${suite.name}': pass rate`, comparison: 'at_least' };
}

/** Formats a share as a percentage with up to two decimals. */
function fmtPct(x: number): string {
  return `${Math.round(x * 10000) / 100} %`;
}
