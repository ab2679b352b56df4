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
import { WORK } from '../card/work';

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

/** Unknown rule ids that get a "did you mean" (each costs an edit distance against every rule id). */
const MAX_SUGGESTIONS = 500;

/**
 * Finds every suppression comment of a card in one pass over its lines. A comment's target is the
 * next content line, so comments wait in `pending` until one comes: rescanning the following lines
 * for every comment was quadratic in a file of many comments.
 */
export function findSuppressions(card: Card): Suppression[] {
  const out: Suppression[] = [];
  const pending: Omit<Suppression, 'target'>[] = [];
  const index = card.index;
  const spans = new ScalarSpans(card);
  for (let line = 0; line < index.lineCount; line++) {
    WORK.suppressionSteps++;
    const text = index.lineText(line);
    const trimmed = text.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      for (const p of pending) out.push({ ...p, target: line });
      pending.length = 0;
      continue;
    }
    const m = DIRECTIVE_RE.exec(text);
    if (m && !spans.contains(index.offset({ line, character: 0 }))) pending.push(parseDirective(line, text, m));
  }
  for (const p of pending) out.push({ ...p, target: index.lineCount });
  return out;
}

/** The rule ids, reason and range of one directive comment. */
function parseDirective(line: number, text: string, m: RegExpExecArray): Omit<Suppression, 'target'> {
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
  return { line, ids, reason, range: { start: { line, character: hash }, end: { line, character: text.length } } };
}

/**
 * Offsets [start, end) of scalars that span lines (block scalars, multi-line quoted strings): a
 * line in them that looks like a suppression is text (a runbook excerpt, a description), not a
 * comment. Lines are asked about in increasing order, so one cursor walks the sorted spans once.
 */
class ScalarSpans {
  private readonly spans: [number, number][] = [];
  private at = 0;

  constructor(card: Card) {
    const index = card.index;
    if (!card.doc) return;
    const spans = this.spans;
    // Lines from the line index, not a search for the next line break: that scanned the rest of
    // the line for each of thousands of scalars in a one-line flow list.
    visit(card.doc, {
      Scalar(_, node) {
        const [start, end] = node.range ?? [0, 0];
        if (end > start && index.position(start).line < index.position(end).line) spans.push([start, end]);
      },
    });
    spans.sort((a, b) => a[0] - b[0]);
  }

  /** True when a line starting at `offset` lies within a span, after its first line; offsets must not decrease. */
  contains(offset: number): boolean {
    while (this.at < this.spans.length && (this.spans[this.at] as [number, number])[1] <= offset) this.at++;
    const span = this.spans[this.at];
    return span !== undefined && offset > span[0] && offset < span[1];
  }
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
  // The first suppression naming a code on a line is the one that takes its findings.
  const byLineAndCode = new Map<string, Suppression>();
  for (const s of suppressions) {
    for (const { id } of s.ids) {
      WORK.suppressionSteps++;
      const key = `${s.target}:${id}`;
      if (!byLineAndCode.has(key)) byLineAndCode.set(key, s);
    }
  }
  const used = new Set<string>();
  // Error-level findings each suppression hid, by its line: an unexplained one must not let them pass.
  const hidErrors = new Map<number, string[]>();
  const kept = findings.filter((f) => {
    WORK.suppressionSteps++;
    const s = byLineAndCode.get(`${f.range.start.line}:${f.code}`);
    if (s) used.add(`${s.line}:${f.code}`);
    if (s && f.severity === 'error') hidErrors.set(s.line, [...(hidErrors.get(s.line) ?? []), f.code]);
    return !s;
  });
  const pass: PassState = { used, known: new Set(ctx.knownIds), suggestions: MAX_SUGGESTIONS };
  for (const s of suppressions) kept.push(...checkSuppression(s, pass, hidErrors.get(s.line) ?? [], ctx));
  return kept;
}

/** What the checks of all suppressions share: used ids, the known ids, the suggestions left. */
interface PassState {
  used: ReadonlySet<string>;
  known: ReadonlySet<string>;
  suggestions: number;
}

/** True when a suppression gives no reason (none, or still the quick fix's placeholder). */
function lacksReason(s: Suppression): boolean {
  return s.reason === '' || /^<[^<>]*>$/.test(s.reason);
}

/** Findings about one suppression comment; `hidErrors` are the error-level codes it hid. */
function checkSuppression(s: Suppression, pass: PassState, hidErrors: readonly string[], ctx: SuppressionContext): Finding[] {
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
  for (const { id, range } of s.ids) checkId(s, id, range, pass, ctx, add);
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
function checkId(s: Suppression, id: string, range: Range, pass: PassState, ctx: SuppressionContext, add: Add): void {
  WORK.suppressionSteps++;
  if (!pass.known.has(id)) {
    const guess = pass.suggestions-- > 0 ? closest(id, ctx.knownIds) : undefined;
    const why = isCardCode(id) ? ' Schema and YAML errors cannot be suppressed: fix the card instead.' : '';
    const fix = guess ? [{ title: `Change to "${guess}"`, edits: [{ range, newText: guess }], preferred: true }] : undefined;
    add('suppression-unknown-rule', range, `"${id}" is not a rule id${guess ? `; did you mean "${guess}"?` : '.'}${why} The finding it was meant for is still reported; run "release-gates explain" for the list.`, fix);
  } else if (ctx.enabledIds.has(id) && !pass.used.has(`${s.line}:${id}`)) {
    const target = s.target < ctx.card.index.lineCount ? `line ${s.target + 1}` : 'the end of the file';
    const fixes = s.ids.length === 1 ? [deleteLinesFix(ctx.card, s.line, 'Remove the unused suppression')] : undefined;
    add('suppression-unused', range, `"${id}" reports nothing on ${target}, so this suppression is stale. A stale suppression would silently hide a future finding there; remove it.`, fixes);
  }
}
