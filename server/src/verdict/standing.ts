/**
 * The verdict of a card as it stands now: what `check` finds in its current text, composed with
 * the last gate results of its run record. The editor's verdict lens and status bar and the
 * readiness report all read it here, so they say what `release-gates run` would say: never "all
 * gates passed" while the card is refused or an error-level finding is open.
 */
import type { Finding } from '../card/findings';
import { GATE_IDS } from '../gates/engine/types';
import type { RunRecord } from '../records';
import { cardBlockers, schemaPhrase, type Verdict, verdictOf } from './verdict';

/** pass and blocked rest on current results; stale results are another bundle's; none: no (complete) results yet. */
export type StandingState = 'pass' | 'blocked' | 'stale' | 'none';

/** The verdict of a card as it stands. */
export interface StandingVerdict {
  state: StandingState;
  /** Short, for a lens or a status bar: "all gates passed", "blocked: 1 failed, 0 could not decide, 1 rule error". */
  title: string;
  /** The whole sentence: what blocks, and what to do. */
  detail: string;
  /** The composed verdict, when results for this bundle exist. */
  verdict?: Verdict;
}

/** What the standing verdict is made of. */
export interface StandingInput {
  /** What `check` finds in the card's current text (with the severities in effect). */
  findings: readonly Finding[];
  /** The card's last results, in record form. */
  record?: Pick<RunRecord, 'status' | 'gates' | 'deferred'>;
  stale?: boolean;
  staleReason?: string;
}

/** "line 169: gates.performance.p99_latency_ms must be a number…". */
function firstText(f: Finding | undefined): string {
  return f ? `; first, line ${f.range.start.line + 1}: ${f.message}` : '';
}

/** The standing verdict of a card. */
export function standingVerdict(input: StandingInput): StandingVerdict {
  const blockers = cardBlockers(input.findings);
  if (blockers.schema.length > 0) {
    const n = blockers.schema.length;
    return {
      state: 'blocked', title: `blocked: the card does not match the schema (${n} error${n === 1 ? '' : 's'})`,
      detail: `BLOCKED: ${schemaPhrase(blockers.schema).replace(', so no gate was computed', '')}${firstText(blockers.schema[0])} No gate may be computed from it; fix the card and run the gates again. The release must not take traffic.`,
    };
  }
  const r = input.record;
  if (!r) return { state: 'none', title: 'not run', detail: 'No gate has run for this card yet. Run all gates.' };
  if (input.stale) {
    const why = input.staleReason ?? 'bundle changed';
    return { state: 'stale', title: `stale: ${why}`, detail: `The last results are for a different bundle (${why}), so they say nothing about this card. Run the gates again.` };
  }
  const covered = new Set([...r.gates.map((g) => g.gate), ...r.deferred.map((d) => d.gate)]);
  const missing = GATE_IDS.filter((g) => !covered.has(g));
  const verdict = verdictOf({ blockers, gates: r.gates, deferred: r.deferred.length, notRun: missing });
  // A pass over some gates is not a pass of the card: until every gate has a result (or a valid
  // deferral) the verdict stays "not run", never a silent pass.
  if (verdict.status === 'pass' && missing.length > 0) {
    return { state: 'none', title: 'not every gate has run', detail: `Only ${GATE_IDS.length - missing.length} of ${GATE_IDS.length} gates have a result (missing: ${missing.join(', ')}). Run all gates.`, verdict };
  }
  return { state: verdict.pass ? 'pass' : 'blocked', title: titleOf(verdict), detail: verdict.summary, verdict };
}

/** The short title of a verdict computed from results. */
function titleOf(v: Verdict): string {
  if (v.pass) return 'all gates passed';
  const rules = v.blockers.rules;
  const ruleText = `${rules.length} rule error${rules.length === 1 ? '' : 's'}`;
  if (v.failed.length + v.errored.length === 0) return `blocked: ${ruleText} (${[...new Set(rules.map((f) => f.code))].join(', ')})`;
  return `blocked: ${v.failed.length} failed, ${v.errored.length} could not decide${rules.length > 0 ? `, ${ruleText}` : ''}`;
}
