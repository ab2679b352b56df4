import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFile, ours, rangeOf, schemaDiagnostics, summarize, waitForDiagnostics } from './editor';
import { FILES } from '../workspace';

/** A diagnostic reduced to what the user sees: code, range and severity. */
function shape(diagnostic: vscode.Diagnostic): [string, vscode.Range, vscode.DiagnosticSeverity] {
  return [codeOf(diagnostic), diagnostic.range, diagnostic.severity];
}

describe('diagnostics in the editor', () => {
  it('marks a wrong enum value and a misspelt key at their exact ranges', async () => {
    const document = await openFile(FILES.broken);
    await waitForDiagnostics(document.uri, () => schemaDiagnostics(document.uri).length >= 2);
    const found = schemaDiagnostics(document.uri);
    assert.deepEqual(found.map(shape), [
      ['schema-enum', rangeOf(document, 'canery'), vscode.DiagnosticSeverity.Error],
      ['schema-unknown-property', rangeOf(document, 'stpes'), vscode.DiagnosticSeverity.Error],
    ], summarize(found));
    assert.match(found[1]?.message ?? '', /did you mean "steps"/);
  });

  it('leaves YAML files that are not cards alone', async () => {
    const notCard = await openFile(FILES.notCard);
    // The client only sends cards to the server; the card opened after it is the barrier: once its
    // diagnostics are in, anything the server would have said about the earlier file is in too.
    const card = await openFile(FILES.fix);
    await waitForDiagnostics(card.uri, (diagnostics) => diagnostics.length > 0);
    assert.deepEqual(ours(notCard.uri), [], summarize(ours(notCard.uri)));
  });
});
