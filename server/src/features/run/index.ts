/**
 * The LSP face of running gates: the run, results and readiness requests, the run command for
 * lenses, code lenses, inlay hints, run diagnostics and the threshold hover. Kept beside server.ts
 * (which only calls in here) so that running gates is wired in one place and server.ts stays small.
 */
import {
  DidChangeWatchedFilesNotification, LSPErrorCodes, ResponseError, type CancellationToken, type CodeLens, type Connection, type Diagnostic,
  type InitializeParams, type InlayHint, type Range, type ServerCapabilities, type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Card } from '../../card/model';
import { parseCard } from '../../card/parse';
import { GATE_IDS, type GateId } from '../../gates/engine/types';
import { CardResultsRequest, CLIENT_COMMANDS, clientHasCommand, GateReportRequest, ReadinessRequest, ResultsChangedNotification, RunGatesRequest, SERVER_COMMANDS, type CardResults } from '../../protocol';
import type { RunRecord } from '../../records';
import { uriPath } from '../documents';
import { guardRequests, makeGuard } from '../guard';
import type { HoverSection } from '../hover';
import { cardInlayHints } from '../inlay-hints';
import { cardLenses } from '../lenses';
import { judgeUrl, rolloutCommand, ROLLOUT_COMMANDS } from '../rollout';
import { ResultsStore, toCardResults } from './results-store';
import { runDiagnostics } from './diagnostics';
import { refusalMessage } from './format';
import { lastRunHover } from './hover';
import { RunManager, type RunHandle } from './manager';
import { startRunProgress } from './progress';
import { cardOf, modelOf } from '../symbols/cache';
import { readPrometheusUrl, readTrusted, RESTRICTED_MESSAGE } from './trust';
import { CardFindings, type ComputeFindings } from './card-findings';
import { cardSource, type CardSource, projectRootOf } from './source';
import type { Finding } from '../../card/findings';
import { checkText } from '../../check';
import type { SeveritySetting } from '../../config/project-config';
import { gateReportView, readinessView, type ViewHost } from './views';
import { RecordSync } from './record-sync';
import { WATCHED_FILES } from './watch';

/** What the run features need from the server. */
export interface RunHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders(): readonly string[];
  isCard(uri: string): boolean;
  /** Re-publishes a card's diagnostics (schema, rules and run results together). */
  revalidate(uri: string): void;
  /** The server's handler guard (a bug is logged with its stack and answered with a fallback). */
  guard?: ReturnType<typeof makeGuard>;
  /** What `check` finds in a card's text with the severities in effect: the card half of the verdict. */
  cardFindings?: ComputeFindings;
  /** The rule severities in effect for a card, so a run's verdict weighs what the editor shows. */
  ruleSeverities?(uri: string): Record<string, SeveritySetting>;
  /** More lenses of a card from other features (the review's), shown after the run lenses. */
  extraLenses?(uri: string): Promise<CodeLens[]>;
}

/** Running gates from the editor. */
export class RunFeatures {
  private trusted = true;
  /** Prometheus base URL from the user's settings (`releaseGates.prometheusUrl`). */
  private prometheusUrl: string | undefined;
  private canCreateProgress = false;
  private canRefreshLenses = false;
  private canRefreshHints = false;
  private canWatchFiles = false;
  private refreshQueued = false;
  private readonly store = new ResultsStore((uri) => this.changed(uri));
  private readonly active = new Map<string, RunHandle>();
  /** Runs in progress by card, with the gates they compute (all when undefined), for the lenses. */
  private readonly running = new Map<string, { gates?: GateId[] }>();
  /** The client's command that opens the gate report, when it has one (initializationOptions.clientCommands). */
  private reportCommand: string | undefined;
  private readonly sync: RecordSync;
  private readonly findings: CardFindings;
  private readonly requestGuard: ReturnType<typeof guardRequests>;

  constructor(private readonly host: RunHost, private readonly manager = new RunManager()) {
    this.findings = new CardFindings(host.cardFindings ?? ((uri, text) => checkText(uriPath(uri), text).findings));
    this.requestGuard = guardRequests({ error: (m) => host.connection.console.error(m) });
    this.sync = new RecordSync({
      documents: host.documents, store: this.store, isCard: (uri) => host.isCard(uri), trusted: () => this.trusted,
      running: (uri) => this.active.has(uri), rootOf: (file) => this.rootOf(file), log: (m) => host.connection.console.error(m),
    });
  }

