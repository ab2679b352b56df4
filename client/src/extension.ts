/**
 * The VS Code client: a thin shell that starts the bundled language server and shows what it
 * reports in VS Code's own places: the Test Explorer, the status bar, commands and a walkthrough.
 * Everything it shows comes from the server over LSP; the pieces live in the files beside this one.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CardResults } from '../../server/src/protocol';
import { BASE_SCHEME, BaseCardProvider } from './base-view';
import { createClient } from './client';
import { registerCommands } from './commands';
import { GateReportViews } from './gate-report-view';
import { READINESS_SCHEME, ReadinessProvider } from './readiness-view';
import { ResultsStore } from './results';
import { createStatusItem } from './status';
import { createTestController } from './tests';
import { forwardTrustGrants } from './trust';

let client: LanguageClient | undefined;

/** What the extension exports to other extensions and to its own in-editor tests. */
export interface ReleaseGatesApi {
  /** The "Release Gates" test controller (its items are the cards, gates and checks). */
  testController: vscode.TestController;
  /** The status bar item showing the active card's verdict. */
  statusItem: vscode.StatusBarItem;
  /** The initialization options sent to the server (the `releaseGates` section with `trusted`). */
  initializationOptions: unknown;
  /** Fires when a card's results change (a run finished, a record was read, the bundle went stale). */
  onDidChangeResults: vscode.Event<CardResults>;
  /** The gate report webviews, one per card. */
  gateReports: GateReportViews;
}

/** Starts the language server and registers the client's features. */
export async function activate(context: vscode.ExtensionContext): Promise<ReleaseGatesApi> {
  const output = vscode.window.createOutputChannel('Release Gates', { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  const results = new ResultsStore(client, output);
  const readiness = new ReadinessProvider(client);
  const bases = new BaseCardProvider(client);
  const reports = new GateReportViews(client, results, output);
  context.subscriptions.push(
    results,
    reports,
    forwardTrustGrants(client),
    vscode.workspace.registerTextDocumentContentProvider(READINESS_SCHEME, readiness),
    vscode.workspace.registerTextDocumentContentProvider(BASE_SCHEME, bases),
    ...registerCommands({ client, results, log: output, readiness, bases, reports, extensionUri: context.extensionUri }),
  );
  await client.start();
  const testController = createTestController({ client, results }, context.subscriptions);
  const statusItem = createStatusItem(results, context.subscriptions);
  return { testController, statusItem, initializationOptions: client.clientOptions.initializationOptions, onDidChangeResults: results.onDidChange, gateReports: reports };
}

/** Stops the server with the extension. */
export async function deactivate(): Promise<void> {
  await client?.stop();
}
