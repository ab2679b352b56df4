/**
 * Rule pages open inside the editor: a rule finding's code links to the command that renders the
 * page shipped in the extension (there is no website to send users to), and the command opens it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFile, waitForDiagnostics } from './editor';
import { FILES } from '../workspace';

describe('rule documentation', () => {
  it('links a rule finding to its page rendered from the extension', async () => {
    const document = await openFile(FILES.broken);
    const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'require-canary'));
    const code = diagnostics.find((d) => codeOf(d) === 'require-canary')?.code;
    assert.ok(typeof code === 'object', 'the rule finding has no code link');
    assert.equal(code.target.scheme, 'command');
    assert.equal(code.target.path, 'releaseGates.showDoc');
    assert.deepEqual(JSON.parse(decodeURIComponent(code.target.query)), ['docs/rules/require-canary.md']);
    // Schema codes have no page of their own and no link.
    assert.ok(diagnostics.filter((d) => codeOf(d).startsWith('schema-')).every((d) => typeof d.code !== 'object'));
  });

  it('renders the page it names, and refuses anything outside docs/', async () => {
    const page = await vscode.commands.executeCommand<vscode.Uri | undefined>('releaseGates.showDoc', 'docs/rules/require-canary.md');
    assert.ok(page && page.path.endsWith('/docs/rules/require-canary.md'));
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(page)), /^# require-canary$/m);
    assert.equal(await vscode.commands.executeCommand('releaseGates.showDoc', '../package.json'), undefined);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
