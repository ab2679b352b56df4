/**
 * Which files are release cards, for the client's own features (tests, status bar, commands). The
 * server decides the same from the same patterns; the client only needs it to pick targets.
 */
import * as vscode from 'vscode';

export { GATE_IDS } from './gate-ids';

/** The built-in card patterns; `releaseGates.cardGlobs` adds more. */
const CARD_PATTERNS = ['**/release-card.{yaml,yml}', '**/*.release.{yaml,yml}'];

/** All card glob patterns in effect now (built-in plus the user's). */
export function cardPatterns(): string[] {
  const extra = vscode.workspace.getConfiguration('releaseGates').get<string[]>('cardGlobs', []);
  return [...CARD_PATTERNS, ...extra];
}

/** A document selector for cards only (the server's selector also covers the project config). */
export function cardSelector(): vscode.DocumentFilter[] {
  return cardPatterns().map((pattern) => ({ scheme: 'file', language: 'yaml', pattern }));
}

/** True when the document is a release card. */
export function isCard(document: vscode.TextDocument): boolean {
  return vscode.languages.match(cardSelector(), document) > 0;
}

/** The card in the active editor, if any. */
export function activeCard(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document !== undefined && isCard(document) ? document.uri : undefined;
}

/** Every card file in the workspace (node_modules left out). */
export async function findCards(): Promise<vscode.Uri[]> {
  const found = await Promise.all(cardPatterns().map((p) => vscode.workspace.findFiles(p, '**/node_modules/**')));
  const unique = new Map(found.flat().map((uri) => [uri.toString(), uri]));
  return [...unique.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The card a command acts on: its argument (a Uri from a menu, or a string from a code lens),
 * else the active editor's card, else one the user picks from the workspace.
 */
export async function targetCard(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length > 0) return vscode.Uri.parse(arg);
  const active = activeCard();
  if (active !== undefined) return active;
  const cards = await findCards();
  if (cards.length === 1) return cards[0];
  if (cards.length === 0) {
    void vscode.window.showInformationMessage('No release card in this workspace. Create one with "Release Gates: New Release Card".');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    cards.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: 'Which release card?' },
  );
  return picked?.uri;
}
