/**
 * The language server: LSP wiring only. Every handler is guarded so that a bug in one feature is
 * logged with its stack and the server answers on; the features themselves live in `features/`.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { quickFixes } from './features/code-actions';
import { cardCompletion, retriggerCommandOf } from './features/completion/request';
import { Diagnoser, isConfigPath } from './features/diagnose';
import { DiagnosticsScheduler, type ValidationSteps } from './features/diagnostics';
import { isCardUri, uriPath } from './features/documents';
import { makeGuard } from './features/guard';
import { cardHover } from './features/hover/request';
import { ReviewFeatures } from './features/review';
import { cardTemplateAnswer } from './features/new-card';
import { RunFeatures } from './features/run';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './features/settings';
import { rememberParsed, setValidatingCheck } from './features/symbols/cache';
import { cardOutline } from './features/symbols/request';
import type { Finding } from './card/findings';
import { CardTemplateRequest } from './protocol';
import { settingsLine, startLine, validationLine, warningLine } from './features/server-log';
import { readTrusted } from './features/run/trust';
import { TOOL } from './version';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: ServerSettings = DEFAULT_SETTINGS;
let folders: string[] = [];
let canPullConfiguration = false;
let retriggerCommand: string | undefined;
/** Workspace trust as the client reported it, for the log's start line. */
let trusted = true;

const guard = makeGuard({ error: (m) => connection.console.error(m) });

// Runtime warnings (a library's process.emitWarning) are not errors of the server: Node prints
// them to stderr, which the client showed as error messages. They go to the log as plain lines.
process.removeAllListeners('warning');
process.on('warning', (w) => connection.console.log(warningLine(w)));

const diagnoser = new Diagnoser();

/**
 * Diagnostics for one document in steps, with the settings and folders in effect now. The parsed
 * card becomes the document's model, so hover and the outline need no parse of their own; a
 * card's findings also feed its verdict.
 */
function* diagnose(doc: TextDocument): Generator<void, Diagnostic[], void> {
  const version = doc.version;
  const run = runs.record(doc.uri);
  const checked = yield* diagnoser.steps({
    uri: doc.uri, text: doc.getText(), folders, settings, ...(run ? { run } : {}),
    onParsed: (parsed) => rememberParsed(doc.uri, version, parsed),
  });
  if (checked.findings) runs.checked(doc.uri, version, checked.findings);
  yield;
  return [...checked.diagnostics, ...runs.diagnostics(doc)];
}

const scheduler = new DiagnosticsScheduler({
  current: (uri) => documents.get(uri),
  validate: (doc): ValidationSteps => diagnose(doc),
  publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
  onError: (uri, err) => connection.console.error(`[diagnostics] internal error on ${uri}: ${(err as Error)?.stack ?? String(err)}`),
  onPublished: (report) => connection.console.log(validationLine(report)),
});
setValidatingCheck((uri) => scheduler.busy(uri));

// Review against the base version (lenses on changed thresholds, the base text for a diff) lives in features/review/.
const reviews = new ReviewFeatures({ connection, documents, folders: () => folders, isCard: (uri) => isCardUri(uri, folders, settings.cardGlobs), editorSeverities: () => settings.rules });

// Running gates (worker thread, lenses, inlay hints, run diagnostics, trust) lives in features/run/.
const runs: RunFeatures = new RunFeatures({
  connection, documents, guard, folders: () => folders,
  isCard: (uri) => isCardUri(uri, folders, settings.cardGlobs), revalidate: (uri) => scheduler.schedule(uri),
  cardFindings: (uri, text): Finding[] => {
    const run = runs.record(uri);
    return diagnoser.check({ uri, text, folders, settings, ...(run ? { run } : {}) }).findings ?? [];
  },
  ruleSeverities: (uri) => diagnoser.severities(uri, folders, settings),
  extraLenses: (uri) => reviews.lenses(uri),
});

