/**
 * The readiness report (the twelve pre-rollout questions, answered by the server from the card
 * and its run record) as a read-only markdown document under the `release-gates-readiness:` scheme.
 * Reopening it asks the server again, so the answers follow the card.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReadinessRequest, type ReadinessAnswer } from '../../server/src/protocol';

/** The scheme of readiness documents. */
export const READINESS_SCHEME = 'release-gates-readiness';

/** Text from the server as markdown text: characters markdown would read as markup are escaped. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}

/**
 * The report as markdown, meant for the preview: a verdict line, then each question with its
 * answer, and its reason as a paragraph of its own beneath (not run into the question's line).
 */
export function readinessMarkdown(card: string, report: { releaseId: string | null; ready: boolean; answers: ReadinessAnswer[]; verdict?: { summary: string } }): string {
  const yes = report.answers.filter((a) => a.answer === 'yes').length;
  const lines = [
    `# Readiness of ${markdownText(report.releaseId ?? 'a card without release_id')}`,
    '',
    `Card: \`${card}\``,
    '',
    `**${report.ready ? 'Ready to roll out' : 'Not ready to roll out'}**: ${yes} of ${report.answers.length} questions answered yes.`,
    '',
    ...(report.verdict ? [`Verdict: ${markdownText(report.verdict.summary)}`, ''] : []),
  ];
  for (const a of report.answers) {
    lines.push(`${a.number}. ${a.answer === 'yes' ? '✅ **yes**' : '❌ **no**'}: ${markdownText(a.question)}`, '', `   ${markdownText(a.reason)}`, '');
  }
  return lines.join('\n');
}

/** The readiness document's URI for a card: the card's URI travels in the query. */
export function readinessUri(card: vscode.Uri): vscode.Uri {
  // The card's file name without its extension, so Quick Open's history never offers the report
  // for a search meant for the card itself.
  const name = (card.path.split('/').pop() ?? 'card').replace(/\.ya?ml$/, '');
  return vscode.Uri.from({ scheme: READINESS_SCHEME, path: `/${name} readiness.md`, query: card.toString() });
}

/** Serves readiness documents by asking the server. */
export class ReadinessProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();

  /** Fires when a shown report should be asked for again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  /** Makes an open report ask the server again (VS Code keeps open virtual documents). */
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  /** Markdown for the card named in the URI's query; a failure is explained in the document itself. */
  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const card = vscode.Uri.parse(uri.query);
    try {
      const report = await this.client.sendRequest(ReadinessRequest, { uri: card.toString() }, token);
      return readinessMarkdown(vscode.workspace.asRelativePath(card), report);
    } catch (error) {
      return `# Readiness\n\nThe language server could not answer for \`${vscode.workspace.asRelativePath(card)}\`: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }
}

/**
 * Opens a card's readiness report beside the card, rendered by VS Code's Markdown preview (its
 * source only when no preview is available); returns the report's document.
 */
export async function showReadiness(provider: ReadinessProvider, card: vscode.Uri): Promise<vscode.TextDocument> {
  const uri = readinessUri(card);
  provider.refresh(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('markdown.showPreviewToSide')) await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  else await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return document;
}
