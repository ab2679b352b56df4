import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile, waitForDiagnostics } from './editor';
import { FILES } from '../workspace';

describe('activation', () => {
  it('is active and serving once a card is open', async () => {
    const document = await openFile(FILES.broken);
    assert.equal(document.languageId, 'yaml');
    // Diagnostics from our source prove the client started the server and the server read the card.
    await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.length > 0);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(extension?.isActive, true);
  });
});
