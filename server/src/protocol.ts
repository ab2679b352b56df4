/**
 * Custom messages between the VS Code client and the server, declared once with their types and
 * imported by both sides. Everything here is optional for other LSP clients: they get the same
 * features through standard code lenses, `workspace/executeCommand`, diagnostics and inlay hints.
 */
import { ProtocolNotificationType, ProtocolRequestType } from 'vscode-languageserver-protocol';

/** A gate id as it appears on the wire (`data`, `quality`, …). */
export type WireGateId = 'data' | 'quality' | 'robustness' | 'performance' | 'cost' | 'observability' | 'rollback';

/** pass | fail | error, as in run records. */
export type WireStatus = 'pass' | 'fail' | 'error';

/** A 0-based LSP range. */
export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** One check of a gate, located on the threshold (card range) that decided it. */
export interface WireCheck {
  id: string;
  status: WireStatus;
  observed: number | string | boolean | null;
  threshold: number | string | boolean | null;
  unit?: string;
  sampleSize?: number;
  message: string;
  range: WireRange;
  /** The check's name as the card spells it ("suite 'timeout and empty features fallback': pass rate"). */
  label?: string;
  /** What it compared, for people: "1075 ms > 800 ms allowed" (or the key fact of an error). */
  summary?: string;
  /** Observed value and threshold formatted by unit, with the digits that show the decision. */
  observedText?: string;
  thresholdText?: string;
}

/** One gate's result. */
export interface WireGate {
  gate: WireGateId;
  status: WireStatus;
  asserted?: boolean;
  checks: WireCheck[];
  /** Range of the gate's key in the card (`gates.<id>` or `gates.<id>_gate`). */
  range: WireRange;
  /** How long computing the gate took. */
  durationMs?: number;
}

/**
 * The card's verdict as it stands, composed on the server exactly as `release-gates run` composes
 * it: the card's current schema and rule findings with its last gate results. Clients display it.
 */
export interface WireVerdict {
  /** pass: may take traffic; blocked; stale: the results are another bundle's; none: no (complete) results yet. */
  state: 'pass' | 'blocked' | 'stale' | 'none';
  /** Short text for a status bar or lens, e.g. "blocked: 0 failed, 0 could not decide, 1 rule error". */
  title: string;
  /** The whole sentence: what blocks the release and what to do (a tooltip). */
  detail: string;
}

/** The state of a card's results: from a run just now, or read back from its run record. */
export interface CardResults {
  uri: string;
  releaseId: string | null;
  status: WireStatus | 'none';
  /** True when the bundle (card thresholds, artifacts or evidence) changed since the results. */
  stale: boolean;
  /** Why the results are stale, for display ("bundle changed", "evidence changed: perf/requests.csv"). */
  staleReason?: string;
  /** ISO time the results were computed. */
  finishedAt: string | null;
  /** ISO time the run started (with `finishedAt`, the run's real duration). */
  startedAt?: string;
  recordPath: string | null;
  gates: WireGate[];
  deferred: { gate: WireGateId; owner: string; deadline: string }[];
  /** The card's verdict: never "pass" while the card is schema-invalid or an error-level finding is open. */
  verdict: WireVerdict;
}

/** Parameters of a run: the card and optionally a subset of gates (all when omitted). */
export interface RunGatesParams {
  uri: string;
  gates?: WireGateId[];
  /** Work-done progress token created by the client, when it wants progress reports. */
  workDoneToken?: string | number;
}

/** Runs gates of a card (writes its run record). Errors: restricted mode, not a card. */
export const RunGatesRequest = new ProtocolRequestType<RunGatesParams, CardResults, never, void, void>('releaseGates/runGates');

/** The last known results of a card (from its run record), with staleness. */
export const CardResultsRequest = new ProtocolRequestType<{ uri: string }, CardResults, never, void, void>('releaseGates/cardResults');

/** One answer of the readiness report (the twelve pre-rollout questions). */
export interface ReadinessAnswer {
  number: number;
  question: string;
  answer: 'yes' | 'no';
  reason: string;
}

/** The readiness report of a card: the twelve answers and the release's verdict (ready needs both). */
export const ReadinessRequest = new ProtocolRequestType<{ uri: string }, { releaseId: string | null; ready: boolean; answers: ReadinessAnswer[]; verdict: { state: WireVerdict['state']; summary: string } }, never, void, void>('releaseGates/readiness');

/**
 * The gate report of a card (charts with their thresholds), as a self-contained HTML document in
 * VS Code's colours, drawn from the card's current results; `html` has no script and its policy
 * forbids every request. `state` is the verdict's, so the client can title the view.
 */
export const GateReportRequest = new ProtocolRequestType<{ uri: string }, { html: string; title: string; state: WireVerdict['state'] }, never, void, void>('releaseGates/gateReport');

/**
 * What a client tells the server in `initializationOptions.clientCommands`: commands of its own that
 * lenses may use. The VS Code client opens the gate report beside the card with `openGateReport`.
 */
export interface ClientCommands {
  openGateReport?: string;
}

/** Sent by the server whenever a card's results change (a run finished, a record was read, the bundle went stale). */
export const ResultsChangedNotification = new ProtocolNotificationType<CardResults, void>('releaseGates/resultsChanged');

/** Server commands usable from code lenses by any LSP client (`workspace/executeCommand`). */
export const SERVER_COMMANDS = {
  /** Arguments: [uri, gate?]; runs one gate, or all when the gate is omitted. */
  runGates: 'releaseGates.server.runGates',
  /** Arguments: [uri, 'argo' | 'flagger']; writes the card's rollout beside it (workspace/applyEdit). */
  exportRollout: 'releaseGates.server.exportRollout',
  /** Arguments: [uri]; judges the live canary from the configured Prometheus and shows the verdict. */
  judgeCanary: 'releaseGates.server.judgeCanary',
} as const;
