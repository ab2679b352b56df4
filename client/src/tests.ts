/**
 * The Testing API face: a "Release Gates" test controller whose Run profile sends
 * `releaseGates/runGates` for the selected gates, forwarding the run's cancellation token, and
 * maps the results to passed / failed / errored with the threshold and observed value as a diff.
 */
import * as vscode from 'vscode';
import type { CardResults, WireGate, WireGateId } from '../../server/src/protocol';
import { cardPatterns, findCards, isCard } from './cards';
import { runGates, type RunContext } from './run';
import { cardItem, gatesFromResults, gatesFromSymbols, itemMeta, reportCard, reportGate } from './test-items';
import { mayRunGates, RESTRICTED_MESSAGE } from './trust';

/** Creates the controller, keeps its items in step with cards and results, and returns it. */
export function createTestController(context: RunContext, subscriptions: vscode.Disposable[]): vscode.TestController {
  const controller = vscode.tests.createTestController('releaseGates', 'Release Gates');
  subscriptions.push(controller);
  controller.resolveHandler = async (item) => {
    if (item === undefined) for (const uri of await findCards()) cardItem(controller, uri);
    else await loadGates(controller, context, item);
  };
  controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => runTests(controller, context, request, token), true);
  subscriptions.push(
    context.results.onDidChange((results) => applyResults(controller, results)),
    context.results.onDidRun((event) => (event.phase === 'start' ? startOutsideRun(controller, event.uri, event.gates) : endOutsideRun(event.uri))),
    vscode.workspace.onDidOpenTextDocument((doc) => void refreshFromDocument(controller, doc)),
    vscode.workspace.onDidSaveTextDocument((doc) => void refreshFromDocument(controller, doc)),
    ...watchCards(controller),
  );
  for (const doc of vscode.workspace.textDocuments) void refreshFromDocument(controller, doc);
  return controller;
}

/** Cards whose run the Run profile is reporting itself; their result events are not reported twice. */
const runningHere = new Set<string>();

/** The `finishedAt` of the results last shown as test states, by card. */
const lastShown = new Map<string, string>();

/** Runs started outside the Run profile (a lens, the palette), open while they compute, by card. */
const outsideRuns = new Map<string, { run: vscode.TestRun; started: vscode.TestItem[] }>();

/** A run from a lens or the palette has started: the explorer shows its gates running, as the profile does. */
function startOutsideRun(controller: vscode.TestController, uri: string, gates: readonly WireGateId[] | undefined): void {
  if (runningHere.has(uri) || outsideRuns.has(uri)) return;
  const card = cardItem(controller, vscode.Uri.parse(uri));
  const run = controller.createTestRun(new vscode.TestRunRequest([card]), `Release Gates run of ${vscode.workspace.asRelativePath(card.uri!)}`, false);
  const started = gateItems(card, gates === undefined ? undefined : new Set(gates), []);
  started.forEach((item) => run.started(item));
  outsideRuns.set(uri, { run, started });
}

/** That run has ended: gates it did not report (cancelled, failed, deferred) are skipped, and it closes. */
function endOutsideRun(uri: string): void {
  const open = outsideRuns.get(uri);
  if (open === undefined) return;
  outsideRuns.delete(uri);
  open.started.forEach((item) => open.run.skipped(item));
  open.run.end();
}

/**
 * Puts a card's results into the tree (ranges from the results, checks as children). Results that
 * did not come from the Run profile are reported into the run a lens or the palette opened when it
 * started, else (a record read back after a restart, a run in a terminal) as a run of their own;
 * never when stale: a result for another bundle is no verdict on this one.
 */
function applyResults(controller: vscode.TestController, results: CardResults): void {
  if (results.gates.length === 0) return;
  const reported = gatesFromResults(controller, cardItem(controller, vscode.Uri.parse(results.uri)), results);
  if (runningHere.has(results.uri) || results.stale || results.finishedAt === null || lastShown.get(results.uri) === results.finishedAt) return;
  lastShown.set(results.uri, results.finishedAt);
  const card = cardItem(controller, vscode.Uri.parse(results.uri));
  const open = outsideRuns.get(results.uri);
  const run = open?.run ?? controller.createTestRun(new vscode.TestRunRequest([card]), `Release Gates results of ${vscode.workspace.asRelativePath(card.uri!)}`, false);
  for (const [item, gate] of reported) {
    reportGate(run, item, gate);
    if (open) open.started = open.started.filter((s) => s !== item);
  }
  reportCard(run, card, results, reported.map(([, gate]) => gate));
  if (!open) run.end();
}

/** The gates of a card: from its results when the server has some, else from its outline. */
async function loadGates(controller: vscode.TestController, context: RunContext, item: vscode.TestItem): Promise<void> {
  const meta = itemMeta.get(item);
  if (meta === undefined || meta.gate !== undefined) return;
  const results = context.results.get(meta.uri) ?? (await context.results.refresh(meta.uri));
  if (results !== undefined && results.gates.length > 0) return void gatesFromResults(controller, item, results);
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', meta.uri);
  gatesFromSymbols(controller, item, symbols ?? []);
}

