/**
 * Review changes as findings: located on the working card (the changed value, or the nearest key
 * left around something removed), with a message that says what moved, why it matters for the
 * release and what to do, the severity the project configures for the code, and the project
 * policy merged in: a change that crosses a floor becomes an error that says so.
 */
import type { Finding, Severity } from '../card/findings';
import type { Card } from '../card/model';
import type { Direction } from '../schema/keywords';
import type { Change, ChangeVerdict } from './change';
import { REVIEW_CODES, type ReviewCode } from './codes';

/** What a summary table shows of a change. */
export interface ChangeSummary {
  subject: string;
  verdict: ChangeVerdict | 'policy';
  before?: string;
  after?: string;
  direction?: Direction;
  beforeValue?: unknown;
  afterValue?: unknown;
  /** The policy code this change also crosses, when it does. */
  policy?: string;
}

/** A finding of `review`: a finding with the change behind it. */
export interface ReviewFinding extends Finding {
  change: ChangeSummary;
}

/** Severity settings by code (`off` drops a code), as `.release-gates.yaml` gives them under `rules:`. */
export type Severities = Readonly<Record<string, Severity | 'off'>>;

/** Why each kind of change matters and what to do. */
const WHY: Readonly<Record<ReviewCode, string>> = {
  'review-loosened': 'A looser limit lets a worse release through the same gate or canary; keep the base value, or get the change approved and give the reason in the pull request.',
  'review-moved-after-failure': 'Thresholds are fixed before the run: moving one after a failure turns that failure into a pass without changing the release. Restore the base value and fix the release.',
  'review-removed': 'Nothing checks it any more before the release takes traffic; restore it unless the pull request says why it no longer applies.',
  'review-gate-deferred': 'A deferred or asserted gate proves nothing about this release; keep computing it, or make sure the deferral has an owner and a near deadline.',
  'review-profile-lowered': 'A lower profile lets required gates be deferred; it is meant for small internal services only.',
  'review-card-removed': 'Its gates no longer run in CI; make sure the release it described is retired or described by another card.',
  'review-uncomparable': 'A change that cannot be judged is treated as a loosening until it is fixed: write the threshold as a plain number in the unit of its key.',
  'review-unreadable': 'Without both versions nothing can be compared, so the review cannot clear this card; fix the YAML first (release-gates check).',
  'review-tightened': 'The release must now clear a higher bar.',
  'review-added': 'It is checked from now on.',
  'review-renamed': 'Its contents are compared under the new name.',
  'review-changed': 'Check that the change is intended.',
  'review-bundle-changed': 'Any change to the bundle is a new release: results and rollback drills recorded for the old bundle no longer apply, so run the gates again.',
  'review-evidence-changed': 'Results computed from the old file no longer apply; run the gates again on the new evidence.',
  'review-card-added': 'Its gates and the project policy apply from now on.',
};

/** The first sentence of a finding: what changed, against the base. */
export function headline(c: Change, label: string): string {
  const arrow = c.before !== undefined && c.after !== undefined ? `: ${c.before} → ${c.after}` : '';
  switch (c.verdict) {
    case 'looser':
    case 'stricter':
      return `${c.subject} is ${c.verdict} than ${label}${arrow} (${c.detail}).`;
    case 'moved after failure':
      return `${c.subject} was loosened after a failed run${arrow} (${c.detail}).`;
    case 'removed':
      if (c.after !== undefined) return `${c.subject} checks less than ${label}${arrow} (${c.detail}).`;
      return `${c.subject} was removed (${label} has ${c.before ?? 'it'}): ${c.detail}.`;
    case 'added':
      return `${c.subject} was added${c.after !== undefined ? `: ${c.after}` : ''} (${c.detail}).`;
    default:
      return `${c.subject} changed since ${label}${arrow} (${c.detail}).`;
  }
}

/** The short text a code lens shows: "looser than main: 120 ms → 250 ms". */
export function lensText(f: ReviewFinding, label: string): string {
  const c = f.change;
  const arrow = c.before !== undefined && c.after !== undefined ? `: ${c.before} → ${c.after}` : '';
  const verdict = c.verdict === 'looser' || c.verdict === 'stricter' ? `${c.verdict} than ${label}` : c.verdict === 'moved after failure' ? `loosened after a failed run (vs ${label})` : `${c.verdict} since ${label}`;
  return `${f.severity === 'error' ? '✖' : f.severity === 'warning' ? '⚠' : '•'} ${verdict}${arrow}`;
}

/** Turns changes into findings on the working card; `off` codes are dropped. */
export function changeFindings(card: Card | undefined, changes: readonly Change[], label: string, severities: Severities = {}): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  for (const c of changes) {
    const severity = severities[c.code] ?? REVIEW_CODES[c.code].severity;
    if (severity === 'off') continue;
    const node = card ? (c.on === 'value' ? (card.node(c.at) ?? card.anchor(c.at)) : card.anchor(c.at)) : undefined;
    const range = card && node ? card.range(node) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    out.push({ code: c.code, severity, message: `${headline(c, label)} ${WHY[c.code]}`, range, change: summary(c) });
  }
  return out;
}

/** A whole card added, deleted or unreadable: one finding at its first line. */
export function cardFinding(code: 'review-card-added' | 'review-card-removed' | 'review-unreadable', message: string, severities: Severities = {}): ReviewFinding[] {
  const severity = severities[code] ?? REVIEW_CODES[code].severity;
  if (severity === 'off') return [];
  const verdict: ChangeVerdict = code === 'review-card-added' ? 'added' : code === 'review-card-removed' ? 'removed' : 'changed';
  return [{ code, severity, message: `${message} ${WHY[code]}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, change: { subject: 'card', verdict } }];
}

/**
 * Merges policy findings of the working card into the review: a change on the same node that
 * crosses the policy becomes an error naming the policy; the policy's other findings (in parts the
 * pull request did not touch) are added as they are.
 */
export function withPolicy(findings: readonly ReviewFinding[], policy: readonly Finding[]): ReviewFinding[] {
  const out = findings.map((f) => ({ ...f }));
  for (const p of policy) {
    const same = out.filter((f) => f.range.start.line === p.range.start.line && f.range.start.character === p.range.start.character && f.code !== 'review-tightened');
    if (same.length === 0) {
      out.push({ ...p, change: { subject: 'policy', verdict: 'policy', policy: p.code } });
      continue;
    }
    for (const f of same) {
      f.severity = 'error';
      f.message = `${f.message} It also crosses the project policy [${p.code}]: ${p.message}`;
      f.change = { ...f.change, policy: p.code };
    }
  }
  return out;
}

function summary(c: Change): ChangeSummary {
  return {
    subject: c.subject, verdict: c.verdict,
    ...(c.before !== undefined ? { before: c.before } : {}), ...(c.after !== undefined ? { after: c.after } : {}),
    ...(c.direction ? { direction: c.direction } : {}),
    ...(c.beforeValue !== undefined ? { beforeValue: c.beforeValue } : {}), ...(c.afterValue !== undefined ? { afterValue: c.afterValue } : {}),
  };
}