connection.onInitialize(guard('initialize', (params: InitializeParams): InitializeResult => {
  const options = params.initializationOptions as Record<string, unknown> | undefined;
  settings = readSettings(options?.['releaseGates'] ?? options);
  folders = (params.workspaceFolders ?? []).map((f) => uriPath(f.uri));
  if (folders.length === 0 && params.rootUri) folders = [uriPath(params.rootUri)];
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  retriggerCommand = retriggerCommandOf(params.initializationOptions);
  trusted = readTrusted(options?.['releaseGates'] ?? options, true);
  runs.initialize(params);
  reviews.initialize(params);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      completionProvider: { triggerCharacters: [':', ' ', '/', '[', ',', '{'] },
      hoverProvider: true,
      documentSymbolProvider: true,
      ...runs.capabilities(),
    },
    serverInfo: { name: TOOL.name, version: TOOL.version },
  };
}, { capabilities: {} }));

connection.onInitialized(guard('initialized', () => {
  connection.console.log(startLine({ trusted, folders, settings }));
  runs.initialized();
  if (!canPullConfiguration) return;
  void connection.client.register(DidChangeConfigurationNotification.type, { section: 'releaseGates' });
  void refreshSettings();
}, undefined));

/** Pulls the `releaseGates` settings section and applies it. */
async function refreshSettings(): Promise<void> {
  try {
    const section: unknown = await connection.workspace.getConfiguration('releaseGates');
    reviews.configure(section);
    applySettings(section);
  } catch (err) {
    connection.console.error(`[configuration] ${(err as Error).stack ?? String(err)}`);
  }
}

/**
 * Applies a `releaseGates` settings section. Open documents are revalidated only when a setting
 * they depend on changed (the run features revalidate on a change of trust themselves): a
 * needless revalidation of every open card on each pull was work, and a late duplicate publish.
 */
function applySettings(section: unknown): void {
  const before = JSON.stringify([settings, trusted]);
  settings = readSettings(section, settings);
  trusted = readTrusted(section, trusted);
  runs.configure(section);
  if (JSON.stringify([settings, trusted]) === before) return;
  connection.console.log(settingsLine({ trusted, folders, settings }));
  for (const doc of documents.all()) scheduler.schedule(doc.uri);
}

connection.onDidChangeConfiguration(guard('didChangeConfiguration', (change) => {
  if (canPullConfiguration) void refreshSettings();
  else {
    const section = (change.settings as Record<string, unknown> | undefined)?.['releaseGates'];
    reviews.configure(section);
    applySettings(section);
  }
}, undefined));

documents.onDidOpen(guard('didOpen', (e) => scheduler.schedule(e.document.uri), undefined));
documents.onDidChangeContent(guard('didChange', (e) => scheduler.schedule(e.document.uri), undefined));
// A saved project configuration changes severities for every open card.
documents.onDidSave(guard('didSave', (e) => {
  if (isConfigPath(uriPath(e.document.uri))) for (const doc of documents.all()) scheduler.schedule(doc.uri);
}, undefined));
documents.onDidClose(guard('didClose', (e) => scheduler.forget(e.document.uri), undefined));
connection.onCodeAction(guard('codeAction', quickFixes, []));
connection.onCompletion(guard('completion', (p) => cardCompletion(documents.get(p.textDocument.uri), p, isCardUri(p.textDocument.uri, folders, settings.cardGlobs), retriggerCommand), null));
connection.onHover(guard('hover', (p) => cardHover(documents.get(p.textDocument.uri), p.position, isCardUri(p.textDocument.uri, folders, settings.cardGlobs), [runs.hoverSection]), null));
connection.onRequest(CardTemplateRequest, guard('cardTemplate', (p) => cardTemplateAnswer(p), { problems: [], defaultReleaseId: '', profiles: [], kinds: [] }));
connection.onDocumentSymbol(guard('documentSymbol', (p) => cardOutline(documents.get(p.textDocument.uri), isCardUri(p.textDocument.uri, folders, settings.cardGlobs)), []));

process.on('uncaughtException', (err) => connection.console.error(`[uncaught] ${err.stack ?? String(err)}`));
process.on('unhandledRejection', (err) => connection.console.error(`[unhandled rejection] ${(err as Error)?.stack ?? String(err)}`));

runs.register();
reviews.register();
documents.listen(connection);
connection.listen();
