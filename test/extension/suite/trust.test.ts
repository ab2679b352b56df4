import * as vscode from 'vscode';
import { codeOf, openFile, waitForDiagnostics } from './editor';
import { skipBecause } from './results';
import { FILES } from '../workspace';

describe('workspace trust', () => {
  it('validates cards in Restricted Mode, as the manifest promises', async function () {
    // The runners open a folder nobody has trusted yet, and tests cannot answer the trust dialog.
    if (vscode.workspace.isTrusted) skipBecause(this, 'this editor trusts the workspace, so Restricted Mode cannot be observed');
    const document = await openFile(FILES.broken);
    await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'schema-unknown-property'));
  });
});
