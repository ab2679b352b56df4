/**
 * The two documents the editor asks for about a card: its readiness report and its gate report.
 * Both read the card as it is (open document or disk) with its stored results, loaded from its run
 * record first when the server has none yet, and none at all in restricted mode.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Finding } from '../../card/findings';
import { readiness, type ReadinessReport } from '../../readiness';
import { editorGateReport, type GateReport } from '../gate-report';
import type { StoredResults } from './results-store';
import type { CardSource } from './source';

/** What the views need from the run features. */
export interface ViewHost {
  trusted: boolean;
  source(uri: string): Promise<CardSource | undefined>;
  /** The stored results, after reading the card's record when there were none. */
  results(uri: string): Promise<StoredResults | undefined>;
  findings(uri: string, text: string): Finding[];
  folders(): readonly string[];
}

/** The card on disk or open, or the error the request answers. */
async function sourceOf(host: ViewHost, uri: string): Promise<CardSource> {
  const source = await host.source(uri);
  if (!source) throw new ResponseError(LSPErrorCodes.RequestFailed, `${uri} is not a release card on disk`);
  return source;
}

/** The readiness report of a card. */
export async function readinessView(host: ViewHost, uri: string): Promise<ReadinessReport> {
  const source = await sourceOf(host, uri);
  const entry = host.trusted ? await host.results(uri) : undefined;
  const recordProblem = host.trusted ? 'no run record yet' : 'restricted mode: run records are not read';
  return readiness({
    card: source.card, now: new Date(), stale: entry?.stale ?? false, findings: host.findings(uri, source.text),
    ...(entry ? { record: entry.record } : { recordProblem }), ...(entry?.staleReason ? { staleReason: entry.staleReason } : {}),
  });
}

/** The gate report of a card, in VS Code's colours. */
export async function gateReportView(host: ViewHost, uri: string): Promise<GateReport> {
  const source = await sourceOf(host, uri);
  const entry = host.trusted ? await host.results(uri) : undefined;
  return editorGateReport(uri, source.card, entry, host.findings(uri, source.text), host.folders());
}
