/**
 * The status bar item: the active card's overall verdict, from the results the server reports.
 * Clicking it runs all gates of that card.
 */
import * as vscode from 'vscode';
import type { CardResults } from '../../server/src/protocol';
import { activeCard } from './cards';
import type { ResultsStore } from './results';

/** The status bar text and tooltip for a card's results (none: never run). */
export function verdictText(results: CardResults | undefined): { text: string; tooltip: string } {
  if (results === undefined || results.status === 'none') return { text: '$(circle-slash) Release gates: not run', tooltip: 'No gate has run for this card. Click to run all gates.' };
  const when = results.finishedAt === null ? '' : ` at ${new Date(results.finishedAt).toLocaleString()}`;
  // Stale wins over the verdict: a result for another bundle says nothing about this one.
  if (results.stale) return { text: '$(warning) Release gates: stale', tooltip: `The bundle changed since the last run${when}. Click to run all gates again.` };
  if (results.status === 'pass') return { text: '$(pass) Release gates: pass', tooltip: `Every required gate passed${when}. Click to run again.` };
  const blocking = results.gates.filter((g) => g.status !== 'pass').map((g) => `${g.gate} (${g.status})`);
  return { text: '$(error) Release gates: blocked', tooltip: `Blocked by ${blocking.join(', ') || results.status}${when}. Click to run all gates again.` };
}

/** Creates the item and keeps it on the active card's verdict; hidden when no card is active. */
export function createStatusItem(results: ResultsStore, subscriptions: vscode.Disposable[]): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('releaseGates.verdict', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Release Gates verdict';
  const show = (): void => {
    const uri = activeCard();
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
    const uri = activeCard();
    if (uri !== undefined && results.get(uri) === undefined) void results.refresh(uri);
  };
  subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(onEditor),
    results.onDidChange((changed) => {
      if (changed.uri === activeCard()?.toString()) show();
    }),
  );
  onEditor();
  return item;
}
