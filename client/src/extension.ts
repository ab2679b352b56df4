/**
 * The VS Code client: a thin shell that starts the bundled language server and tells it which
 * files are cards. Everything the user sees comes from the server over LSP.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The document selector: YAML files named as cards, plus the user's globs. */
function selector(): LanguageClientOptions['documentSelector'] {
  const extra = vscode.workspace.getConfiguration('releaseGates').get<string[]>('cardGlobs', []);
  const patterns = ['**/release-card.{yaml,yml}', '**/*.release.{yaml,yml}', ...extra];
  // The project configuration is validated too, so a misspelt rule id is caught where it is typed.
  return [...patterns, '**/.release-gates.{yaml,yml}'].map((pattern) => ({ scheme: 'file', language: 'yaml', pattern }));
}

/** Starts the language server when a card is opened or found in the workspace. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('Release Gates', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(),
    outputChannel: output,
    synchronize: { configurationSection: 'releaseGates' },
    initializationOptions: { releaseGates: vscode.workspace.getConfiguration('releaseGates') },
  };
  client = new LanguageClient('releaseGates', 'Release Gates', serverOptions, clientOptions);
  context.subscriptions.push(output);
  await client.start();
}

/** Stops the server with the extension. */
export async function deactivate(): Promise<void> {
  await client?.stop();
}
