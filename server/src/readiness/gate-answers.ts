/**
 * Answers that rest on computed gate results: only a fresh record counts, because a result for a
 * different bundle says nothing about the release the card now describes, and an asserted
 * `<gate>_gate: pass` is a claim, not evidence.
 */
import { checkLabel, resultPhrase } from '../format';
import type { RecordCheck, RecordGate } from '../records/record';
import { no, yes, type ReadinessInput } from './types';

/** A check by name with what it compared: "warm p99 latency: 1075 ms > 800 ms allowed". */
function checkText(c: RecordCheck): string {
  return c.observed === undefined && c.threshold === undefined && !c.summary ? checkLabel(c) : `${checkLabel(c)}: ${resultPhrase(c)}`;
}

/** The gate's result in a fresh record, or why there is none to trust. */
export function freshGate(input: ReadinessInput, gate: string): { gate: RecordGate } | { answer: { answer: 'yes' | 'no'; reason: string } } {
  const r = input.record;
  if (!r) return { answer: no(`${input.recordProblem ?? 'no run record yet'}; run "release-gates run" on the card`) };
  if (input.stale) return { answer: no(`the run record is stale (${input.staleReason ?? 'bundle changed'}); run the gates again`) };
  const deferred = r.deferred.find((d) => d.gate === gate);
  if (deferred) return { answer: yes(`deferred to ${deferred.owner} until ${deferred.deadline}, as the card's profile allows`) };
  const g = r.gates.find((x) => x.gate === gate);
  if (!g) return { answer: no(`the last run did not include the ${gate} gate; run all gates`) };
  return { gate: g };
}

/** Yes only when the gate passed, computed, in a fresh record. */
export function gatePassed(input: ReadinessInput, gate: string, what: string): { answer: 'yes' | 'no'; reason: string } {
  const found = freshGate(input, gate);
  if ('answer' in found) return found.answer;
  const g = found.gate;
  if (g.asserted) return no(`the ${gate} gate is only asserted in the card, not computed from evidence; define it with thresholds and evidence`);
  const bad = g.checks.filter((c) => c.status !== 'pass');
  if (g.status === 'pass') return yes(`the ${gate} gate passed ${g.checks.length} of ${g.checks.length} checks ${what} (run ${input.record?.finished_at ?? ''})`.trim());
  const first = bad[0];
  const more = bad.length > 1 ? ` and ${bad.length - 1} more` : '';
  const verdict = g.status === 'fail' ? 'failed' : 'could not decide';
  return no(`the ${gate} gate ${verdict}: ${first ? checkText(first) : 'no checks'}${more}`);
}

/** Yes when the gate passed and it has at least one passing check whose id starts with a prefix. */
export function gateChecksPassed(input: ReadinessInput, gate: string, prefix: string, missing: string): { answer: 'yes' | 'no'; reason: string } {
  const base = gatePassed(input, gate, '');
  if (base.answer === 'no') return base;
  const found = freshGate(input, gate);
  if ('answer' in found) return base;
  const checks = found.gate.checks.filter((c) => c.id.startsWith(prefix));
  if (checks.length === 0) return no(missing);
  return yes(`${checks.map((c) => checkText(c)).join('; ')}`);
}

/**
 * Question 8 against the computed observability gate: the card may list every alert with an owner
 * and a runbook while the deployed rules file holds one without (or a burn-rate pair is missing).
 * When a fresh record has the gate, a failed `alert.` or `burn_rate.` check makes the answer no.
 */
export function alertsComputed(input: ReadinessInput, fromCard: { answer: 'yes' | 'no'; reason: string }): { answer: 'yes' | 'no'; reason: string } {
  if (fromCard.answer === 'no') return fromCard;
  const found = freshGate(input, 'observability');
  if ('answer' in found) return fromCard;
  const bad = found.gate.checks.filter((c) => (c.id.startsWith('alert.') || c.id.startsWith('burn_rate.')) && c.status !== 'pass');
  const first = bad[0];
  if (!first) return fromCard;
  const more = bad.length > 1 ? ` and ${bad.length - 1} more` : '';
  return no(`the observability gate found the deployed alerts short of the card: ${checkText(first)}${more}`);
}
