/**
 * Running gates from the card (issue 5). These tests find out what the extension offers and skip,
 * with the reason, when a feature is not there yet; what they find is also passed to the UI test.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFile } from './editor';
import { capabilities, skipBecause } from './results';
import { FILES } from '../workspace';

/** The titles of the code lenses on the example card. */
async function lensTitles(): Promise<string[]> {
  // The client is already running (the activation tests come first) and the server answers in
  // order, so the lens request is handled after the server has read the opened card.
  const document = await openFile(FILES.example);
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
  return lenses.map((lens) => lens.command?.title ?? '').filter((title) => title.length > 0);
}

describe('gate features', () => {
  it('offers a "Run gate" code lens on each gate of the example card', async function () {
    const titles = await lensTitles();
    const runGate = titles.filter((title) => /run gate/i.test(title));
    capabilities['codeLensTitles'] = titles;
    capabilities['runGateLenses'] = runGate.length;
    if (runGate.length === 0) {
      skipBecause(this, `the extension offers no "Run gate" code lens yet (lenses on the example card: ${JSON.stringify(titles)})`);
    }
    assert.ok(runGate.length >= 4, `expected one lens per required gate, got ${JSON.stringify(titles)}`);
  });

  it('registers a "run gate" command', async function () {
    const commands = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('releaseGates.'));
    capabilities['commands'] = commands;
    const run = commands.filter((id) => /run/i.test(id));
    if (run.length === 0) skipBecause(this, `the extension registers no run command yet (its commands: ${JSON.stringify(commands)})`);
    assert.ok(run.length > 0);
  });
});
