/**
 * Prometheus rule files (`groups[].rules[]`, also inside a Kubernetes PrometheusRule `spec`).
 *
 * PromQL is not evaluated. For the observability gate we only need facts: which alerts exist, who
 * owns them, where their runbook is, and for multiwindow burn-rate alerts the factor (14.4, 6, 1)
 * and the windows (1h and 5m, ...). Expressions we cannot read are recorded as `unparsable`, so
 * the gate can say so instead of guessing.
 */
import { type DocPath, type DocumentOptions, type EvidenceDocument, loadDocument } from './records';
import { type EvidenceProblem, type EvidenceResult, fail, ok, problem } from './types';

/** What was learned about an expression as a burn-rate alert. */
export type BurnRateFacts =
  | {
      readonly kind: 'burn-rate';
      /** The burn-rate factor when all comparisons agree (e.g. 14.4). */
      readonly factor: number | undefined;
      /** Every factor found, in order. */
      readonly factors: readonly number[];
      /** SLO objective from `(1 - 0.999)`, when written that way. */
      readonly objective: number | undefined;
      /** Windows (`1h`, `5m`), longest first, from range selectors and `..._rate1h` names. */
      readonly windows: readonly string[];
    }
  | { readonly kind: 'unparsable'; readonly reason: string }
  | { readonly kind: 'none' };

/** One alerting or recording rule. */
export interface PromRule {
  readonly kind: 'alert' | 'record';
  /** The `alert` or `record` name. */
  readonly name: string;
  /** Name of the rule's group. */
  readonly group: string;
  readonly expr: string;
  /** The `for` duration, when set. */
  readonly for: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** `labels.severity`. */
  readonly severity: string | undefined;
  /** `labels.owner`, else `labels.team`. */
  readonly owner: string | undefined;
  /** `annotations.runbook_url`, else `annotations.runbook`. */
  readonly runbook: string | undefined;
  readonly burnRate: BurnRateFacts;
  /** 1-based line where the rule starts. */
  readonly line: number | undefined;
  /** 1-based line of the `expr` key. */
  readonly exprLine: number | undefined;
}

/** A loaded rules file. */
export interface PromRuleFile {
  readonly file: string;
  readonly rules: readonly PromRule[];
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Converts a Prometheus duration (`5m`, `1h30m`) to seconds, or undefined when malformed. */
export function durationSeconds(d: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|[smhdwy])/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(d); m; m = re.exec(d)) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] ?? NaN);
    consumed += m[0].length;
  }
  return consumed === d.length && consumed > 0 && Number.isFinite(total) ? total : undefined;
}

/** Windows named in an expression: `[1h]` range selectors and `..._rate5m` style recording rules. */
function windowsOf(expr: string): string[] {
  const found = new Set<string>();
  for (const m of expr.matchAll(/\[\s*(\d+(?:ms|[smhdwy])(?:\d+(?:ms|[smhdwy]))*)\s*(?::[^\]]*)?\]/g)) found.add(m[1] as string);
  for (const m of expr.matchAll(/[a-zA-Z_:][\w:]*?_?rate_?(\d+(?:ms|[smhdwy]))\b/g)) found.add(m[1] as string);
  return [...found].sort((a, b) => (durationSeconds(b) ?? 0) - (durationSeconds(a) ?? 0));
}

/**
 * Extracts burn-rate facts from an expression. Recognised thresholds are `factor * (1 - objective)`
 * (also with the operands swapped) and `factor * 0.001` written with the budget directly.
 */
export function burnRateFacts(expr: string, name = ''): BurnRateFacts {
  const factors: number[] = [];
  let objective: number | undefined;
  const num = '(\\d+(?:\\.\\d+)?)';
  const patterns = [
    new RegExp(`${num}\\s*\\*\\s*\\(\\s*1\\s*-\\s*(0?\\.\\d+)\\s*\\)`, 'g'),
    new RegExp(`\\(\\s*1\\s*-\\s*(0?\\.\\d+)\\s*\\)\\s*\\*\\s*${num}`, 'g'),
  ];
  for (const [idx, re] of patterns.entries()) {
    for (const m of expr.matchAll(re)) {
      factors.push(Number(idx === 0 ? m[1] : m[2]));
      objective ??= Number(idx === 0 ? m[2] : m[1]);
    }
  }
  if (factors.length === 0) {
    for (const m of expr.matchAll(/>\s*\(?\s*(\d+(?:\.\d+)?)\s*\*\s*(0?\.0\d*)\s*\)?/g)) factors.push(Number(m[1]));
  }
  const windows = windowsOf(expr);
  if (factors.length > 0) {
    const distinct = new Set(factors);
    return { kind: 'burn-rate', factor: distinct.size === 1 ? factors[0] : undefined, factors, objective, windows };
  }
  if (/burn|error_budget|slo[:_]/i.test(`${name} ${expr}`)) {
    return { kind: 'unparsable', reason: "no 'factor * (1 - objective)' threshold was found in the expression" };
  }
  return { kind: 'none' };
}

