/**
 * The status bar item: the active card's overall verdict, from the results the server reports.
 * Clicking it runs all gates of that card.
 */
import * as vscode from 'vscode';
import type { CardResults } from '../../server/src/protocol';
import { activeCard } from './cards';
import type { ResultsStore } from './results';

/** The icon and word of each verdict state (the status bar is narrow; the tooltip says why). */
const SHOWN: Readonly<Record<CardResults['verdict']['state'], string>> = {
  pass: '$(pass) Release gates: pass', blocked: '$(error) Release gates: blocked', stale: '$(warning) Release gates: stale', none: '$(circle-slash) Release gates: not run',
};

/**
 * The status bar text and tooltip for a card's results. The verdict is the server's (the card's
 * schema and rule findings with its last gate results, composed as `release-gates run` does), so
 * the status bar never says pass while the CLI would block; the client only displays it.
 */
export function verdictText(results: CardResults | undefined): { text: string; tooltip: string } {
  if (results === undefined) return { text: SHOWN.none, tooltip: 'No gate has run for this card. Click to run all gates.' };
  const { state, detail } = results.verdict;
  const when = results.finishedAt === null ? '' : ` Last run ${new Date(results.finishedAt).toLocaleString()}.`;
  return { text: SHOWN[state], tooltip: `${detail}${when} Click to run all gates${state === 'none' ? '' : ' again'}.` };
}

/**
 * The card the status bar speaks for: the active editor's card, else the last active card while
 * it is still visible. Focus on a panel (Problems, Output, the Test Results, the gate report) or on
 * an editor beside the card leaves the card on screen, so its verdict stays in the status bar.
 */
export class StatusCard {
  private last: vscode.Uri | undefined;

  /** The card to show now, or undefined when no card is on screen. */
  current(): vscode.Uri | undefined {
    const active = activeCard();
    if (active !== undefined) {
      this.last = active;
      return active;
    }
    const last = this.last;
    if (last === undefined) return undefined;
    const visible = vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === last.toString());
    return visible ? last : undefined;
  }
}

/** Creates the item and keeps it on the verdict of the card on screen; hidden when there is none. */
export function createStatusItem(results: ResultsStore, subscriptions: vscode.Disposable[]): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('releaseGates.verdict', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Release Gates verdict';
  const cards = new StatusCard();
  let shown: vscode.Uri | undefined;
  const show = (): void => {
    const uri = (shown = cards.current());
    if (uri === undefined) return item.hide();
    const { text, tooltip } = verdictText(results.get(uri));
    item.text = text;
    item.tooltip = tooltip;
    item.command = { title: 'Run all gates', command: 'releaseGates.runAllGates', arguments: [uri] };
    item.show();
  };
  const onEditor = (): void => {
    show();
    // The first time a card is seen, its record may already hold results: ask the server once.
    if (shown !== undefined && results.get(shown) === undefined) void results.refresh(shown);
  };
  subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(onEditor),
    vscode.window.onDidChangeVisibleTextEditors(() => show()),
    results.onDidChange((changed) => {
      if (changed.uri === shown?.toString()) show();
    }),
  );
  onEditor();
  return item;
}
