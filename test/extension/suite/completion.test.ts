/**
 * Completion as VS Code shows it: choosing a path key opens the file list for its value, the card's
 * files come first by kind, and where the schema has nothing to offer no word guesses appear
 * (the extension turns VS Code's word-based suggestions off for YAML by default).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceFile } from './editor';

/** Writes a new card (one name per text: an open document would keep its old text), opens it, and lists the completion VS Code computes at a line's end. */
async function completionAt(name: string, text: string, line: number): Promise<vscode.CompletionItem[]> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const position = new vscode.Position(line, document.lineAt(line).text.length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items;
}

const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

describe('completion', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of ['keys.release.yaml', 'paths.release.yaml', 'free.release.yaml']) await vscode.workspace.fs.delete(workspaceFile(name)).then(undefined, () => undefined);
  });

  it('turns word-based suggestions off for YAML by default', () => {
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'yaml' }).get('wordBasedSuggestions'), 'off');
  });

  it('re-opens completion after a path key, and lists the file kinds the key reads first', async () => {
    const keys = await completionAt('keys.release.yaml', 'release_id: x\ngates:\n  data:\n    ', 3);
    const reference = keys.find((i) => labelOf(i) === 'reference');
    assert.ok(reference, `no "reference" key in ${JSON.stringify(keys.map(labelOf))}`);
    assert.equal(reference.command?.command, 'editor.action.triggerSuggest');
    const values = await completionAt('paths.release.yaml', 'release_id: x\nartifacts:\n  input_schema: ', 2);
    const files = values.filter((i) => i.kind === vscode.CompletionItemKind.File).sort((a, b) => String(a.sortText).localeCompare(String(b.sortText))).map(labelOf);
    assert.match(files[0] ?? '', /\.schema\.json$/, JSON.stringify(files));
  });

  it('offers no word guesses where the schema has nothing left', async () => {
    // A new key of the free-form labels map: the schema offers nothing there.
    const items = await completionAt('free.release.yaml', 'release_id: same-samples\nlabels:\n  say: samples\n  s', 3);
    assert.deepEqual(items.filter((i) => i.kind === vscode.CompletionItemKind.Text).map(labelOf), []);
  });
});
