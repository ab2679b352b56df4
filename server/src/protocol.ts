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

/** Sent by the server whenever a card's results change (a run finished, a record was read, the bundle went stale). */
export const ResultsChangedNotification = new ProtocolNotificationType<CardResults, void>('releaseGates/resultsChanged');

/** A card's text at the base a review compares with (the merge base with the default branch). */
export interface BaseCard {
  uri: string;
  /** How the base is named (`main`, `origin/main`). */
  label: string;
  commit: string;
  /** The card's path in the repository at the base (the old path of a renamed card). */
  path: string;
  text: string;
}

/** The base version of a card, for a diff editor. Errors: restricted mode, not in git, no base, a new card. */
export const BaseCardRequest = new ProtocolRequestType<{ uri: string }, BaseCard, never, void, void>('releaseGates/baseCard');

/**
 * Commands a client implements itself. A client lists the ones it has in the initialization
 * option `clientCommands`; the server puts them on lenses only then, so other clients never get a
 * lens whose command they do not know.
 */
export const CLIENT_COMMANDS = {
  /** Arguments: [uri]; opens a diff editor between the card's base version and the card. */
  diffWithBase: 'releaseGates.diffWithBase',
  /** Arguments: [uri]; opens the card's gate report beside it. */
  openGateReport: 'releaseGates.openGateReport',
} as const;

/** True when the initialization option `clientCommands` lists a command. */
export function clientHasCommand(options: Record<string, unknown> | undefined, command: string): boolean {
  const commands = options?.['clientCommands'];
  return Array.isArray(commands) && commands.includes(command);
}

/** Server commands usable from code lenses by any LSP client (`workspace/executeCommand`). */
export const SERVER_COMMANDS = {
  /** Arguments: [uri, gate?]; runs one gate, or all when the gate is omitted. */
  runGates: 'releaseGates.server.runGates',
  /** Arguments: [uri, 'argo' | 'flagger']; writes the card's rollout beside it (workspace/applyEdit). */
  exportRollout: 'releaseGates.server.exportRollout',
  /** Arguments: [uri]; judges the live canary from the configured Prometheus and shows the verdict. */
  judgeCanary: 'releaseGates.server.judgeCanary',
} as const;

/** The answers of "New Release Card…" as far as given (absent ones are not checked yet). */
export interface CardTemplateParams {
  releaseId?: string;
  owner?: string;
  modelUri?: string;
  profile?: string;
  kind?: string;
}

/** One question of "New Release Card…" with a fixed list of answers. */
export interface CardTemplateChoice {
  label: string;
  description: string;
}

/**
 * Checks the answers with the schema's patterns; when all five are given and valid, the card's
 * text (the template `release-gates init` writes). The client stays thin: no schema, no template.
 */
export interface CardTemplateResult {
  problems: { field: keyof CardTemplateParams; message: string }[];
  /** The card's YAML, present only when every answer is given and valid. */
  text?: string;
  /** The release id to offer first. */
  defaultReleaseId: string;
  profiles: CardTemplateChoice[];
  kinds: CardTemplateChoice[];
}

/** Answers "New Release Card…": checks each answer as it is typed, then writes the card's text. */
export const CardTemplateRequest = new ProtocolRequestType<CardTemplateParams, CardTemplateResult, never, void, void>('releaseGates/cardTemplate');
