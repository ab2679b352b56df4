/**
 * The readiness report: the seed's twelve pre-rollout questions ("if any answer is no, the release
 * should not go out"), each answered yes or no with the reason, from the card and its run record.
 * Pure: the caller reads the record and decides staleness (CLI: fresh hashes; server: its store).
 */
import { checkCard } from '../check';
import { standingVerdict } from '../verdict';
import type { Finding } from '../card/findings';
import { alertsAnswer, bundleAnswer, canaryAnswer, postReleaseAnswer, runbookAnswer } from './card-answers';
import { alertsComputed, gateChecksPassed, gatePassed } from './gate-answers';
import type { ReadinessAnswer, ReadinessInput, ReadinessReport } from './types';

export type { ReadinessAnswer, ReadinessInput, ReadinessReport, ReadinessVerdict } from './types';

/** The twelve questions, in the seed's order. */
export const QUESTIONS: readonly string[] = [
  'A reproducible release artifact package exists.',
  'Data gate passed on current input slice.',
  'Quality gate passed on baseline and critical segments.',
  'Robustness gate passed on edge-case sets.',
  'Performance gate passed under target traffic profile.',
  'Cost gate fits useful-outcome budget.',
  'Observability covers request-to-response execution path.',
  'SLO alerts are configured and owner-bound.',
  'Canary plan and auto-rollback criteria are fixed.',
  'Rollback was tested and RTO measured.',
  'Incident runbook is updated for this release.',
  'A 24-hour post-release verification is assigned.',
];

/** The card's findings: the caller's (with its severities), else `check` with the defaults. */
function findingsOf(input: ReadinessInput): readonly Finding[] {
  if (input.findings) return input.findings;
  const run = input.record ? { record: input.record, ...(input.staleReason !== undefined ? { staleReason: input.staleReason } : {}) } : {};
  return checkCard(input.card, { now: input.now, onRuleError: () => undefined, ...run }).findings;
}

/**
 * Answers all twelve questions, and states the release's verdict: ready only when every answer is
 * yes and the verdict passes, so readiness never says ready where `run` would block (a schema
 * error, an open rule error no question asks about).
 */
export function readiness(input: ReadinessInput): ReadinessReport {
  const findings = findingsOf(input);
  const { card } = input;
  const results = [
    bundleAnswer(card, findings),
    gatePassed(input, 'data', 'on the current input slice'),
    gatePassed(input, 'quality', 'against the baseline and its critical slices'),
    gatePassed(input, 'robustness', 'on the edge-case suites'),
    gatePassed(input, 'performance', 'at the target load'),
    gatePassed(input, 'cost', 'per useful outcome on both horizons'),
    gateChecksPassed(input, 'observability', 'traces.', 'the observability gate has no trace check; add a trace export covering gateway to post-processing'),
    alertsComputed(input, alertsAnswer(card, findings)),
    canaryAnswer(card, findings),
    gateChecksPassed(input, 'rollback', 'drill.rto', 'the rollback gate has no measured RTO; add a drill log'),
    runbookAnswer(card, findings),
    postReleaseAnswer(card, findings),
  ];
  const answers: ReadinessAnswer[] = results.map((r, i) => ({ number: i + 1, question: QUESTIONS[i] ?? '', ...r }));
  const id = card.get(['release_id']);
  const standing = standingVerdict({ findings, ...(input.record ? { record: input.record } : {}), stale: input.stale, ...(input.staleReason ? { staleReason: input.staleReason } : {}) });
  const verdict = { state: standing.state, summary: standing.detail };
  return { releaseId: typeof id === 'string' ? id : null, ready: answers.every((a) => a.answer === 'yes') && verdict.state === 'pass', answers, verdict };
}

/** The report as text: one line per question, the reason indented beneath. */
export function readinessText(report: ReadinessReport): string {
  const lines = [`Readiness of ${report.releaseId ?? '(no release_id)'}: 12 questions before rollout`, ''];
  for (const a of report.answers) {
    lines.push(`${a.answer === 'yes' ? '✔ yes' : '✖ no '}  ${String(a.number).padStart(2)}. ${a.question}`);
    lines.push(`          ${a.reason}`);
  }
  const noCount = report.answers.filter((a) => a.answer === 'no').length;
  lines.push('', `Verdict: ${report.verdict.summary}`);
  lines.push(report.ready ? 'READY: every answer is yes and the verdict passes.' : `NOT READY: ${noCount} answer(s) are no${report.verdict.state === 'pass' ? '' : ' and the verdict does not pass'}; the release should not go out.`);
  return `${lines.join('\n')}\n`;
}
