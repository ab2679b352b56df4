/** The language client: the bundled server over IPC, the card selector and the trust middleware. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS } from '../../server/src/protocol';
import { cardPatterns } from './cards';
import { docLinkMiddleware } from './doc-view';
import { lensRunMiddleware } from './lens-runs';
import { settingsSection, trustMiddleware } from './trust';

/** The document selector: cards, plus the project configuration, which is validated where it is typed. */
function selector(): LanguageClientOptions['documentSelector'] {
  return [...cardPatterns(), '**/.release-gates.{yaml,yml}'].map((pattern) => ({ scheme: 'file', language: 'yaml', pattern }));
}

/** Creates (without starting) the client for the server bundled at `dist/server.js`. */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(),
    outputChannel: output,
    synchronize: { configurationSection: 'releaseGates' },
    // `trusted` rides with the settings, so a server that only reads initialization options knows it too.
    // Choosing a path key re-opens completion with the card's files.
    initializationOptions: {
      releaseGates: settingsSection(), clientCommands: [CLIENT_COMMANDS.diffWithBase, CLIENT_COMMANDS.openGateReport],
      completion: { retriggerCommand: 'editor.action.triggerSuggest' },
    },
    middleware: { ...trustMiddleware, ...lensRunMiddleware, handleDiagnostics: docLinkMiddleware(context.extensionUri) },
  };
  return new LanguageClient('releaseGates', 'Release Gates', serverOptions, clientOptions);
}
