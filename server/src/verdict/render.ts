/**
 * Renders a release run for people and machines: the text report and the stable JSON of
 * `release-gates run`, and the findings its SARIF, JUnit and GitHub outputs are made of. Every
 * format carries the card's own blockers and the verdict sentence, so no output can show the
 * gates passing while the release must not take traffic. Pure: no I/O.
 */
import type { Finding } from '../card/findings';
import type { Card } from '../card/model';
import { runCodes, runFindings, runJson, runLines, wrapMessage } from '../gates/engine/report';
import type { ReleaseRun } from './run';
import { VERDICT_CODE } from './verdict';

/** 1-based location of a finding for reports. */
function findingLocation(f: Finding, cardPath: string): { path: string; line: number; column: number } {
  return { path: cardPath, line: f.range.start.line + 1, column: f.range.start.character + 1 };
}

/** One section of blockers: a title, then each finding with its location and message. */
function section(title: string, list: readonly Finding[], cardPath: string): string[] {
  if (list.length === 0) return [];
  const out = [title];
  for (const f of list) {
    const loc = findingLocation(f, cardPath);
    out.push(`    ✖ ${f.code}  (${loc.path}:${loc.line}:${loc.column})`, wrapMessage(f.message));
  }
  return [...out, ''];
}

/** The card's blockers as text: its schema errors (the card was refused), then its open rule errors. */
function blockerLines(run: ReleaseRun, cardPath: string): string[] {
  const { schema, rules } = run.verdict.blockers;
  return [
    ...section('The card does not match the schema, so no gate was computed:', schema, cardPath),
    ...section('Error-level findings in the card block the release (suppress one only with a reason):', rules, cardPath),
  ];
}

/** The readable report of a release run. */
export function releaseText(run: ReleaseRun, card: Card, cardPath: string, recordPath: string | null): string {
  // The header and its blank line, the card's blockers, then the gates and deferrals.
  const lines = runLines(run.result, card, cardPath);
  const out = [...lines.slice(0, 3), ...blockerLines(run, cardPath), ...lines.slice(3), '', run.verdict.summary];
  if (run.result.cancelled) out.push('The run was cancelled; no record was written.');
  else if (recordPath) out.push(`Run record: ${recordPath}`);
  // A refused card has no gate lines: its blockers' trailing blank would double the one above the verdict.
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

/** The JSON document of a release run (stable shape: see docs/run-records.md). */
export function releaseJson(run: ReleaseRun, card: Card, cardPath: string, recordPath: string | null): Record<string, unknown> {
  const base = runJson(run.result, card, cardPath, recordPath);
  const { schema, rules } = run.verdict.blockers;
  const findings = [...schema.map((f) => ({ f, kind: 'schema' })), ...rules.map((f) => ({ f, kind: 'rule' }))]
    .map(({ f, kind }) => ({ code: f.code, kind, message: f.message, location: findingLocation(f, cardPath) }));
  return {
    release_id: base['release_id'], fingerprint: base['fingerprint'], status: run.verdict.status,
    may_take_traffic: run.verdict.pass, summary: run.verdict.summary, computed: run.verdict.computed, findings,
    gates: base['gates'], deferred: base['deferred'], record: base['record'],
  };
}

/**
 * The findings of the CI formats: the card's blockers, one per failing or erroring check, and the
 * verdict itself on the card's `release_id` when the release must not take traffic.
 */
export function releaseFindings(run: ReleaseRun, card: Card): Finding[] {
  const { schema, rules } = run.verdict.blockers;
  const out = [...schema, ...rules, ...runFindings(run.result, card)];
  if (run.verdict.status !== 'pass') out.push({ code: VERDICT_CODE, severity: 'error', message: run.verdict.summary, range: card.range(card.anchor(['release_id'])) });
  return out;
}

/** Every code a run checked, for reports that list passing ones too (JUnit): the verdict first. */
export function releaseCodes(run: ReleaseRun): string[] {
  return [VERDICT_CODE, ...runCodes(run.result)];
}
