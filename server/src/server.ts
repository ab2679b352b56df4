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
import { DiagnosticsScheduler } from './features/diagnostics';
import { isCardUri, uriPath } from './features/documents';
import { makeGuard } from './features/guard';
import { cardHover } from './features/hover/request';
import { ReviewFeatures } from './features/review';
import { cardTemplateAnswer } from './features/new-card';
import { RunFeatures } from './features/run';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './features/settings';
import { cardOutline } from './features/symbols/request';
import type { Finding } from './card/findings';
import { CardTemplateRequest } from './protocol';
import { TOOL } from './version';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: ServerSettings = DEFAULT_SETTINGS;
let folders: string[] = [];
let canPullConfiguration = false;
let retriggerCommand: string | undefined;

const guard = makeGuard({ error: (m) => connection.console.error(m) });

const diagnoser = new Diagnoser();

/** Diagnostics for one document, with the settings and folders in effect now; a card's findings also feed its verdict. */
function diagnose(doc: TextDocument): Diagnostic[] {
  const checked = diagnoser.check(doc.uri, doc.getText(), folders, settings, runs.record(doc.uri));
  if (checked.findings) runs.checked(doc.uri, doc.version, checked.findings);
  return [...checked.diagnostics, ...runs.diagnostics(doc)];
}

const scheduler = new DiagnosticsScheduler(
  (uri) => documents.get(uri),
  guard('diagnostics', diagnose, []),
  (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
);

// Review against the base version (lenses on changed thresholds, the base text for a diff) lives in features/review/.
const reviews = new ReviewFeatures({ connection, documents, folders: () => folders, isCard: (uri) => isCardUri(uri, folders, settings.cardGlobs), editorSeverities: () => settings.rules });

// Running gates (worker thread, lenses, inlay hints, run diagnostics, trust) lives in features/run/.
const runs: RunFeatures = new RunFeatures({
  connection, documents, guard, folders: () => folders,
  isCard: (uri) => isCardUri(uri, folders, settings.cardGlobs), revalidate: (uri) => scheduler.schedule(uri),
  cardFindings: (uri, text): Finding[] => diagnoser.check(uri, text, folders, settings, runs.record(uri)).findings ?? [],
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
  runs.initialized();
  if (!canPullConfiguration) return;
  void connection.client.register(DidChangeConfigurationNotification.type, { section: 'releaseGates' });
  void refreshSettings();
}, undefined));

/** Pulls the `releaseGates` settings section and revalidates every open document. */
async function refreshSettings(): Promise<void> {
  try {
    const section: unknown = await connection.workspace.getConfiguration('releaseGates');
    settings = readSettings(section, settings);
    runs.configure(section);
    reviews.configure(section);
  } catch (err) {
    connection.console.error(`[configuration] ${(err as Error).stack ?? String(err)}`);
  }
  for (const doc of documents.all()) scheduler.schedule(doc.uri);
}

connection.onDidChangeConfiguration(guard('didChangeConfiguration', (change) => {
  if (canPullConfiguration) void refreshSettings();
  else {
    settings = readSettings((change.settings as Record<string, unknown> | undefined)?.['releaseGates'], settings);
    runs.configure((change.settings as Record<string, unknown> | undefined)?.['releaseGates']);
    reviews.configure((change.settings as Record<string, unknown> | undefined)?.['releaseGates']);
    for (const doc of documents.all()) scheduler.schedule(doc.uri);
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
