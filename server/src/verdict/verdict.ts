/**
 * The one rule of the product: a release may take traffic only when its card matches the schema,
 * no error-level rule finding is open (a suppression with a reason closes one), and every required
 * gate passed. Pure: it composes what `check` found with the gates' results, whoever computed them.
 */
import { isCardCode } from '../card/codes';
import type { Finding } from '../card/findings';
import type { GateStatus } from '../gates/engine/types';

/** The code of the verdict itself in CI reports (SARIF, JUnit, GitHub annotations). */
export const VERDICT_CODE = 'release-verdict';

/** What in the card itself blocks the release, from `check`. */
export interface CardBlockers {
  /** YAML and schema errors: the card does not say what it seems to say, so no gate is computed. */
  schema: Finding[];
  /** Error-level rule and suppression findings still open after suppressions. */
  rules: Finding[];
}

/** Splits the error-level findings of `check` into schema and rule blockers; warnings never block. */
export function cardBlockers(findings: readonly Finding[]): CardBlockers {
  const errors = findings.filter((f) => f.severity === 'error');
  return { schema: errors.filter((f) => isCardCode(f.code)), rules: errors.filter((f) => !isCardCode(f.code)) };
}

/** A gate's outcome, as a run, a record and the wire all have it. */
export interface GateOutcome {
  gate: string;
  status: GateStatus;
}

/** What the verdict is made of. */
export interface VerdictInput {
  blockers: CardBlockers;
  /** Gate results; undefined when no gate was computed (the card was refused). */
  gates?: readonly GateOutcome[];
  /** How many gates were validly deferred (they do not block). */
  deferred?: number;
  /** Gates this run was not asked for (`run --gate`): their results are unknown, so the release cannot pass. */
  notRun?: readonly string[];
}

/** The verdict of one release. */
export interface Verdict {
  /** True only when the release may take traffic: status pass and every gate run (none left out by `--gate`). */
  pass: boolean;
  /** pass; fail (a gate failed or a rule finding blocks); error (a gate could not decide, or the card was refused). */
  status: GateStatus;
  blockers: CardBlockers;
  /** False when the card did not match the schema and no gate was computed. */
  computed: boolean;
  failed: string[];
  errored: string[];
  passed: string[];
  /** Gates left out of this run by a gate selection. */
  notRun: string[];
  /** The sentence every face prints, ending in whether the release may take traffic. */
  summary: string;
}

/** "1 error-level rule finding is open (no-unpinned-feature-pipeline)". */
export function rulePhrase(rules: readonly Finding[]): string {
  const codes = [...new Set(rules.map((f) => f.code))].join(', ');
  return `${rules.length} error-level rule finding${rules.length === 1 ? ' is' : 's are'} open (${codes})`;
}

/** "the card does not match the schema (2 errors), so no gate was computed". */
export function schemaPhrase(schema: readonly Finding[]): string {
  return `the card does not match the schema (${schema.length} error${schema.length === 1 ? '' : 's'}), so no gate was computed`;
}

/** The status of a verdict from its parts: the card's own blockers win over the gates. */
export function verdictStatus(gates: GateStatus | undefined, blockers: { schema: number; rules: number }): GateStatus {
  if (blockers.schema > 0 || gates === undefined || gates === 'error') return 'error';
  if (gates === 'fail' || blockers.rules > 0) return 'fail';
  return 'pass';
}

/** Folds gate outcomes; no gate at all (everything deferred) passes, as in the engine. */
function gatesStatus(gates: readonly GateOutcome[]): GateStatus {
  if (gates.some((g) => g.status === 'error')) return 'error';
  return gates.some((g) => g.status === 'fail') ? 'fail' : 'pass';
}

/** Composes the verdict. */
export function verdictOf(input: VerdictInput): Verdict {
  const { blockers } = input;
  const gates = input.gates ?? [];
  const pick = (s: GateStatus): string[] => gates.filter((g) => g.status === s).map((g) => g.gate);
  const computed = input.gates !== undefined && blockers.schema.length === 0;
  const status = verdictStatus(computed ? gatesStatus(gates) : undefined, { schema: blockers.schema.length, rules: blockers.rules.length });
  const notRun = [...(input.notRun ?? [])];
  const out = { pass: status === 'pass' && notRun.length === 0, status, blockers, computed, failed: pick('fail'), errored: pick('error'), passed: pick('pass'), notRun };
  return { ...out, summary: summaryOf(out, gates.length, input.deferred ?? 0) };
}

/** The one-sentence verdict. */
function summaryOf(v: Omit<Verdict, 'summary'>, total: number, deferred: number): string {
  if (!v.computed) {
    const why = v.blockers.schema.length > 0 ? schemaPhrase(v.blockers.schema) : 'no gate was computed';
    return `BLOCKED: ${why}; fix the card ("release-gates check" lists every finding) and run again. The release must not take traffic.`;
  }
  const gates = `${v.failed.length} gate(s) failed, ${v.errored.length} could not decide, ${v.passed.length} passed`;
  if (v.pass) return `PASS: ${v.passed.length} of ${total} gates passed${deferred ? `, ${deferred} deferred` : ''}. The release may take traffic.`;
  if (v.status === 'pass') {
    return `PARTIAL: the ${v.passed.length} selected gate(s) passed, but ${v.notRun.join(', ')} ${v.notRun.length === 1 ? 'was' : 'were'} not run. This run does not decide whether the release may take traffic; run every gate for the verdict.`;
  }
  const parts = v.failed.length + v.errored.length > 0 ? [gates] : [];
  if (v.blockers.rules.length > 0) parts.push(rulePhrase(v.blockers.rules));
  if (parts.length === 1 && v.blockers.rules.length > 0) parts.push(`${v.passed.length} of ${total} gates passed`);
  return `BLOCKED: ${parts.join('; ')}. The release must not take traffic.`;
}
