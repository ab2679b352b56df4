/**
 * The palette commands. Each finds its card (argument, active editor, or a pick), then forwards
 * to the server or to the small client-side views; none computes anything itself.
 */
import * as vscode from 'vscode';
import type { CardResults, WireGateId } from '../../server/src/protocol';
import { type BaseCardProvider, diffWithBase } from './base-view';
import { findCards, GATE_IDS, targetCard } from './cards';
import { runWithProgress, type RunContext } from './run';
import type { GateReportViews } from './gate-report-view';
import { showReadiness, type ReadinessProvider } from './readiness-view';
import { SHOW_DOC_COMMAND } from './doc-links';
import { showDoc } from './doc-view';
import { newCard, type NewCardAnswers } from './scaffold';
import { mayRunGates } from './trust';

/** What the commands need from the extension. */
export interface CommandContext extends RunContext {
  log: vscode.LogOutputChannel;
  readiness: ReadinessProvider;
  bases: BaseCardProvider;
  /** The extension's folder, where its documentation pages are. */
  extensionUri: vscode.Uri;
  reports: GateReportViews;
}

/** The gates written in a card, from the server's outline (all seven when it has none yet). */
async function gatesOf(uri: vscode.Uri): Promise<WireGateId[]> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
  const names = new Set((symbols ?? []).find((s) => s.name === 'gates')?.children.map((c) => c.name) ?? []);
  const inCard = GATE_IDS.filter((gate) => names.has(gate));
  return inCard.length > 0 ? inCard : [...GATE_IDS];
}

/** Runs all gates of a card; resolves with the results, or undefined when nothing ran. */
async function runAll(context: CommandContext, arg: unknown): Promise<CardResults | undefined> {
  const uri = await targetCard(arg);
  if (uri === undefined || !mayRunGates()) return undefined;
  return runWithProgress(context, uri, undefined, context.log);
}

/** Runs one gate, picked when not given. */
async function runOne(context: CommandContext, arg: unknown, gateArg: unknown): Promise<CardResults | undefined> {
  const uri = await targetCard(arg);
  if (uri === undefined || !mayRunGates()) return undefined;
  const given = typeof gateArg === 'string' && (GATE_IDS as readonly string[]).includes(gateArg) ? (gateArg as WireGateId) : undefined;
  const gate = given ?? (await vscode.window.showQuickPick(await gatesOf(uri), { placeHolder: 'Which gate?' }));
  if (gate === undefined) return undefined;
  return runWithProgress(context, uri, [gate as WireGateId], context.log);
}

/** Opens a card's run record, or says that there is none yet. */
async function openRunRecord(context: CommandContext, arg: unknown): Promise<vscode.Uri | undefined> {
  const uri = await targetCard(arg);
  if (uri === undefined) return undefined;
  const results = (await context.results.refresh(uri)) ?? context.results.get(uri);
  const record = results?.recordPath;
  if (record === null || record === undefined) {
    void vscode.window.showInformationMessage(`Release Gates: ${vscode.workspace.asRelativePath(uri)} has no run record yet. Run its gates to write one.`);
    return undefined;
  }
  const file = /^[a-z][a-z0-9+.-]+:\/\//i.test(record)
    ? vscode.Uri.parse(record)
    : record.startsWith('/') || /^[A-Za-z]:[\\/]/.test(record)
      ? vscode.Uri.file(record)
      : vscode.Uri.joinPath(uri, '..', record);
  await vscode.window.showTextDocument(file, { preview: true });
  return file;
}

/** The walkthrough's first step: the workspace's example card, else any card, else a new one. */
async function openExample(context: CommandContext): Promise<vscode.Uri | undefined> {
  const cards = await findCards();
  const card = cards.find((uri) => /\/release-card\.ya?ml$/.test(uri.path)) ?? cards[0];
  if (card === undefined) return newCard(context.client);
  await vscode.window.showTextDocument(card);
  return card;
}

/** Registers every command; their ids are the manifest's `contributes.commands`. */
export function registerCommands(context: CommandContext): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, run);
  return [
    register('releaseGates.runAllGates', (uri) => runAll(context, uri)),
    register('releaseGates.runGate', (uri, gate) => runOne(context, uri, gate)),
    register('releaseGates.newCard', (answers) => newCard(context.client, answers as NewCardAnswers | undefined)),
    register('releaseGates.showReadiness', async (arg) => {
      const uri = await targetCard(arg);
      return uri === undefined ? undefined : showReadiness(context.readiness, uri);
    }),
    register('releaseGates.openRunRecord', (uri) => openRunRecord(context, uri)),
    register('releaseGates.openExample', () => openExample(context)),
    register('releaseGates.diffWithBase', async (arg) => {
      const uri = await targetCard(arg);
      return uri === undefined ? undefined : diffWithBase(context.bases, uri);
    }),
    register('releaseGates.openGateReport', async (arg) => {
      const uri = await targetCard(arg);
      return uri === undefined ? undefined : context.reports.open(uri);
    }),
    // Opened from diagnostics' code links (rule pages); not in the palette.
    register(SHOW_DOC_COMMAND, (page) => showDoc(context.extensionUri, page)),
  ];
}
