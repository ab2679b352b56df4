/**
 * A language server session over an example card copied with its evidence into a temp workspace,
 * for the run, lens, inlay and readiness tests. The client can declare capabilities (progress,
 * refresh) and the workspace can outlive the server, so a restart reads the same run record.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './harness';
import { SERVER, type Diagnostics } from './server';

/** The repository's examples folder. */
export const EXAMPLES = resolve(__dirname, '../../examples');

/** A session on one example card. */
export interface RunSession {
  client: LspClient;
  root: string;
  /** The card's URI and its text as copied. */
  uri: string;
  text: string;
  /** Opens the card and resolves with its first published diagnostics. */
  open(): Promise<Diagnostics>;
  /** Sends a full-text change and resolves with the diagnostics of that version. */
  change(text: string, version: number): Promise<Diagnostics>;
  /** Stops the server; removes the workspace unless `keep`. */
  close(keep?: boolean): Promise<void>;
}

/** Options of a session. */
export interface RunSessionOptions {
  example?: 'churn' | 'churn-blocked';
  /** Reuse a workspace from an earlier session (the example is already there). */
  root?: string;
  initializationOptions?: unknown;
  capabilities?: unknown;
}

/** Copies the example into a (new) workspace and starts an initialized server there. */
export async function startRunSession(o: RunSessionOptions = {}): Promise<RunSession> {
  const root = o.root ?? mkdtempSync(join(tmpdir(), 'rg-run-'));
  if (!o.root) cpSync(join(EXAMPLES, o.example ?? 'churn'), join(root, 'card'), { recursive: true });
  const file = join(root, 'card', 'release-card.yaml');
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], root);
  await client.initialize(pathToFileURL(root).href, o.initializationOptions ?? {}, o.capabilities ?? {});
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const diagnosticsOf = (version: number): Promise<Diagnostics> =>
    client.waitFor<Diagnostics>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version);
  return {
    client, root, uri, text,
    open() {
      const published = diagnosticsOf(1);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      return published;
    },
    change(newText, version) {
      const published = diagnosticsOf(version);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: newText }] });
      return published;
    },
    async close(keep = false) {
      await client.shutdown();
      if (!keep) rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The 0-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" not in the card`);
  return line;
}
