/**
 * The client's copy of each card's last results, as the server reports them: from a run the
 * client asked for, from `releaseGates/cardResults`, or pushed with `releaseGates/resultsChanged`.
 * The Test Explorer and the status bar both draw from here, so they never disagree.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CardResultsRequest, ResultsChangedNotification, type CardResults, type WireGateId } from '../../server/src/protocol';

/** Results by card URI, with an event on every change. */
export class ResultsStore implements vscode.Disposable {
  private readonly byUri = new Map<string, CardResults>();
  private readonly changed = new vscode.EventEmitter<CardResults>();
  private readonly subscription: vscode.Disposable;

  private readonly runs = new vscode.EventEmitter<RunEvent>();

  /** Fires with a card's new results. */
  readonly onDidChange = this.changed.event;

  /** Fires when a run of a card starts and when it ends (after its results, if any, were recorded). */
  readonly onDidRun = this.runs.event;

  /** Says that a run of `uri` (of `gates`, or all) has started. */
  runStarted(uri: string, gates: readonly WireGateId[] | undefined): void {
    this.runs.fire({ uri, phase: 'start', ...(gates === undefined ? {} : { gates }) });
  }

  /** Says that a run of `uri` has ended, with results or not. */
  runEnded(uri: string): void {
    this.runs.fire({ uri, phase: 'end' });
  }

  constructor(private readonly client: LanguageClient, private readonly log: vscode.LogOutputChannel) {
    this.subscription = client.onNotification(ResultsChangedNotification, (results) => this.update(results));
  }

  /** The last known results of a card, if the client has seen any. */
  get(uri: vscode.Uri): CardResults | undefined {
    return this.byUri.get(uri.toString());
  }

  /** Records new results and tells the listeners. */
  update(results: CardResults): void {
    this.byUri.set(results.uri, results);
    this.changed.fire(results);
  }

  /** Asks the server for a card's results (from its run record); undefined when it cannot say. */
  async refresh(uri: vscode.Uri): Promise<CardResults | undefined> {
    try {
      const results = await this.client.sendRequest(CardResultsRequest, { uri: uri.toString() });
      this.update(results);
      return results;
    } catch (error) {
      // An older server, or a file that is no card: the features show "not run" rather than fail.
      this.log.debug(`cardResults for ${uri.toString()}: ${String(error)}`);
      return undefined;
    }
  }

  /** Stops listening. */
  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.runs.dispose();
  }
}

/** A run of a card starting or ending. */
export interface RunEvent {
  uri: string;
  phase: 'start' | 'end';
  gates?: readonly WireGateId[];
}