/** Re-reads a card's gates from its outline when it is opened or saved (the keys may have moved). */
async function refreshFromDocument(controller: vscode.TestController, document: vscode.TextDocument): Promise<void> {
  if (!isCard(document)) return;
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
  gatesFromSymbols(controller, cardItem(controller, document.uri), symbols ?? []);
}

/** Adds and removes card items as card files come and go. */
function watchCards(controller: vscode.TestController): vscode.Disposable[] {
  return cardPatterns().map((pattern) => {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    watcher.onDidCreate((uri) => cardItem(controller, uri));
    watcher.onDidDelete((uri) => controller.items.delete(uri.toString()));
    return watcher;
  });
}

/** Which gates of which card a request asks for (undefined: all gates of that card). */
function targets(controller: vscode.TestController, request: vscode.TestRunRequest): Map<string, Set<WireGateId> | undefined> {
  const out = new Map<string, Set<WireGateId> | undefined>();
  const items: vscode.TestItem[] = [];
  if (request.include === undefined) controller.items.forEach((item) => items.push(item));
  else items.push(...request.include);
  for (const item of items) {
    const meta = itemMeta.get(item);
    if (meta === undefined) continue;
    const key = meta.uri.toString();
    if (meta.gate === undefined) out.set(key, undefined);
    else if (!out.has(key) || out.get(key) !== undefined) out.set(key, new Set([...(out.get(key) ?? []), meta.gate]));
  }
  return out;
}

/** The gate items a run of `gates` covers, for started/skipped states. */
function gateItems(card: vscode.TestItem, gates: Set<WireGateId> | undefined, exclude: readonly vscode.TestItem[]): vscode.TestItem[] {
  const out: vscode.TestItem[] = [];
  card.children.forEach((child) => {
    const gate = itemMeta.get(child)?.gate;
    if (gate !== undefined && (gates === undefined || gates.has(gate)) && !exclude.includes(child)) out.push(child);
  });
  return out;
}

/** The Run profile's handler: one request per card, in sequence, cancelled with the run. */
async function runTests(controller: vscode.TestController, context: RunContext, request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
  const run = controller.createTestRun(request);
  try {
    for (const [key, gates] of targets(controller, request)) {
      if (token.isCancellationRequested) break;
      const card = cardItem(controller, vscode.Uri.parse(key));
      if (card.canResolveChildren) await loadGates(controller, context, card);
      const exclude = request.exclude ?? [];
      const items = gateItems(card, gates, exclude);
      if (!mayRunGates()) {
        run.appendOutput(`${RESTRICTED_MESSAGE}\r\n`);
        items.forEach((item) => run.skipped(item));
        continue;
      }
      // Excluded gates are left out of the request, so "run all but one" runs only the rest.
      const wanted = gates === undefined && exclude.length === 0 ? undefined : items.map((item) => itemMeta.get(item)!.gate!);
      items.forEach((item) => run.started(item));
      await runCard(controller, context, run, card, wanted, token);
    }
  } finally {
    run.end();
  }
}

/** Runs one card's gates and reports them; a refused or failed request errors its gates. */
async function runCard(
  controller: vscode.TestController,
  context: RunContext,
  run: vscode.TestRun,
  card: vscode.TestItem,
  gates: WireGateId[] | undefined,
  token: vscode.CancellationToken,
): Promise<void> {
  const started = gateItems(card, gates === undefined ? undefined : new Set(gates), []);
  runningHere.add(card.id);
  try {
    const results = await runGates(context, card.uri!, gates, token, (p) => {
      if (p.message !== undefined) run.appendOutput(`${p.message}\r\n`);
    });
    if (results.finishedAt !== null) lastShown.set(card.id, results.finishedAt);
    const reported = new Set<vscode.TestItem>();
    const wires: WireGate[] = [];
    for (const [item, gate] of gatesFromResults(controller, card, results)) {
      if (gates !== undefined && !gates.includes(gate.gate)) continue;
      reportGate(run, item, gate);
      reported.add(item);
      wires.push(gate);
    }
    // A run of some gates says nothing about the card as a whole.
    if (gates === undefined) reportCard(run, card, results, wires);
    // Gates the server did not run (deferred, or not in the card any more) are skipped, not passed.
    started.filter((item) => !reported.has(item)).forEach((item) => run.skipped(item));
  } catch (error) {
    if (token.isCancellationRequested) return void started.forEach((item) => run.skipped(item));
    const message = new vscode.TestMessage(`The run failed: ${error instanceof Error ? error.message : String(error)}`);
    started.forEach((item) => run.errored(item, message));
  } finally {
    runningHere.delete(card.id);
  }
}
