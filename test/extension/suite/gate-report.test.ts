/**
 * Results people read at a glance (issue 16), inside VS Code: the gate report opens beside the card
 * in a webview drawn by the server (every gate, charts with thresholds after a run, no script) and
 * follows runs; a run started from a lens goes through the command that shows progress; the Test
 * Explorer names checks as the card does; the readiness report's reasons stand on lines of their own.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReleaseGatesApi } from '../../../client/src/extension';
import { EXTENSION_ID, openFile } from './editor';
import { capabilities, skipBecause } from './results';
import { FILES } from '../workspace';

const GATES = ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'];

/** The client's exported API. */
async function api(): Promise<ReleaseGatesApi> {
  const extension = vscode.extensions.getExtension<ReleaseGatesApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

/** Resolves when `check` holds for the panel's HTML (it is drawn again after each run). */
function htmlWhere(panel: vscode.WebviewPanel, check: (html: string) => boolean, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      const html = panel.webview.html;
      if (check(html)) return resolve(html);
      if (Date.now() - started > timeoutMs) return reject(new Error(`the gate report did not update: ${html.slice(0, 300)}`));
      setTimeout(poll, 100);
    };
    poll();
  });
}

describe('gate report and readable results', () => {
  it('opens the gate report beside the card in a webview without scripts', async () => {
    const document = await openFile(FILES.example);
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('releaseGates.openGateReport', document.uri);
    assert.ok(panel, 'releaseGates.openGateReport opened no panel');
    capabilities['gateReport'] = true;
    assert.equal(panel.viewType, 'releaseGates.gateReport');
    assert.equal(panel.webview.options.enableScripts, false);
    assert.match(panel.title, /^Gate report/);
    const html = panel.webview.html;
    for (const gate of GATES) assert.match(html, new RegExp(`<section id="gate-${gate}"`), `no ${gate} section`);
    assert.match(html, /<body class="vscode">/);
    assert.doesNotMatch(html, /<script/i);
    assert.equal((await api()).gateReports.panelOf(document.uri), panel);
  });

  it('runs gates from the lens command through the palette command, and the report follows the run', async function () {
    if (!vscode.workspace.isTrusted) skipBecause(this, 'the workspace is in Restricted Mode, where gates do not run');
    const document = await openFile(FILES.example);
    const panel = (await api()).gateReports.panelOf(document.uri) ?? (await vscode.commands.executeCommand<vscode.WebviewPanel>('releaseGates.openGateReport', document.uri));
    // What a click on "▶ Run all gates" executes: the server's command, routed by the client's middleware.
    const results = await vscode.commands.executeCommand<{ gates: unknown[] } | undefined>('releaseGates.server.runGates', document.uri.toString());
    assert.ok(results && results.gates.length === 7, 'the lens command did not return the results of the palette command');
    const html = await htmlWhere(panel, (h) => (h.match(/<figure class="chart"/g) ?? []).length >= 8);
    assert.ok((html.match(/aria-label="threshold/g) ?? []).length >= 8, 'charts without threshold marks');
  });

  it('names checks in the Test Explorer as the card does, with what they compared', async function () {
    if (!vscode.workspace.isTrusted) skipBecause(this, 'the workspace is in Restricted Mode, where gates do not run');
    const { testController } = await api();
    const document = await openFile(FILES.example);
    await vscode.commands.executeCommand('releaseGates.runGate', document.uri, 'robustness');
    const card = testController.items.get(document.uri.toString());
    const gate = card?.children.get(`${card.id}#robustness`);
    assert.ok(gate, 'no robustness item');
    const labels: string[] = [];
    const descriptions: string[] = [];
    gate.children.forEach((check) => {
      labels.push(check.label);
      descriptions.push(check.description ?? '');
    });
    assert.ok(labels.some((l) => /^suite '[^']+ [^']+': pass rate$/.test(l)), `labels are ids, not the card's names: ${JSON.stringify(labels)}`);
    assert.ok(!labels.some((l) => /^suite\.[a-z_]+\./.test(l)), JSON.stringify(labels));
    assert.ok(descriptions.some((d) => /^\d+(\.\d+)? % ≥ \d+(\.\d+)? % required$/.test(d)), JSON.stringify(descriptions));
  });

  it('writes each readiness answer with its reason on a line of its own', async () => {
    const document = await openFile(FILES.example);
    const report = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('releaseGates.showReadiness', document.uri);
    assert.ok(report);
    const text = report.getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const answers = text.match(/^\d+\. (✅|❌) \*\*(yes|no)\*\*: .+\n\n {3}\S/gm) ?? [];
    assert.equal(answers.length, 12, text);
    assert.doesNotMatch(text, /\d\.\d{6,}/, 'unrounded numbers');
  });
});
