/**
 * Inline suppressions: `# release-gates-disable-next-line <rule-id>[, <rule-id>] -- <reason>` on
 * the line above a finding. A suppression must say why, name a real rule, and suppress something;
 * otherwise it is itself a finding, so silenced problems stay visible in review.
 */
import type { Finding, Range, Severity } from '../card/findings';
import { visit } from 'yaml';
import type { Card } from '../card/model';
import { isCardCode, type CodeInfo } from '../card/codes';
import { closest } from '../schema/suggest';
import { deleteLinesFix } from './fixes';
import { ruleDocHref } from './links';

/** The directive word that starts a suppression comment. */
export const SUPPRESSION_DIRECTIVE = 'release-gates-disable-next-line';

/** Codes the suppression checker emits; configurable like rules. */
export const SUPPRESSION_CODES = {
  'suppression-missing-reason': { severity: 'warning', summary: 'A suppression comment does not say why the finding is accepted.' },
  'suppression-unknown-rule': { severity: 'warning', summary: 'A suppression comment names a rule that does not exist.' },
  'suppression-unused': { severity: 'warning', summary: 'A suppression comment suppresses no finding.' },
} as const satisfies Record<string, CodeInfo>;

/** A code of the suppression checker. */
export type SuppressionCode = keyof typeof SUPPRESSION_CODES;

/** One parsed suppression comment. */
export interface Suppression {
  /** Zero-based line of the comment. */
  line: number;
  /** The line it applies to: the next line that is neither blank nor a comment. */
  target: number;
  ids: { id: string; range: Range }[];
  reason: string;
  range: Range;
}

const DIRECTIVE_RE = new RegExp(`^(\\s*)#\\s*${SUPPRESSION_DIRECTIVE}\\b(.*)$`);

/** Finds every suppression comment of a card. */
export function findSuppressions(card: Card): Suppression[] {
  const out: Suppression[] = [];
  const lines = card.index.lineCount;
  const spans = multilineScalarSpans(card);
  for (let line = 0; line < lines; line++) {
    const text = card.index.lineText(line);
    const m = DIRECTIVE_RE.exec(text);
    if (!m || insideScalar(spans, card.index.offset({ line, character: 0 }))) continue;
    const hash = (m[1] ?? '').length;
    const rest = m[2] ?? '';
    const restStart = text.length - rest.length;
    const sep = /\s--(\s|$)/.exec(rest);
    const idPart = sep ? rest.slice(0, sep.index) : rest;
    const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : '';
    const ids = [...idPart.matchAll(/[^\s,]+/g)].map((x) => ({
      id: x[0],
      range: { start: { line, character: restStart + (x.index ?? 0) }, end: { line, character: restStart + (x.index ?? 0) + x[0].length } },
    }));
    const range = { start: { line, character: hash }, end: { line, character: text.length } };
    out.push({ line, target: nextContentLine(card, line), ids, reason, range });
  }
  return out;
}

/**
 * Offsets [start, end) of scalars that span lines (block scalars, multi-line quoted strings): a
 * line in them that looks like a suppression is text (a runbook excerpt, a description), not a comment.
 */
function multilineScalarSpans(card: Card): [number, number][] {
  const spans: [number, number][] = [];
  const text = card.index.text;
  if (!card.doc) return spans;
  visit(card.doc, {
    Scalar(_, node) {
      const [start, end] = node.range ?? [0, 0];
      const nl = text.indexOf('\n', start);
      if (nl >= 0 && nl < end) spans.push([start, end]);
    },
  });
  return spans;
}

/** True when a line starting at `offset` lies within one of the spans, after its first line. */
function insideScalar(spans: readonly [number, number][], offset: number): boolean {
  return spans.some(([start, end]) => offset > start && offset < end);
}

/** The next line after `line` that holds YAML content (not blank, not only a comment). */
function nextContentLine(card: Card, line: number): number {
  for (let l = line + 1; l < card.index.lineCount; l++) {
    const t = card.index.lineText(l).trim();
    if (t !== '' && !t.startsWith('#')) return l;
  }
  return card.index.lineCount;
}

/** Inputs of the suppression pass. */
export interface SuppressionContext {
  card: Card;
  /** Every rule id that exists. */
  knownIds: readonly string[];
  /** Rule ids that ran (not `off`): only those can leave a suppression unused. */
  enabledIds: ReadonlySet<string>;
  severityOf(code: SuppressionCode): Severity | 'off';
}

