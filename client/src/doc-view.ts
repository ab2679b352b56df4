/** Renders the documentation pages shipped in the extension, and points diagnostics' code links at them. */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { isShippedPage, shippedPage, showDocCommandUri } from './doc-links';

/** A diagnostic whose code links to a shipped page, linked to the command that renders it instead. */
function withRenderedLink(d: vscode.Diagnostic, extension: vscode.Uri): vscode.Diagnostic {
  const code = d.code;
  if (typeof code !== 'object' || code === null || code.target.scheme !== 'file') return d;
  const page = shippedPage(code.target.path, extension.path);
  if (page !== undefined) d.code = { value: code.value, target: vscode.Uri.parse(showDocCommandUri(page)) };
  return d;
}

/** Middleware that rewrites the code links of every published diagnostic. */
export function docLinkMiddleware(extension: vscode.Uri): Middleware['handleDiagnostics'] {
  return (uri, diagnostics, next) => next(uri, diagnostics.map((d) => withRenderedLink(d, extension)));
}

/** Opens a shipped page (`docs/…md`) rendered, beside nothing else; returns its URI. */
export async function showDoc(extension: vscode.Uri, page: unknown): Promise<vscode.Uri | undefined> {
  if (!isShippedPage(page)) return undefined;
  const file = vscode.Uri.joinPath(extension, ...page.split('/'));
  await vscode.commands.executeCommand('markdown.showPreview', file);
  return file;
}
