/** Helpers for tests that run inside the VS Code extension host. */
import * as vscode from 'vscode';

/** Our extension's id: `<publisher>.<name>` from package.json. */
export const EXTENSION_ID = 'release-gates.release-gates';

/** The `source` our language server puts on every diagnostic. */
export const SOURCE = 'release-gates';

/** How long the first diagnostics may take: the server starts with the first card. */
export const DIAGNOSTICS_TIMEOUT_MS = 30_000;

/** A file of the first workspace folder, which the runners fill from `test/extension/workspace.ts`. */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error('the tests need a workspace folder; the runner opens one');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a workspace file in an editor, as a user would. */
export async function openFile(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The diagnostic's code as a string, whether or not it carries a documentation link. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** Our diagnostics on a document (other extensions' are ignored). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** A compact description of diagnostics for assertion messages. */
export function summarize(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`));
}

/**
 * Resolves with our diagnostics on `uri` as soon as `accept` holds for them. It listens to
 * diagnostics changes rather than sleeping, and fails with what it last saw after the timeout.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    const check = (): void => {
      const current = ours(uri);
      if (!accept(current)) return;
      finish();
      resolve(current);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no matching diagnostics on ${uri.path} after ${timeoutMs} ms; last seen ${summarize(ours(uri))}`));
    }, timeoutMs);
    check();
  });
}

/** Our diagnostics whose code starts with `schema-`, in document order. */
export function schemaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return ours(uri)
    .filter((d) => codeOf(d).startsWith('schema-'))
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

/** The range of the first occurrence of `needle` in a document. */
export function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const offset = document.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
}