/** Removes suppressed findings and adds findings about the suppressions themselves. */
export function applySuppressions(findings: readonly Finding[], ctx: SuppressionContext): Finding[] {
  const suppressions = findSuppressions(ctx.card);
  const used = new Set<string>();
  // Error-level findings each suppression hid, by its line: an unexplained one must not let them pass.
  const hidErrors = new Map<number, string[]>();
  const kept = findings.filter((f) => {
    const s = suppressions.find((x) => x.target === f.range.start.line && x.ids.some((i) => i.id === f.code));
    if (s) used.add(`${s.line}:${f.code}`);
    if (s && f.severity === 'error') hidErrors.set(s.line, [...(hidErrors.get(s.line) ?? []), f.code]);
    return !s;
  });
  for (const s of suppressions) kept.push(...checkSuppression(s, used, hidErrors.get(s.line) ?? [], ctx));
  return kept;
}

/** True when a suppression gives no reason (none, or still the quick fix's placeholder). */
function lacksReason(s: Suppression): boolean {
  return s.reason === '' || /^<[^<>]*>$/.test(s.reason);
}

/** Findings about one suppression comment. */
function checkSuppression(s: Suppression, used: ReadonlySet<string>, hidErrors: readonly string[], ctx: SuppressionContext): Finding[] {
  const out: Finding[] = [];
  const add = (code: SuppressionCode, range: Range, message: string, fixes?: Finding['fixes'], atLeastError = false): void => {
    const configured = ctx.severityOf(code);
    const severity = configured !== 'off' && atLeastError ? 'error' : configured;
    if (severity !== 'off') out.push({ code, severity, message, range, href: ruleDocHref(code), ...(fixes ? { fixes } : {}) });
  };
  if (s.ids.length === 0) {
    add('suppression-unknown-rule', s.range, `This suppression names no rule. Write "# ${SUPPRESSION_DIRECTIVE} <rule-id> -- <reason>" so a reviewer sees what is accepted; "release-gates explain" lists the rule ids.`);
  }
  if (lacksReason(s)) add('suppression-missing-reason', s.range, missingReasonMessage(s, hidErrors), undefined, hidErrors.length > 0);
  for (const { id, range } of s.ids) checkId(s, id, range, used, ctx, add);
  return out;
}

/**
 * Why a suppression needs its reason. One that hides an error-level finding is an error itself:
 * only a suppression with a reason may turn a blocking finding into an accepted risk, so the
 * release stays blocked until the reason is written.
 */
function missingReasonMessage(s: Suppression, hidErrors: readonly string[]): string {
  const what = `This suppression has no reason${s.reason ? ` (still the placeholder "${s.reason}")` : ''}.`;
  const add = 'add " -- <why this is acceptable for this release>"';
  if (hidErrors.length === 0) return `${what} An unexplained suppression hides a release risk from review; ${add}.`;
  const codes = [...new Set(hidErrors)].join(', ');
  return `${what} It hides an error-level finding (${codes}) on line ${s.target + 1}, and only a suppression that says why may accept a finding that blocks the release, so the release stays blocked; ${add}, or fix the finding.`;
}

type Add = (code: SuppressionCode, range: Range, message: string, fixes?: Finding['fixes'], atLeastError?: boolean) => void;

/** Unknown and unused ids of one suppression. */
function checkId(s: Suppression, id: string, range: Range, used: ReadonlySet<string>, ctx: SuppressionContext, add: Add): void {
  if (!ctx.knownIds.includes(id)) {
    const guess = closest(id, ctx.knownIds);
    const why = isCardCode(id) ? ' Schema and YAML errors cannot be suppressed: fix the card instead.' : '';
    const fix = guess ? [{ title: `Change to "${guess}"`, edits: [{ range, newText: guess }], preferred: true }] : undefined;
    add('suppression-unknown-rule', range, `"${id}" is not a rule id${guess ? `; did you mean "${guess}"?` : '.'}${why} The finding it was meant for is still reported; run "release-gates explain" for the list.`, fix);
  } else if (ctx.enabledIds.has(id) && !used.has(`${s.line}:${id}`)) {
    const target = s.target < ctx.card.index.lineCount ? `line ${s.target + 1}` : 'the end of the file';
    const fixes = s.ids.length === 1 ? [deleteLinesFix(ctx.card, s.line, 'Remove the unused suppression')] : undefined;
    add('suppression-unused', range, `"${id}" reports nothing on ${target}, so this suppression is stale. A stale suppression would silently hide a future finding there; remove it.`, fixes);
  }
}
