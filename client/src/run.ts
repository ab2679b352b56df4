/**
 * Running gates: one typed request to the server with the caller's cancellation token and a
 * work-done progress token, whose reports are passed on to the caller. The server does the work.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { RunGatesRequest, type CardResults, type WireGateId } from '../../server/src/protocol';
import type { ResultsStore } from './results';

/** A progress report from the server: a message and, when known, the percentage done. */
export interface RunProgress {
  message?: string;
  percentage?: number;
}

/** What a run needs from the extension. */
export interface RunContext {
  client: LanguageClient;
  results: ResultsStore;
}

/**
 * Runs gates of a card (all of them when `gates` is omitted) and records the results. Rejects
 * when the server refuses (not a card, Restricted Mode) or the run is cancelled.
 */
export async function runGates(
  context: RunContext,
  uri: vscode.Uri,
  gates: WireGateId[] | undefined,
  token: vscode.CancellationToken,
  onProgress?: (progress: RunProgress) => void,
): Promise<CardResults> {
  const workDoneToken = `release-gates-run-${randomUUID()}`;
  const listening = context.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (value.kind === 'end') return;
    const progress: RunProgress = {};
    if (value.message !== undefined) progress.message = value.message;
    if (value.percentage !== undefined) progress.percentage = value.percentage;
    onProgress?.(progress);
  });
  // The Test Explorer shows a run from a lens or the palette as it happens, with its real duration.
  context.results.runStarted(uri.toString(), gates);
  try {
    const params = { uri: uri.toString(), workDoneToken, ...(gates === undefined ? {} : { gates }) };
    const results = await context.client.sendRequest(RunGatesRequest, params, token);
    context.results.update(results);
    return results;
  } finally {
    listening.dispose();
    context.results.runEnded(uri.toString());
  }
}

/**
 * Runs gates with a cancellable notification, as commands and the status bar do. Returns the
 * results, or undefined when the run was cancelled or failed (the failure is shown to the user).
 */
export function runWithProgress(context: RunContext, uri: vscode.Uri, gates: WireGateId[] | undefined, log: vscode.LogOutputChannel): Promise<CardResults | undefined> {
  const what = gates === undefined ? 'all gates' : `the ${gates.join(', ')} gate${gates.length > 1 ? 's' : ''}`;
  const title = `Release Gates: running ${what} of ${vscode.workspace.asRelativePath(uri)}`;
  return Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      let done = 0;
      try {
        return await runGates(context, uri, gates, token, (report) => {
          // VS Code takes increments; the server reports totals.
          const increment = report.percentage === undefined ? undefined : Math.max(0, report.percentage - done);
          if (report.percentage !== undefined) done = report.percentage;
          progress.report({ ...(report.message === undefined ? {} : { message: report.message }), ...(increment === undefined ? {} : { increment }) });
        });
      } catch (error) {
        if (token.isCancellationRequested) return undefined;
        log.error(`run of ${uri.toString()} failed: ${String(error)}`);
        void vscode.window.showErrorMessage(`Release Gates: the run failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
  ));
}
