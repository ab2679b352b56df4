/**
 * The card's base version (what `release-gates review` compares with) as a read-only document
 * under the `release-gates-base:` scheme, and the command that opens VS Code's diff editor
 * between it and the working card. The server looks the base up with git; the client only shows it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BaseCardRequest, type BaseCard } from '../../server/src/protocol';

/** The scheme of base documents. */
export const BASE_SCHEME = 'release-gates-base';

/** Serves base versions by asking the server; the last answer per card is reused for the diff it was asked for. */
export class BaseCardProvider implements vscode.TextDocumentContentProvider {
  private readonly last = new Map<string, BaseCard>();

  constructor(private readonly client: LanguageClient) {}

  /** Asks the server for a card's base version (rejects with the server's reason). */
  async fetch(card: vscode.Uri, token?: vscode.CancellationToken): Promise<BaseCard> {
    const base = await this.client.sendRequest(BaseCardRequest, { uri: card.toString() }, token);
    this.last.set(card.toString(), base);
    return base;
  }

  /** The base text of the card named in the URI's query. */
  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const card = uri.query;
    const known = this.last.get(card);
    if (known) return known.text;
    try {
      return (await this.fetch(vscode.Uri.parse(card), token)).text;
    } catch (error) {
      return `# The base version could not be read: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }
}

/** The base document's URI for a card: the card's URI in the query, its file name in the path (so the diff shows YAML). */
export function baseUri(card: vscode.Uri, base: BaseCard): vscode.Uri {
  const name = base.path.split('/').pop() ?? 'card.yaml';
  return vscode.Uri.from({ scheme: BASE_SCHEME, path: `/${base.label}/${name}`, query: card.toString() });
}

/** Opens the diff editor: the base version on the left, the working card on the right. */
export async function diffWithBase(provider: BaseCardProvider, card: vscode.Uri): Promise<vscode.Uri | undefined> {
  let base: BaseCard;
  try {
    base = await provider.fetch(card);
  } catch (error) {
    void vscode.window.showInformationMessage(`Release Gates: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const left = baseUri(card, base);
  const title = `${vscode.workspace.asRelativePath(card)} (${base.label} ↔ working tree)`;
  await vscode.commands.executeCommand('vscode.diff', left, card, title, { preview: true });
  return left;
}
