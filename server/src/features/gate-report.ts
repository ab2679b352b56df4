/**
 * The gate report for the editor: the card's current results drawn by the one report renderer
 * (`report/html`) in VS Code's colours, with the card's standing verdict, so the webview beside the
 * card says what the lens and the status bar say. Without results it still answers: every gate
 * "not run", and how to run them.
 */
import * as path from 'node:path';
import type { Finding } from '../card/findings';
import type { Card } from '../card/model';
import type { WireVerdict } from '../protocol';
import { renderGateReport } from '../report/html';
import { standingVerdict } from '../verdict';
import { uriPath } from './documents';
import type { StoredResults } from './run/results-store';

/** What `releaseGates/gateReport` answers. */
export interface GateReport {
  html: string;
  title: string;
  state: WireVerdict['state'];
}

/** The card's path as the reader knows it: relative to its workspace folder when it lies in one. */
function displayPath(uri: string, folders: readonly string[]): string {
  const file = uriPath(uri);
  const folder = folders.find((f) => !path.relative(f, file).startsWith('..'));
  return folder ? path.relative(folder, file).split(path.sep).join('/') : path.basename(file);
}

/** The report of a card with its stored results (undefined: never run, or restricted mode). */
export async function editorGateReport(uri: string, card: Card, entry: StoredResults | undefined, findings: readonly Finding[], folders: readonly string[]): Promise<GateReport> {
  const standing = standingVerdict({ findings, ...(entry ? { record: entry.record, stale: entry.stale, ...(entry.staleReason ? { staleReason: entry.staleReason } : {}) } : {}) });
  const releaseId = card.get(['release_id']);
  const html = await renderGateReport({
    ...(entry ? { record: entry.record } : {}), releaseId: typeof releaseId === 'string' ? releaseId : null,
    cardPath: displayPath(uri, folders), theme: 'vscode', verdict: { state: standing.state, title: standing.title, detail: standing.detail },
  });
  return { html, title: `Gate report: ${path.basename(uriPath(uri))}`, state: standing.state };
}
