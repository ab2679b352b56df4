import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFile, rangeOf, waitForDiagnostics } from './editor';
import { FILES } from '../workspace';

const isUnknownKey = (d: vscode.Diagnostic): boolean => codeOf(d) === 'schema-unknown-property';

describe('quick fixes', () => {
  afterEach(async () => {
    // The fix edits the document; reverting keeps the workspace as the next test expects it.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('offers the did-you-mean rename for a misspelt key, and applying it clears the diagnostic', async () => {
    const document = await openFile(FILES.fix);
    const [diagnostic] = (await waitForDiagnostics(document.uri, (all) => all.some(isUnknownKey))).filter(isUnknownKey);
    assert.ok(diagnostic);
    assert.deepEqual(diagnostic.range, rangeOf(document, 'stpes'));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value,
    );
    const rename = actions.find((action) => action.title === 'Rename "stpes" to "steps"');
    assert.ok(rename, `offered: ${JSON.stringify(actions.map((action) => action.title))}`);
    assert.equal(rename.isPreferred, true);
    assert.ok(rename.edit, 'the quick fix carries its edit');

    assert.equal(await vscode.workspace.applyEdit(rename.edit), true);
    assert.equal(document.getText(rangeOf(document, 'steps:')), 'steps:');
    await waitForDiagnostics(document.uri, (all) => !all.some(isUnknownKey));
  });
});
