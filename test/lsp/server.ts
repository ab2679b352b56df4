/** Starts the bundled language server for a test, in a temporary workspace folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './harness';

/** The bundled server, as users and editors run it. */
export const SERVER = resolve(__dirname, '../../dist/server.js');

/** A server over stdio with an initialized session in a fresh temp workspace. */
export interface Session {
  client: LspClient;
  root: string;
  uri(name: string): string;
  /** Opens a document and resolves with its first published diagnostics. */
  open(name: string, text: string, version?: number): Promise<Diagnostics>;
  close(): Promise<void>;
}

/** Published diagnostics of one document. */
export interface Diagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; code?: string; codeDescription?: { href: string }; severity?: number; message: string; source?: string; data?: unknown }[];
}

/** Starts a session; `options` are the initialization options (the `releaseGates` settings). */
export async function startSession(options: unknown = {}): Promise<Session> {
  const root = mkdtempSync(join(tmpdir(), 'rg-lsp-'));
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], root);
  await client.initialize(pathToFileURL(root).href, options);
  const uri = (name: string): string => pathToFileURL(join(root, name)).href;
  return {
    client,
    root,
    uri,
    open(name, text, version = 1) {
      const u = uri(name);
      const published = client.waitFor<Diagnostics>('textDocument/publishDiagnostics', (p) => p.uri === u);
      client.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'yaml', version, text } });
      return published;
    },
    async close() {
      await client.shutdown();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