/** Reads a map of string values (labels, annotations), ignoring non-scalar entries. */
function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v)) if (['string', 'number', 'boolean'].includes(typeof x)) out[k] = String(x);
  return out;
}

/** Builds one rule from its YAML mapping, or returns a problem for a malformed rule. */
function toRule(doc: EvidenceDocument, raw: unknown, group: string, at: DocPath): PromRule | EvidenceProblem {
  const line = doc.lineAt(at);
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const name = typeof r.alert === 'string' ? r.alert : typeof r.record === 'string' ? r.record : undefined;
  const where = `${doc.file}${line ? `: line ${line}` : ''}`;
  if (name === undefined || (typeof r.expr !== 'string' && typeof r.expr !== 'number')) {
    const what = name === undefined ? "neither 'alert' nor 'record'" : "no 'expr'";
    return problem('shape', doc.file, `${where}: rule in group '${group}' has ${what}, so Prometheus would reject the file. Fix the rule.`, line ? { line } : {});
  }
  const expr = String(r.expr);
  const labels = stringMap(r.labels);
  const annotations = stringMap(r.annotations);
  const kind = typeof r.alert === 'string' ? 'alert' : 'record';
  const facts = burnRateFacts(expr, name);
  return {
    kind,
    name, group, expr, labels, annotations, line,
    for: typeof r.for === 'string' ? r.for : undefined,
    severity: labels.severity,
    owner: labels.owner ?? labels.team,
    runbook: annotations.runbook_url ?? annotations.runbook,
    // A recording rule computes a ratio and has no threshold, so it is never an unreadable burn alert.
    burnRate: kind === 'record' && facts.kind === 'unparsable' ? { kind: 'none' } : facts,
    exprLine: doc.lineAt([...at, 'expr']),
  };
}

/** Extracts rules from a loaded document (a rules file or a PrometheusRule resource). */
export function parsePromRulesDocument(doc: EvidenceDocument): EvidenceResult<PromRuleFile> {
  const data = doc.data as Record<string, unknown> | null;
  const spec = data && typeof data.spec === 'object' && data.spec !== null ? (data.spec as Record<string, unknown>) : undefined;
  const base: DocPath = spec && Array.isArray(spec.groups) ? ['spec', 'groups'] : ['groups'];
  const groups = base.length === 2 ? spec?.groups : data?.groups;
  if (!Array.isArray(groups)) {
    return fail(problem('shape', doc.file, `${doc.file} has no 'groups' list, so it holds no Prometheus rules. A rules file starts with 'groups:' and each group has 'name' and 'rules'.`));
  }
  const rules: PromRule[] = [];
  const problems: EvidenceProblem[] = [];
  groups.forEach((g: unknown, gi) => {
    const group = (typeof g === 'object' && g !== null ? g : {}) as Record<string, unknown>;
    const gname = typeof group.name === 'string' ? group.name : `#${gi + 1}`;
    if (!Array.isArray(group.rules)) {
      const line = doc.lineAt([...base, gi]);
      problems.push(problem('shape', doc.file, `${doc.file}${line ? `: line ${line}` : ''}: group '${gname}' has no 'rules' list. Add its rules or remove the group.`, line ? { line } : {}));
      return;
    }
    group.rules.forEach((raw: unknown, ri) => {
      const rule = toRule(doc, raw, gname, [...base, gi, 'rules', ri]);
      if ('kind' in rule) rules.push(rule);
      else problems.push(rule);
    });
  });
  return problems.length > 0 ? fail(problems) : ok({ file: doc.file, rules });
}

/** Loads a Prometheus rules file (YAML) with a line for every rule. */
export async function loadPromRules(file: string, options: DocumentOptions = {}): Promise<EvidenceResult<PromRuleFile>> {
  const doc = await loadDocument(file, options);
  return doc.ok ? parsePromRulesDocument(doc.value) : doc;
}