  /** Reads trust and client capabilities from the initialize request. */
  initialize(params: InitializeParams): void {
    const options = params.initializationOptions as Record<string, unknown> | undefined;
    this.trusted = readTrusted(options?.['releaseGates'] ?? options, true);
    this.prometheusUrl = readPrometheusUrl(options?.['releaseGates'] ?? options, undefined, (why) => this.host.connection.console.warn(why));
    this.canCreateProgress = params.capabilities.window?.workDoneProgress === true;
    this.canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    this.canRefreshHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    this.canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.reportCommand = clientHasCommand(options, CLIENT_COMMANDS.openGateReport) ? CLIENT_COMMANDS.openGateReport : undefined;
  }

  /** After `initialized`: asks the client to report files changed outside the editor, when it can. */
  initialized(): void {
    if (this.canWatchFiles) void this.host.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILES });
  }

  /** The capabilities these features add. */
  capabilities(): Partial<ServerCapabilities> {
    return { codeLensProvider: { resolveProvider: false }, inlayHintProvider: true, executeCommandProvider: { commands: [SERVER_COMMANDS.runGates, ...ROLLOUT_COMMANDS] } };
  }

  /** Applies the `releaseGates` settings section (workspace trust may change at any time). */
  configure(section: unknown): void {
    this.prometheusUrl = readPrometheusUrl(section, this.prometheusUrl, (why) => this.host.connection.console.warn(why));
    const trusted = readTrusted(section, this.trusted);
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    if (!trusted) for (const h of this.active.values()) h.cancel();
    for (const doc of this.host.documents.all()) {
      if (trusted) void this.sync.load(doc.uri);
      this.host.revalidate(doc.uri);
    }
    this.refresh();
  }

  /** Registers the handlers on the connection and documents. */
  register(): void {
    const { connection, documents } = this.host;
    const guard = this.host.guard ?? makeGuard({ error: (m) => connection.console.error(m) });
    connection.onRequest(RunGatesRequest, this.requestGuard('runGates', (p, token) => this.run(p.uri, p.gates, token, p.workDoneToken)));
    connection.onRequest(CardResultsRequest, this.requestGuard('cardResults', (p) => this.results(p.uri)));
    connection.onRequest(ReadinessRequest, this.requestGuard('readiness', (p) => readinessView(this.views(), p.uri)));
    connection.onRequest(GateReportRequest, this.requestGuard('gateReport', (p) => gateReportView(this.views(), p.uri)));
    connection.onExecuteCommand(this.requestGuard('executeCommand', (p, token) => {
      if (ROLLOUT_COMMANDS.includes(p.command)) return rolloutCommand(connection, p.command, p.arguments ?? [], { trusted: this.trusted, prometheusUrl: this.prometheusUrl, source: (uri) => this.source(uri) });
      if (p.command !== SERVER_COMMANDS.runGates) throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown command ${p.command}`);
      const [uri, gate] = (p.arguments ?? []) as [unknown, unknown];
      if (typeof uri !== 'string') throw new ResponseError(LSPErrorCodes.RequestFailed, 'releaseGates.server.runGates needs the card URI as its first argument');
      return this.run(uri, typeof gate === 'string' ? [gate as GateId] : undefined, token, p.workDoneToken);
    }));
    connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', (p) => this.sync.filesChanged(p.changes.map((c) => c.uri)), undefined));
    connection.onCodeLens(guard('codeLens', async (p) => [...this.lenses(p.textDocument.uri), ...(await this.extraLenses(p.textDocument.uri))], []));
    connection.languages.inlayHint.on(guard('inlayHint', (p) => this.hints(p.textDocument.uri, p.range), []));
    documents.onDidOpen(guard('runs.didOpen', (e) => void this.sync.load(e.document.uri), undefined));
    documents.onDidChangeContent(guard('runs.didChange', (e) => this.sync.checkStale(e.document.uri), undefined));
    documents.onDidSave(guard('runs.didSave', (e) => this.sync.checkStale(e.document.uri), undefined));
    documents.onDidClose(guard('runs.didClose', (e) => {
      this.store.delete(e.document.uri);
      this.findings.delete(e.document.uri);
    }, undefined));
  }

  /** The run record of an open card and why it is stale, for the rules about earlier runs (none in restricted mode). */
  record(uri: string): { record: RunRecord; staleReason?: string } | undefined {
    const entry = this.trusted ? this.store.get(uri) : undefined;
    if (!entry) return undefined;
    return entry.stale ? { record: entry.record, staleReason: entry.staleReason ?? 'bundle changed' } : { record: entry.record };
  }

  /** Run diagnostics of an open card (empty in restricted mode or before any run). */
  diagnostics(doc: TextDocument): Diagnostic[] {
    const results = this.trusted ? this.store.get(doc.uri) : undefined;
    // Most YAML documents never have results; they are not parsed a second time for nothing.
    return results ? runDiagnostics(cardOf(doc), results) : [];
  }

  /** The hover part on a threshold: its last measured value and when. */
  readonly hoverSection: HoverSection = (ctx) => (this.trusted ? lastRunHover(ctx, this.store.get(ctx.card.source)) : undefined);

  /**
   * Diagnostics found these findings in a version of a card: they are the card half of its verdict,
   * so a verdict that changed with the edit alone is pushed to the client and the lenses.
   */
  checked(uri: string, version: number, findings: Finding[]): void {
    this.findings.set(uri, version, findings);
    const doc = this.host.documents.get(uri);
    if (!doc || doc.version !== version || !this.host.isCard(uri)) return;
    const results = toCardResults(uri, cardOf(doc), this.trusted ? this.store.get(uri) : undefined, findings);
    if (!this.findings.changedSince(uri, results.verdict)) return;
    void this.host.connection.sendNotification(ResultsChangedNotification, results);
    this.refresh();
  }

  /** Runs gates of a card and answers its results. */
  private async run(uri: string, gates: GateId[] | undefined, token: CancellationToken, workDoneToken?: string | number): Promise<CardResults> {
    if (!this.trusted) throw new ResponseError(LSPErrorCodes.RequestFailed, RESTRICTED_MESSAGE);
    const bad = gates?.find((g) => !(GATE_IDS as readonly string[]).includes(g));
    if (bad !== undefined) throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown gate "${bad}"; gates are ${GATE_IDS.join(', ')}`);
    const source = await this.source(uri);
    if (!source) throw new ResponseError(LSPErrorCodes.RequestFailed, `${uri} is not a release card on disk, so its gates cannot run`);
    this.active.get(uri)?.cancel();
    const progress = await startRunProgress(this.host.connection, workDoneToken, this.canCreateProgress, gates);
    const handle = this.manager.start({
      text: source.text, cardFile: source.file, root: this.rootOf(source.file), ...(gates ? { gates } : {}),
      ...(this.prometheusUrl ? { prometheusUrl: this.prometheusUrl } : {}),
      ...(this.host.ruleSeverities ? { severities: this.host.ruleSeverities(uri) } : {}),
      onGate: (g, phase, status) => progress.gate(g, phase, status), onFile: (f, read, total) => progress.file(f, read, total),
      log: (m) => this.host.connection.console.error(m),
    });
    this.active.set(uri, handle);
    this.running.set(uri, gates ? { gates } : {});
    this.refresh();
    token.onCancellationRequested(() => handle.cancel());
    progress.token?.onCancellationRequested(() => handle.cancel());
    const outcome = await handle.outcome.finally(() => progress.done());
    if (this.active.get(uri) === handle) {
      this.active.delete(uri);
      this.running.delete(uri);
      this.refresh();
    }
    if (outcome.kind === 'cancelled') throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The run was cancelled; no run record was written.');
    if (outcome.kind === 'failed') throw new ResponseError(LSPErrorCodes.RequestFailed, `The gates could not run: ${outcome.reason}`);
    if (outcome.recordError) this.host.connection.console.error(`[runGates] the run record could not be written: ${outcome.recordError}`);
    this.store.set(uri, { record: outcome.record, recordPath: outcome.recordPath, stale: false });
    // The card may have been edited while the gates ran; the results then describe an older bundle.
    await this.sync.stalenessNow(uri);
    // Like the CLI, a card that does not match the schema is refused: its record says so, and the
    // request fails with the reason, so no face shows results computed from what it does not state.
    if (outcome.record.blocked?.schema_invalid) throw new ResponseError(LSPErrorCodes.RequestFailed, refusalMessage(outcome.record));
    return toCardResults(uri, source.card, this.store.get(uri), this.findingsOf(uri, source.text));
  }

  /** What the readiness and gate report views read. */
  private views(): ViewHost {
    return {
      trusted: this.trusted, source: (uri) => this.source(uri), folders: () => this.host.folders(), findings: (uri, text) => this.findingsOf(uri, text),
      results: async (uri) => {
        if (!this.store.get(uri)) await this.sync.load(uri);
        return this.store.get(uri);
      },
    };
  }

  /** The findings of a card: the open document's latest, else its text on disk. */
  private findingsOf(uri: string, text: string): Finding[] {
    const doc = this.host.documents.get(uri);
    return doc ? this.findings.of(doc) : this.findings.ofText(uri, text);
  }

  /** The card's text (open document first, else the file), its path and parsed card. */
  private source(uri: string): Promise<CardSource | undefined> {
    return cardSource(this.host.documents, uri);
  }

  /** The project root of a card: its workspace folder, else its own folder. */
  private rootOf(file: string): string {
    return projectRootOf(this.host.folders(), file);
  }

  /** The results of a card as the client sees them. */
  private async results(uri: string): Promise<CardResults> {
    const source = await this.source(uri);
    const card = source?.card ?? new Card(uri, parseCard(''));
    return toCardResults(uri, card, this.trusted ? this.store.get(uri) : undefined, source ? this.findingsOf(uri, source.text) : []);
  }

  /** Lenses of an open card. */
  private lenses(uri: string): CodeLens[] {
    const doc = this.host.documents.get(uri);
    if (!doc || !this.host.isCard(uri)) return [];
    // Lenses and hints answer from the last model while a newer version is validated (never a parse per request in a burst).
    const running = this.running.get(uri);
    return cardLenses(modelOf(doc), {
      uri, trusted: this.trusted, results: this.store.get(uri), findings: this.findings.of(doc), canJudge: judgeUrl(this.prometheusUrl) !== undefined,
      ...(running ? { running } : {}), ...(this.reportCommand ? { reportCommand: this.reportCommand } : {}),
    });
  }

  /** Other features' lenses; a failure there costs only its own lenses, never the run lenses. */
  private async extraLenses(uri: string): Promise<CodeLens[]> {
    try {
      return (await this.host.extraLenses?.(uri)) ?? [];
    } catch (err) {
      this.host.connection.console.error(`[codeLens] internal error: ${(err as Error)?.stack ?? String(err)}`);
      return [];
    }
  }

  /** Inlay hints of an open card. */
  private hints(uri: string, range: Range): InlayHint[] {
    const doc = this.host.documents.get(uri);
    if (!doc || !this.trusted || !this.host.isCard(uri)) return [];
    return cardInlayHints(modelOf(doc), this.store.get(uri), range);
  }

  /** A card's results changed: tell the client, re-publish diagnostics, refresh lenses and hints. */
  private changed(uri: string): void {
    const doc = this.host.documents.get(uri);
    if (doc) {
      const results = toCardResults(uri, cardOf(doc), this.store.get(uri), this.findings.of(doc));
      this.findings.changedSince(uri, results.verdict);
      void this.host.connection.sendNotification(ResultsChangedNotification, results);
      this.host.revalidate(uri);
    }
    this.refresh();
  }

  /** Asks the client to re-request lenses and hints, once per turn of the event loop. */
  private refresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    setImmediate(() => {
      this.refreshQueued = false;
      if (this.canRefreshLenses) void this.host.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      if (this.canRefreshHints) void this.host.connection.languages.inlayHint.refresh().catch(() => undefined);
    });
  }
}

