/**
 * The latest results of each open card, kept in run-record form (check locations as card paths,
 * not lines) so that results from a run just now and results read back from a record are the same
 * thing, and ranges are always computed against the card text as it is now.
 */
import type { Finding } from '../../card/findings';
import type { Card } from '../../card/model';
import { checkRange } from '../../gates/engine/report';
import { foldStatus, GATE_IDS } from '../../gates/engine/types';
import type { RecordCheck, RecordGate, RunRecord } from '../../records';
import { checkLabel, formatPair, resultPhrase } from '../../format';
import type { CardResults, WireCheck, WireGate, WireGateId, WireVerdict } from '../../protocol';
import { standingVerdict, verdictStatus } from '../../verdict';

/** What the store knows about one card. */
export interface StoredResults {
  record: RunRecord;
  recordPath: string | null;
  stale: boolean;
  /** Why the results are stale ("bundle changed", "evidence changed: perf/requests.csv"). */
  staleReason?: string;
}

/** Per-URI latest results; every change goes through `set`/`markStale` so listeners hear of it. */
export class ResultsStore {
  private readonly entries = new Map<string, StoredResults>();

  constructor(private readonly changed: (uri: string) => void = () => undefined) {}

  /** The results of a card, if any. */
  get(uri: string): StoredResults | undefined {
    return this.entries.get(uri);
  }

  /** Replaces a card's results. */
  set(uri: string, entry: StoredResults): void {
    this.entries.set(uri, entry);
    this.changed(uri);
  }

  /** Forgets a card (closed); no notification, the card is gone from the editor. */
  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Updates staleness; notifies only when it actually changed. */
  markStale(uri: string, stale: boolean, reason?: string): boolean {
    const entry = this.entries.get(uri);
    if (!entry || (entry.stale === stale && entry.staleReason === reason)) return false;
    this.entries.set(uri, { ...entry, stale, ...(reason !== undefined ? { staleReason: reason } : { staleReason: undefined }) });
    this.changed(uri);
    return true;
  }
}

/**
 * Merges a partial run into the previous record of the same bundle: gates the run did not select
 * keep their earlier result, so running one gate from a lens does not erase the other six. The
 * merged status is the verdict's: the card's own blockers of the new run still count.
 */
export function mergeRecords(previous: RunRecord | undefined, next: RunRecord): RunRecord {
  if (!previous || previous.fingerprint !== next.fingerprint || next.selected.length >= GATE_IDS.length || next.blocked?.schema_invalid) return next;
  const kept = previous.gates.filter((g) => !next.selected.includes(g.gate));
  const order = (g: RecordGate): number => (GATE_IDS as readonly string[]).indexOf(g.gate);
  const gates = [...kept, ...next.gates].sort((a, b) => order(a) - order(b));
  const selected = [...new Set([...previous.selected, ...next.selected])];
  const deferred = next.deferred.length > 0 ? next.deferred : previous.deferred;
  const status = verdictStatus(gates.length === 0 ? 'pass' : foldStatus(gates), { schema: 0, rules: next.blocked?.findings.length ?? 0 });
  return { ...next, gates, selected, deferred, status };
}

/** A check of a record located on the current card. */
function wireCheck(card: Card, c: RecordCheck): WireCheck {
  const out: WireCheck = {
    id: c.id, status: c.status, observed: c.observed ?? null, threshold: c.threshold ?? null, message: c.message,
    range: checkRange(card, { id: c.id, status: c.status, message: c.message, at: c.at }),
  };
  if (c.unit !== undefined) out.unit = c.unit;
  if (c.sample_size !== undefined) out.sampleSize = c.sample_size;
  // People read these; the raw values above stay exact for any client that computes with them.
  out.label = checkLabel(c);
  out.summary = resultPhrase(c);
  const values = formatPair(c.observed, c.threshold, c.unit);
  if (c.observed !== undefined) out.observedText = values.observed;
  if (c.threshold !== undefined) out.thresholdText = values.threshold;
  return out;
}

/** The card range of a gate's key (`gates.<id>`, or `gates.<id>_gate` for an asserted status). */
export function gateKeyRange(card: Card, gate: string, asserted: boolean | undefined): WireCheck['range'] {
  const path = asserted || card.get(['gates', gate]) === undefined ? ['gates', `${gate}_gate`] : ['gates', gate];
  return card.range(card.anchor(card.get(path) === undefined ? ['gates', gate] : path));
}

/** The wire form of a card's results (status `none` when it has never been run) with its verdict; `findings` are what `check` finds in the card now. */
export function toCardResults(uri: string, card: Card, entry: StoredResults | undefined, findings: readonly Finding[] = []): CardResults {
  const standing = standingVerdict({ findings, ...(entry ? { record: entry.record, stale: entry.stale, ...(entry.staleReason ? { staleReason: entry.staleReason } : {}) } : {}) });
  const verdict: WireVerdict = { state: standing.state, title: standing.title, detail: standing.detail };
  if (!entry) return { uri, releaseId: null, status: 'none', stale: false, finishedAt: null, recordPath: null, gates: [], deferred: [], verdict };
  const r = entry.record;
  const gates: WireGate[] = r.gates.map((g) => ({
    gate: g.gate as WireGateId, status: g.status, checks: g.checks.map((c) => wireCheck(card, c)),
    range: gateKeyRange(card, g.gate, g.asserted), ...(g.asserted ? { asserted: true } : {}), ...(g.duration_ms !== undefined ? { durationMs: g.duration_ms } : {}),
  }));
  // The status is the verdict's: a pass over some gates, or one the card's findings now block, is
  // no pass of the card. Stale results keep what they said (the client shows them as stale).
  const status: CardResults['status'] = entry.stale ? r.status : standing.state === 'none' ? 'none' : standing.verdict?.status ?? 'error';
  return {
    uri, releaseId: r.release_id, status, stale: entry.stale, finishedAt: r.finished_at, startedAt: r.started_at,
    recordPath: entry.recordPath, gates, deferred: r.deferred.map((d) => ({ gate: d.gate as WireGateId, owner: d.owner, deadline: d.deadline })),
    ...(entry.staleReason ? { staleReason: entry.staleReason } : {}), verdict,
  };
}
