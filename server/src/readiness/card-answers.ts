/**
 * Answers that rest on the card itself: the bundle, the SLO alerts, the canary plan, the runbook
 * and the post-release owner. They reuse the anti-pattern rules, so the readiness report and the
 * editor's diagnostics never disagree about what is wrong; a rule finding is the reason for a no.
 */
import type { Finding } from '../card/findings';
import type { Card } from '../card/model';
import { no, yes } from './types';

/** Rule ids consulted by each card question. */
export const CARD_QUESTION_RULES = {
  bundle: ['require-complete-bundle', 'no-unpinned-feature-pipeline', 'no-unpinned-artifact'],
  alerts: ['require-slo', 'require-alert-ownership', 'burn-rate-matches-slo'],
  canary: ['require-canary', 'canary-steps-rise-to-full', 'valid-auto-rollback', 'auto-rollback-matches-gates', 'require-rollback-coverage'],
  runbook: ['require-tested-runbook'],
  postRelease: ['require-post-release-owner'],
} as const;

/** A no carrying the first finding of the given rules, with its line, or undefined when none. */
function firstFinding(findings: readonly Finding[], rules: readonly string[]): { answer: 'no'; reason: string } | undefined {
  const f = findings.find((x) => rules.includes(x.code) && (x.severity === 'error' || x.severity === 'warning'));
  return f ? no(`line ${f.range.start.line + 1}: ${f.message} [${f.code}]`) : undefined;
}

/** True when a value is a non-empty string. */
function filled(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** 1. The bundle is complete and pinned. */
export function bundleAnswer(card: Card, findings: readonly Finding[]): { answer: 'yes' | 'no'; reason: string } {
  const art = card.object(['artifacts']);
  if (!art) return no('the card has no artifacts section, so there is no bundle to reproduce');
  return firstFinding(findings, CARD_QUESTION_RULES.bundle)
    ?? yes(`artifacts pin the model (${String(art['model_uri'])}), feature pipeline (${String(art['feature_pipeline'])}), preprocessing and post-processing`);
}

/** 8. An SLO exists and every alert has an owner and a runbook. */
export function alertsAnswer(card: Card, findings: readonly Finding[]): { answer: 'yes' | 'no'; reason: string } {
  const alerts = card.get(['gates', 'observability', 'alerts']);
  const bad = firstFinding(findings, CARD_QUESTION_RULES.alerts);
  if (bad) return bad;
  if (!card.object(['slo'])) return no('the card declares no SLO, so no alert is bound to an objective');
  if (!Array.isArray(alerts) || alerts.length === 0) return no('gates.observability.alerts lists no alerts; add the burn-rate alerts with owner and runbook');
  return yes(`${alerts.length} alert(s) for the SLO, each with an owner and a runbook`);
}

/** 9. A canary plan that rises to 100 % with auto-rollback conditions. */
export function canaryAnswer(card: Card, findings: readonly Finding[]): { answer: 'yes' | 'no'; reason: string } {
  const bad = firstFinding(findings, CARD_QUESTION_RULES.canary);
  if (bad) return bad;
  const steps = card.get(['rollout', 'steps']);
  const conditions = card.get(['rollout', 'auto_rollback_on']);
  if (card.get(['rollout', 'strategy']) !== 'canary') return no('rollout.strategy is not canary');
  if (!Array.isArray(conditions) || conditions.length === 0) return no('rollout.auto_rollback_on lists no conditions');
  return yes(`canary steps ${Array.isArray(steps) ? steps.join(' → ') : '?'} with ${conditions.length} auto-rollback condition(s)`);
}

/** 11. The runbook has an owner and was tested. */
export function runbookAnswer(card: Card, findings: readonly Finding[]): { answer: 'yes' | 'no'; reason: string } {
  const bad = firstFinding(findings, CARD_QUESTION_RULES.runbook);
  if (bad) return bad;
  const rb = card.object(['gates', 'rollback', 'runbook']);
  if (!rb || !filled(rb['path'])) return no('gates.rollback.runbook names no runbook path');
  const tested = rb['last_tested'] instanceof Date ? rb['last_tested'].toISOString().slice(0, 10) : String(rb['last_tested'] ?? 'never');
  return yes(`runbook ${rb['path']} owned by ${String(rb['owner'] ?? '?')}, last tested ${tested}`);
}

/** 12. A named owner verifies the release for at least 24 hours. */
export function postReleaseAnswer(card: Card, findings: readonly Finding[]): { answer: 'yes' | 'no'; reason: string } {
  const bad = firstFinding(findings, CARD_QUESTION_RULES.postRelease);
  if (bad) return bad;
  const owner = card.get(['post_release', 'verification_owner']);
  if (!filled(owner)) return no('post_release.verification_owner is not set');
  return yes(`${owner} verifies the release for ${String(card.get(['post_release', 'window_hours']) ?? 24)} hours`);
}
