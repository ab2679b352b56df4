/**
 * Burn-rate checks of the observability gate: every window pair of the SLO's multiwindow profile
 * (from `server/src/slo`, capped for low objectives, or the card's explicit `burn_rate_windows`)
 * must be alerted on by a rule in the Prometheus rules file, with the right factor (within the
 * stated rounding tolerance), the right severity, and the SLO's objective. The profile never holds
 * a pair that can never fire, so the gate never requires one.
 *
 * One alert often carries two pairs (`(1h and 5m at 14.4) or (6h and 30m at 6)`), so expressions
 * are split at top-level `or` and each part is read with the evidence module's `burnRateFacts`.
 */
import type { CardPath } from '../../card/model';
import { type PromRule, type PromRuleFile, burnRateFacts } from '../../evidence';
import { type BurnRateWindow, canNeverFire, factorTolerance, factorsMatch, formatDuration, neverFiresReason, parseDurationSeconds } from '../../slo';
import type { CheckResult } from '../engine/types';

/** One window pair an alert rule checks. */
export interface RulePair {
  rule: PromRule;
  factor: number | undefined;
  objective: number | undefined;
  longSeconds: number | undefined;
  shortSeconds: number | undefined;
}

/** Strips parentheses that wrap the whole expression. */
function unwrap(expr: string): string {
  let e = expr.trim();
  while (e.startsWith('(') && e.endsWith(')') && closingOf(e, 0) === e.length - 1) e = e.slice(1, -1).trim();
  return e;
}

/** Index of the bracket closing the one at `open`, or -1. */
function closingOf(e: string, open: number): number {
  let depth = 0;
  for (let i = open; i < e.length; i++) {
    const c = e[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') if (--depth === 0) return i;
  }
  return -1;
}

/** Splits a PromQL expression at `or` operators outside brackets and quotes. */
export function splitTopLevelOr(expr: string): string[] {
  const e = unwrap(expr);
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < e.length; i++) {
    const c = e[i] as string;
    if (quote) { if (c === quote && e[i - 1] !== '\\') quote = undefined; continue; }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && e.startsWith('or', i) && !/[\w:]/.test(e[i - 1] ?? ' ') && !/[\w:]/.test(e[i + 2] ?? ' ')) {
      parts.push(e.slice(start, i));
      start = i + 2;
    }
  }
  parts.push(e.slice(start));
  return parts.map((p) => unwrap(p)).filter((p) => p !== '');
}

/** The window pairs of one alerting rule (none for recording rules and non-burn-rate alerts). */
export function rulePairs(rule: PromRule): RulePair[] {
  if (rule.kind !== 'alert') return [];
  return splitTopLevelOr(rule.expr).flatMap((part): RulePair[] => {
    const f = burnRateFacts(part, rule.name);
    if (f.kind !== 'burn-rate') return [];
    const secs = f.windows.map((w) => parseDurationSeconds(w)).filter((s): s is number => s !== undefined);
    return [{ rule, factor: f.factor, objective: f.objective, longSeconds: secs[0], shortSeconds: secs.length > 1 ? secs[secs.length - 1] : undefined }];
  });
}

/** Why a pair does not satisfy the expected window, or undefined when it does. */
function mismatch(p: RulePair, w: BurnRateWindow, objective: number | undefined): string | undefined {
  if (p.shortSeconds !== w.shortSeconds) return p.shortSeconds === undefined ? `has no short window (expected ${w.shortWindow}), so it keeps firing long after the burn stopped` : `pairs ${w.longWindow} with ${formatDuration(p.shortSeconds)} instead of ${w.shortWindow}`;
  if (p.factor === undefined) return 'mixes different factors in one window pair';
  if (!factorsMatch(p.factor, w.factor)) {
    // A rule copied from a stricter SLO may compare with an error ratio no service can reach.
    const percent = p.objective !== undefined ? Number((p.objective * 100).toPrecision(12)) : undefined;
    const never = percent !== undefined && canNeverFire(p.factor, percent) ? ` (${neverFiresReason(p.factor, percent)})` : '';
    return `uses factor ${p.factor} instead of ${w.factor} (tolerance ±${factorTolerance(w.factor).toFixed(3)})${never}`;
  }
  if (p.rule.severity !== undefined && p.rule.severity !== w.severity) return `is labelled severity ${p.rule.severity}, but this pair should ${w.severity === 'page' ? 'page' : 'open a ticket'}`;
  if (objective !== undefined && p.objective !== undefined && Math.abs(p.objective - objective) > 1e-9) return `assumes objective ${p.objective}, but the SLO is ${objective}`;
  return undefined;
}

