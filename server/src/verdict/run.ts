/**
 * Running a release the one way every face runs it: `check` first (schema and rules, with the
 * caller's severities and the run's "now"); a card that does not match the schema is refused, so
 * nothing is computed from thresholds it does not really state; otherwise the gates run, and the
 * verdict composes both. The CLI's `run` and the editor's gate worker both call `runRelease`.
 */
import type { Finding } from '../card/findings';
import { computeFingerprint } from '../card/fingerprint';
import type { Card } from '../card/model';
import { type CardCheckOptions, checkCard } from '../check';
import { hashRequestedFiles } from '../evidence';
import { bundleEvidenceRequests, runGates, type RunOptions, type RunResult } from '../gates/engine/run';
import { GATE_IDS } from '../gates/engine/types';
import type { RecordBlocked, RecordVerdict } from '../records';
import { withoutCoveredFindings } from '../rules/covered';
import { cardBlockers, type Verdict, verdictOf } from './verdict';

/** Options of one release run: the engine's, plus how the rules are configured. */
export interface ReleaseRunOptions extends RunOptions {
  /** Rule severities, the project policy and the previous run record (for the rules about earlier runs); `now` is the run's. */
  rules?: Omit<CardCheckOptions, 'now' | 'staleReason'>;
}

/** A run with everything it was judged on. */
export interface ReleaseRun {
  result: RunResult;
  /** Everything `check` found (warnings too), ordered by position. */
  findings: Finding[];
  verdict: Verdict;
}

/** Checks the card, refuses it when it does not match the schema, else runs its gates; never throws on bad input. */
export async function runRelease(card: Card, opts: ReleaseRunOptions): Promise<ReleaseRun> {
  const now = opts.now ?? new Date();
  const { findings } = checkCard(card, { ...opts.rules, now });
  const blockers = cardBlockers(findings);
  if (blockers.schema.length > 0) {
    const result = await refusedRun(card, { ...opts, now });
    return { result, findings, verdict: verdictOf({ blockers }) };
  }
  const result = await runGates(card, { ...opts, now });
  const notRun = GATE_IDS.filter((id) => !result.selected.includes(id));
  // A rule whose fact a gate check of this run reports as failed is that check's finding now.
  const shown = withoutCoveredFindings(findings, result.gates);
  return { result, findings: shown, verdict: verdictOf({ blockers: cardBlockers(shown), gates: result.gates, deferred: result.deferred.length, notRun }) };
}

/**
 * The result of a card that was refused: no gate computed, status error, but bound to the bundle's
 * fingerprint (evidence hashed, not read) so that the record of the refusal turns stale once the
 * card is fixed.
 */
async function refusedRun(card: Card, opts: RunOptions & { now: Date }): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const evidence = await hashRequestedFiles(bundleEvidenceRequests(card, opts.registry), { root: opts.root, cardFile: opts.cardFile });
  return {
    releaseId: String(card.get(['release_id']) ?? ''), status: 'error', fingerprint: computeFingerprint(card, evidence),
    gates: [], deferred: [], evidence, selected: GATE_IDS.filter((id) => !opts.gates || opts.gates.includes(id)),
    startedAt, finishedAt: new Date().toISOString(), now: opts.now.toISOString(), cancelled: opts.signal?.aborted === true,
  };
}

/** A finding in record form (1-based, as the card was at the run). */
function recordFinding(f: Finding): RecordBlocked['findings'][number] {
  return { code: f.code, message: f.message, line: f.range.start.line + 1, column: f.range.start.character + 1 };
}

/** What a record stores of a verdict: its status and, when the card itself blocked, why. */
export function recordVerdict(verdict: Verdict): RecordVerdict {
  const { schema, rules } = verdict.blockers;
  const blocking = [...schema, ...rules];
  return { status: verdict.status, ...(blocking.length > 0 ? { blocked: { schema_invalid: schema.length > 0, findings: blocking.map(recordFinding) } } : {}) };
}
