/**
 * The gate report beside the card: a webview whose HTML the server renders (`releaseGates/
 * gateReport`, the same renderer as `release-gates run --format html`, in VS Code's colours). The
 * page has no script and its policy forbids every request, so the webview runs with scripts off
 * and no local resources. It is drawn again whenever the card's results change, so it follows runs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GateReportRequest } from '../../server/src/protocol';
import type { ResultsStore } from './results';

/** The webview type of gate reports. */
export const GATE_REPORT_VIEW = 'releaseGates.gateReport';

/** One panel per card, kept up to date with the card's results. */
export class GateReportViews implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly client: LanguageClient, results: ResultsStore, private readonly log: vscode.LogOutputChannel) {
    this.subscription = results.onDidChange((changed) => {
      const panel = this.panels.get(changed.uri);
      if (panel !== undefined) void this.render(vscode.Uri.parse(changed.uri), panel);
    });
  }

  /** The open panel of a card, if any (for tests and the status bar). */
  panelOf(card: vscode.Uri): vscode.WebviewPanel | undefined {
    return this.panels.get(card.toString());
  }

  /** Opens (or reveals) the card's report beside it, drawn from its current results. */
  async open(card: vscode.Uri): Promise<vscode.WebviewPanel> {
    const key = card.toString();
    let panel = this.panels.get(key);
    if (panel === undefined) {
      panel = vscode.window.createWebviewPanel(GATE_REPORT_VIEW, `Gate report: ${card.path.split('/').pop() ?? 'card'}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: false, enableCommandUris: false, localResourceRoots: [], retainContextWhenHidden: false,
      });
      this.panels.set(key, panel);
      panel.onDidDispose(() => this.panels.delete(key));
    } else panel.reveal(vscode.ViewColumn.Beside, true);
    await this.render(card, panel);
    return panel;
  }

  /** Asks the server for the report and shows it; a failure is explained in the panel itself. */
  private async render(card: vscode.Uri, panel: vscode.WebviewPanel): Promise<void> {
    try {
      const report = await this.client.sendRequest(GateReportRequest, { uri: card.toString() });
      if (this.panels.get(card.toString()) !== panel) return;
      panel.title = report.title;
      panel.webview.html = report.html;
    } catch (error) {
      this.log.error(`gate report of ${card.toString()}: ${String(error)}`);
      panel.webview.html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>Gate report</title></head><body><h1>Gate report</h1><p>The language server could not draw the report of ${escapeHtml(vscode.workspace.asRelativePath(card))}: ${escapeHtml(error instanceof Error ? error.message : String(error))}</p></body></html>`;
    }
  }

  /** Closes every panel. */
  dispose(): void {
    this.subscription.dispose();
    for (const panel of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