/** The check of one expected window pair against every pair found in the rules file. */
export function windowCheck(file: PromRuleFile, pairs: readonly RulePair[], w: BurnRateWindow, at: CardPath, objective: number | undefined): CheckResult {
  const id = `burn_rate.${w.severity}_${w.longWindow}_${w.shortWindow}`;
  const base = { id, threshold: w.factor, unit: '× burn rate', at };
  const sameLong = pairs.filter((p) => p.longSeconds === w.longSeconds);
  const good = sameLong.find((p) => mismatch(p, w, objective) === undefined);
  if (good) {
    return { ...base, status: 'pass', observed: good.factor ?? null, summary: `'${good.rule.name}' ${w.severity === 'page' ? 'pages' : 'opens a ticket'} at ${good.factor}× over ${w.longWindow} and ${w.shortWindow}`, evidence: { file: file.file, ...(good.rule.exprLine ? { line: good.rule.exprLine } : {}) },
      message: `Alert '${good.rule.name}' (${file.file}${lineOf(good.rule)}) ${w.severity === 'page' ? 'pages' : 'opens a ticket'} at ${good.factor}x burn over ${w.longWindow} and ${w.shortWindow}, as the SLO requires (${w.factor}x).` };
  }
  const near = sameLong[0];
  if (!near) {
    const unreadable = file.rules.filter((r) => r.burnRate.kind === 'unparsable').map((r) => `'${r.name}'${lineOf(r)}`);
    const hint = unreadable.length > 0 ? ` (${unreadable.join(', ')} could not be read as burn-rate alerts; write thresholds as factor * (1 - objective))` : '';
    return { ...base, status: 'fail', observed: null, summary: `no alert on ${w.longWindow}/${w.shortWindow} at ${w.factor}×`, message: `No alert in ${file.file} checks the ${w.longWindow}/${w.shortWindow} window pair at ${w.factor}x${cappedText(w)}${hint}: a budget burn at that speed would go ${w.severity === 'page' ? 'unpaged' : 'unnoticed'}. Add a multiwindow rule for it (the alerts command writes one).` };
  }
  // The factors may be equal while the windows or the severity differ: the summary says which.
  return { ...base, status: 'fail', observed: near.factor ?? null, summary: `'${near.rule.name}' ${mismatch(near, w, objective) ?? ''}`.slice(0, 140), evidence: { file: file.file, ...(near.rule.exprLine ? { line: near.rule.exprLine } : {}) },
    message: `Alert '${near.rule.name}' at ${file.file}${lineOf(near.rule)} ${mismatch(near, w, objective)}; the SLO needs ${w.severity} at ${w.factor}x over ${w.longWindow} and ${w.shortWindow}${cappedText(w)}. Fix the rule so the alert fires when the error budget is really at risk (the alerts command writes it).` };
}

/** Why an expected factor is below the policy's, when it was capped for a low objective. */
function cappedText(w: BurnRateWindow): string {
  return w.cappedFrom !== undefined ? ` (capped from the policy's ${w.cappedFrom}x, which this SLO could only reach with more than half of the requests failing)` : '';
}

/** `: line N` when the rule's line is known. */
function lineOf(rule: PromRule): string {
  return rule.line !== undefined ? `:${rule.line}` : '';
}
