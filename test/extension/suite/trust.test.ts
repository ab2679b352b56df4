/**
 * The one Restricted Mode test. The runners run the suite twice: once in a folder nobody trusted
 * (only this block runs, see index.ts), once in a trusted one (everything else, gate runs included).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFile, waitForDiagnostics } from './editor';
import { FILES } from '../workspace';

describe('in Restricted Mode', () => {
  it('validates cards and runs no gate, as the manifest promises', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opened this pass in a trusted folder');
    const document = await openFile(FILES.broken);
    await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'schema-unknown-property'));
    const example = await openFile(FILES.example);
    const results = await vscode.commands.executeCommand('releaseGates.runAllGates', example.uri);
    assert.equal(results, undefined, 'the command ran gates in Restricted Mode');
  });
});
