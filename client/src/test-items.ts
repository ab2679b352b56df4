/**
 * The Test Explorer's tree: one item per card, one child per gate, one grandchild per check after
 * a run. Ranges come from the server: the gate keys from the card's outline before any run, the
 * thresholds from the results after one. Every item has a uri and a range, so the gutter and the
 * explorer can re-run it.
 */
import * as vscode from 'vscode';
import type { CardResults, WireCheck, WireGate, WireGateId, WireRange } from '../../server/src/protocol';
import { GATE_IDS } from './cards';

/** What an item stands for: a card, one of its gates, or one check of a gate. */
export interface ItemMeta {
  uri: vscode.Uri;
  gate?: WireGateId;
  check?: string;
}

/** The meaning of each item the controller made; items of other controllers are not here. */
export const itemMeta = new WeakMap<vscode.TestItem, ItemMeta>();

/** An LSP range as a VS Code range. */
export function toRange(range: WireRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The card's item, made (and added to the root) when missing. */
export function cardItem(controller: vscode.TestController, uri: vscode.Uri): vscode.TestItem {
  const existing = controller.items.get(uri.toString());
  if (existing !== undefined) return existing;
  const item = controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
  // Gates are found only when the explorer expands the card or the card is opened, so a large
  // workspace costs nothing until then.
  item.canResolveChildren = true;
  itemMeta.set(item, { uri });
  controller.items.add(item);
  return item;
}

/** A gate's item under its card, made when missing; its range is moved to `range`. */
function gateItem(controller: vscode.TestController, card: vscode.TestItem, gate: WireGateId, range: vscode.Range): vscode.TestItem {
  const id = `${card.id}#${gate}`;
  const item = card.children.get(id) ?? controller.createTestItem(id, gate, card.uri);
  item.range = range;
  itemMeta.set(item, { uri: card.uri!, gate });
  card.children.add(item);
  return item;
}

/** True when a symbol name is one of the seven gates. */
function isGateId(name: string): name is WireGateId {
  return (GATE_IDS as readonly string[]).includes(name);
}

/** Sets a card's gate items from its outline (the `gates` symbol's children, as the server names them). */
export function gatesFromSymbols(controller: vscode.TestController, card: vscode.TestItem, symbols: readonly vscode.DocumentSymbol[]): void {
  const gates = symbols.find((s) => s.name === 'gates')?.children ?? [];
  const seen = new Set<string>();
  for (const symbol of gates) {
    if (!isGateId(symbol.name) || seen.has(symbol.name)) continue;
    seen.add(symbol.name);
    gateItem(controller, card, symbol.name, symbol.range);
  }
  // A gate deleted from the card leaves the explorer with it.
  card.children.forEach((child) => {
    const gate = itemMeta.get(child)?.gate;
    if (gate !== undefined && !seen.has(gate)) card.children.delete(child.id);
  });
  card.canResolveChildren = false;
}

/** Sets a card's gate and check items from results; returns each gate's item with its result. */
export function gatesFromResults(controller: vscode.TestController, card: vscode.TestItem, results: CardResults): [vscode.TestItem, WireGate][] {
  const out: [vscode.TestItem, WireGate][] = [];
  for (const gate of results.gates) {
    const item = gateItem(controller, card, gate.gate, toRange(gate.range));
    item.children.replace(gate.checks.map((check) => checkItem(controller, item, gate.gate, check)));
    out.push([item, gate]);
  }
  card.canResolveChildren = false;
  return out;
}

/** A check's item, named as the card names it (the id stays the item's id), on the threshold that decided it. */
function checkItem(controller: vscode.TestController, gate: vscode.TestItem, gateId: WireGateId, check: WireCheck): vscode.TestItem {
  const item = controller.createTestItem(`${gate.id}/${check.id}`, check.label ?? check.id, gate.uri);
  item.range = toRange(check.range);
  item.description = check.summary;
  itemMeta.set(item, { uri: gate.uri!, gate: gateId, check: check.id });
  return item;
}

/** A value with its unit, as the diff view shows it: the server's formatting when it sent one. */
function shown(value: WireCheck['observed'], text: string | undefined, unit: string | undefined): string {
  if (text !== undefined) return text;
  if (value === null) return 'not measured';
  return unit === undefined ? String(value) : `${String(value)} ${unit}`;
}

/** The test message of a check that did not pass: expected = threshold, actual = observed, at the threshold. */
export function checkMessage(uri: vscode.Uri, check: WireCheck): vscode.TestMessage {
  const sample = check.sampleSize === undefined ? '' : ` (n = ${check.sampleSize.toLocaleString('en-US')})`;
  const head = check.summary === undefined ? '' : `${check.label ?? check.id}: ${check.summary}${sample}\n\n`;
  const message = vscode.TestMessage.diff(`${head}${check.message}${head ? '' : sample}`, shown(check.threshold, check.thresholdText, check.unit), shown(check.observed, check.observedText, check.unit));
  message.location = new vscode.Location(uri, toRange(check.range));
  return message;
}

/** Reports a gate's result, and each of its checks', to a run. */
export function reportGate(run: vscode.TestRun, item: vscode.TestItem, gate: WireGate): void {
  const uri = item.uri!;
  const failing: vscode.TestMessage[] = [];
  for (const check of gate.checks) {
    const child = item.children.get(`${item.id}/${check.id}`);
    if (check.status === 'pass') {
      if (child !== undefined) run.passed(child);
      continue;
    }
    const message = checkMessage(uri, check);
    failing.push(message);
    if (child === undefined) continue;
    if (check.status === 'fail') run.failed(child, message);
    else run.errored(child, message);
  }
  // The gate's own compute time, not the moment its results reached the explorer.
  if (gate.status === 'pass') return run.passed(item, gate.durationMs);
  if (failing.length === 0) {
    // An asserted status has no checks: say so at the gate rather than show an empty failure.
    const why = gate.asserted === true ? `${gate.gate}: ${gate.status} is asserted in the card, not computed from evidence.` : `${gate.gate}: ${gate.status}`;
    const message = new vscode.TestMessage(why);
    message.location = new vscode.Location(uri, item.range ?? new vscode.Range(0, 0, 0, 0));
    failing.push(message);
  }
  if (gate.status === 'fail') run.failed(item, failing, gate.durationMs);
  else run.errored(item, failing, gate.durationMs);
}

/** How long a run took, from its start to its end, when both are known. */
export function runDuration(results: CardResults): number | undefined {
  if (results.startedAt === undefined || results.finishedAt === null) return undefined;
  const ms = Date.parse(results.finishedAt) - Date.parse(results.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** Reports the card itself with the run's real duration: failed or errored when a reported gate was. */
export function reportCard(run: vscode.TestRun, card: vscode.TestItem, results: CardResults, reported: readonly WireGate[]): void {
  const duration = runDuration(results);
  if (reported.length === 0) return;
  if (reported.every((g) => g.status === 'pass')) return run.passed(card, duration);
  const message = new vscode.TestMessage(results.verdict.detail);
  if (card.uri !== undefined) message.location = new vscode.Location(card.uri, new vscode.Range(0, 0, 0, 0));
  if (reported.some((g) => g.status === 'error')) run.errored(card, message, duration);
  else run.failed(card, message, duration);
}
